/**
 * A 事務 is a folder (schemas/decisions/0005-office-folder.md): a 評価書 belongs to its own folder's 事務, or to its
 * parent folder's when that folder holds an assessment.yaml too (one level). This module groups validated
 * documents into 事務 and runs the rules across them.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../report/diagnostic.ts';
import { fillTemplate } from '../report/diagnostic.ts';
import { loadFile, type LoadedDocument } from '../load/load-file.ts';
import { assessmentNames } from '../load/assessment-files.ts';
import { loadForms, type JsonSchema } from '../schema/registry.ts';
import { officeRules } from './rules/catalogue.ts';
import { validateMany } from '../validate/validate-many.ts';
import type { Office, OfficeRule } from './rule.ts';
import { groupOffices, type Grouped } from './group.ts';
import { applyWaivers } from '../validate/validate.ts';

export { groupOffices };

/** The 事務 folder of an assessment file. */
export function officeDirOf(file: string): string {
  const dir = path.dirname(path.resolve(file));
  const parent = path.dirname(dir);
  const holdsAssessment = ['assessment.yaml', 'assessment.yml'].some((name) => existsSync(path.join(parent, name)));
  return holdsAssessment ? parent : dir;
}

export interface OfficeOptions {
  strict?: boolean;
  rules?: readonly OfficeRule[];
  /**
   * Every 評価書 of the city was read (not only some 事務): only then can a waiver of a rule across 事務
   * (meta.acrossOffices, e.g. a shared 評価書番号) be found stale.
   */
  wholeCity?: boolean;
  /** Where a pointer is in a file (default: the file is read again and its YAML located). */
  locate?: (file: string, pointer: string) => { line: number; col: number };
  /** For the default `locate`: locations already known (validateMany's `locations`), before reading the file. */
  known?: (file: string, pointer: string) => { line: number; col: number } | undefined;
}

/**
 * Findings of the 事務 rules as located diagnostics (each file is parsed again only when it has a finding or a
 * waiver). A finding is waived by a 検証の例外 of the 評価書 it is located in, as a document rule's finding is
 * (schemas/decisions/0007-office-waivers.md).
 */
export function officeDiagnostics(offices: readonly Office[], options: OfficeOptions = {}): Diagnostic[] {
  const loaded = new Map<string, LoadedDocument | undefined>();
  const locateIn = options.locate ?? ((file: string, pointer: string) => {
    const known = options.known?.(file, pointer);
    if (known) return known;
    if (!loaded.has(file)) {
      const r = loadFile(file);
      loaded.set(file, r.ok ? r.loaded : undefined);
    }
    return loaded.get(file)?.locate(pointer) ?? { line: 1, col: 1 };
  });
  const out: Diagnostic[] = [];
  const rules = options.rules ?? officeRules;
  for (const rule of rules) {
    for (const f of rule.check(offices)) {
      const severity = f.completeness ? (options.strict ? 'error' : 'warning') : (f.level ?? rule.meta.level);
      const data = { ...f.data };
      // {otherAt}: "file:line:col" of a related document's item, given as data.otherFile + data.otherPath.
      if (typeof data.otherFile === 'string') {
        const at = locateIn(data.otherFile, String(data.otherPath ?? ''));
        data.otherAt = `${data.otherFile}:${at.line}:${at.col}`;
      }
      out.push({
        rule: rule.meta.id,
        severity,
        file: f.file,
        ...locateIn(f.file, f.path),
        path: f.path,
        message: fillTemplate(rule.meta.messages[f.messageId] ?? f.messageId, data),
        hint: rule.meta.hints?.[f.messageId] !== undefined ? fillTemplate(rule.meta.hints[f.messageId]!, data) : undefined,
      });
    }
  }
  return waived(out, offices, rules, options.wholeCity ?? false, locateIn);
}

/** 検証の例外 of each 評価書 applied to the 事務 rules' findings located in it; unused ones are stale. */
function waived(findings: Diagnostic[], offices: readonly Office[], rules: readonly OfficeRule[], wholeCity: boolean, locateIn: (file: string, pointer: string) => { line: number; col: number }): Diagnostic[] {
  const ids = new Set(rules.map((r) => r.meta.id));
  const acrossOffices = new Set(rules.filter((r) => r.meta.acrossOffices).map((r) => r.meta.id));
  const owns = (rule: string) => ids.has(rule);
  const stale = (rule: string) => wholeCity || !acrossOffices.has(rule);
  const byFile = Map.groupBy(findings, (f) => f.file);
  const replaced = new Map<Diagnostic, Diagnostic>();
  const staleOnes: Diagnostic[] = [];
  for (const doc of offices.flatMap((o) => o.documents)) {
    if (!Array.isArray(doc.data['検証の例外'])) continue;
    const mine = byFile.get(doc.file) ?? [];
    const after = applyWaivers(mine, doc.data, { file: doc.file, locate: (pointer) => locateIn(doc.file, pointer) }, owns, stale);
    mine.forEach((finding, i) => replaced.set(finding, after[i]!));
    staleOnes.push(...after.slice(mine.length));
  }
  const out = findings.map((f) => replaced.get(f) ?? f);
  out.push(...staleOnes);
  return out;
}

/** The assessment files of a 事務 folder: its own and those one folder below. */
export function officeFiles(dir: string): string[] {
  // As globSync('{assessment.{yaml,yml},*/assessment.{yaml,yml}}', { cwd: dir }) finds them (entries by name, in
  // folders that are neither hidden nor symbolic links), by two directory reads: the pattern was compiled again
  // for each of 1,000 事務 (test/validate/fast-rules.test.ts compares the two).
  const entries = (at: string) => {
    try {
      return readdirSync(at, { withFileTypes: true });
    } catch {
      return [];
    }
  };
  const found: string[] = [];
  for (const entry of entries(dir)) {
    if (assessmentNames.has(entry.name)) found.push(entry.name);
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    for (const inner of entries(path.join(dir, entry.name))) if (assessmentNames.has(inner.name)) found.push(`${entry.name}/${inner.name}`);
  }
  return found.sort().map((f) => path.join(dir, f));
}


/**
 * The 事務 rules for validated files. The other 評価書 of each 事務 touched are read too (structure only), so that
 * `pia validate one/assessment.yaml` still sees its pair; their own content findings are not reported.
 */
export async function officeDiagnosticsFor(results: readonly Grouped[], options: Omit<OfficeOptions, 'rules'> = {}): Promise<Diagnostic[]> {
  const given = new Set(results.map((r) => path.resolve(r.file)));
  const dirs = new Set(results.map((r) => officeDirOf(r.file)));
  const companions = [...dirs].flatMap((dir) => officeFiles(dir)).filter((f) => !given.has(path.resolve(f)))
    .map((f) => path.relative(process.cwd(), f));
  const extra = companions.length > 0 ? await validateMany(companions, { schemaOnly: true }) : [];
  const all = [...results, ...extra];
  const locations = new Map(all.flatMap((r) => (r.locations ? [[r.file, r.locations] as const] : [])));
  const known = (file: string, pointer: string) => {
    const at = locations.get(file)?.[pointer];
    return at ? { line: at[0], col: at[1] } : undefined;
  };
  return officeDiagnostics(groupOffices(all, formSchemas()), { known, ...options });
}

/** The form schemas by 様式 name, for groupOffices. */
export function formSchemas(): Map<string, JsonSchema> {
  return new Map([...loadForms().values()].map((f) => [f.formName, f.schema]));
}
