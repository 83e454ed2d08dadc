/**
 * A 事務 is a folder (schemas/decisions/0005-office-folder.md): a 評価書 belongs to its own folder's 事務, or to its
 * parent folder's when that folder holds an assessment.yaml too (one level). This module groups validated
 * documents into 事務 and runs the rules across them.
 */
import { existsSync, globSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../report/diagnostic.ts';
import { fillTemplate } from '../report/diagnostic.ts';
import { loadFile, type LoadedDocument } from '../load/load-file.ts';
import { loadForms, type JsonSchema } from '../schema/registry.ts';
import { officeRules } from './rules/catalogue.ts';
import { validateMany } from '../validate/validate-many.ts';
import type { Office, OfficeRule } from './rule.ts';
import { groupOffices, type Grouped } from './group.ts';

export { groupOffices };

/** The 事務 folder of an assessment file. */
export function officeDirOf(file: string): string {
  const dir = path.dirname(path.resolve(file));
  const parent = path.dirname(dir);
  const holdsAssessment = ['assessment.yaml', 'assessment.yml'].some((name) => existsSync(path.join(parent, name)));
  return holdsAssessment ? parent : dir;
}

/** Findings of the 事務 rules as located diagnostics (each file is parsed again only when it has a finding). */
export function officeDiagnostics(offices: readonly Office[], options: { strict?: boolean; rules?: readonly OfficeRule[] } = {}): Diagnostic[] {
  const loaded = new Map<string, LoadedDocument | undefined>();
  const locateIn = (file: string, pointer: string) => {
    if (!loaded.has(file)) {
      const r = loadFile(file);
      loaded.set(file, r.ok ? r.loaded : undefined);
    }
    return loaded.get(file)?.locate(pointer) ?? { line: 1, col: 1 };
  };
  const out: Diagnostic[] = [];
  for (const rule of options.rules ?? officeRules) {
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
  return out;
}

/** The assessment files of a 事務 folder: its own and those one folder below. */
export function officeFiles(dir: string): string[] {
  return globSync('{assessment.{yaml,yml},*/assessment.{yaml,yml}}', { cwd: dir }).sort().map((f) => path.join(dir, f));
}

/**
 * The 事務 rules for validated files. The other 評価書 of each 事務 touched are read too (structure only), so that
 * `pia validate one/assessment.yaml` still sees its pair; their own content findings are not reported.
 */
export async function officeDiagnosticsFor(results: readonly Grouped[], options: { strict?: boolean } = {}): Promise<Diagnostic[]> {
  const given = new Set(results.map((r) => path.resolve(r.file)));
  const dirs = new Set(results.map((r) => officeDirOf(r.file)));
  const companions = [...dirs].flatMap((dir) => officeFiles(dir)).filter((f) => !given.has(path.resolve(f)))
    .map((f) => path.relative(process.cwd(), f));
  const extra = companions.length > 0 ? await validateMany(companions, { schemaOnly: true }) : [];
  return officeDiagnostics(groupOffices([...results, ...extra], formSchemas()), options);
}

/** The form schemas by 様式 name, for groupOffices. */
export function formSchemas(): Map<string, JsonSchema> {
  return new Map([...loadForms().values()].map((f) => [f.formName, f.schema]));
}
