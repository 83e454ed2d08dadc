/**
 * load → form → schema (ajv) → semantic rules → waivers. Shared by the CLI, the PDF renderer and the site loader.
 */
import type { Diagnostic } from '../report/diagnostic.ts';
import { fillTemplate } from '../report/diagnostic.ts';
import { loadFile, loadFileCached, loadText, loadTextCached, type LoadedDocument } from '../load/load-file.ts';
import { loadForms, type FormDefinition, type JsonSchema } from '../schema/registry.ts';
import { todayInJapan } from '../model/wareki.ts';
import { arrayAt, isObject, stringAt } from '../model/access.ts';
import { schemaDiagnostics } from './schema-errors.ts';
import { validationRules } from './rules/catalogue.ts';
import type { Rule } from './rule.ts';
import { formRoles, missingRoles } from '../model/roles.ts';
import { withReadMemo } from '../model/read-memo.ts';
import { officeRules } from '../office/rules/catalogue.ts';

/** Rules across the 評価書 of a 事務: their waivers are applied, and found stale, by the 事務 stage (src/office/office.ts). */
const officeRuleIds = new Set(officeRules.map((r) => r.meta.id));

export interface ValidateOptions {
  /** Publication mode: missing items, blanks and unknown checkboxes are errors. */
  strict?: boolean;
  /** ISO date used as "today" (default: today in Japan, or PIA_TODAY). */
  today?: string;
  rules?: readonly Rule[];
  /**
   * Only what rendering needs: the file loads and matches its form's structure. No content rules, no waivers
   * (the site loader: `pia validate` and `pia build` report the findings).
   */
  schemaOnly?: boolean;
  /** Reuse the parse of a text already loaded in this process (src/load/load-cache.ts, keyed by its SHA-256). */
  cache?: boolean;
}

export interface ValidationResult {
  file: string;
  loaded?: LoadedDocument;
  form?: FormDefinition;
  /** The assessment data, when it matched its form's structure well enough to render. */
  data?: Record<string, unknown>;
  diagnostics: Diagnostic[];
  /** False when the structure is wrong: no PDF or page can be made from it. */
  renderable: boolean;
}

export function validateFile(file: string, options: ValidateOptions = {}): ValidationResult {
  const result = options.cache ? loadFileCached(file) : loadFile(file);
  if (!result.ok) return { file, diagnostics: result.diagnostics, renderable: false };
  return validateLoaded(result.loaded, options);
}

export function validateText(file: string, text: string, options: ValidateOptions = {}): ValidationResult {
  const result = options.cache ? loadTextCached(file, text) : loadText(file, text);
  if (!result.ok) return { file, diagnostics: result.diagnostics, renderable: false };
  return validateLoaded(result.loaded, options);
}

export function validateLoaded(loaded: LoadedDocument, options: ValidateOptions = {}): ValidationResult {
  const { file } = loaded;
  const data = loaded.data as Record<string, unknown>;
  const forms = loadForms();
  const formName = data['様式'];
  const form = typeof formName === 'string' ? forms.get(formName) : undefined;
  if (!form) {
    const known = [...forms.keys()].join('、');
    const where = '様式' in data ? loaded.locate('/様式') : { line: 1, col: 1 };
    return {
      file,
      loaded,
      renderable: false,
      diagnostics: [{
        rule: 'form-unknown',
        severity: 'error',
        file,
        ...where,
        path: '/様式',
        message: '様式' in data ? `様式「${String(formName)}」はこのツールで扱えません。` : '「様式」がありません。どの様式の評価書か分かりません。',
        hint: `最初の項目に「様式: ${[...forms.keys()][0]}」のように書いてください。扱える様式: ${known}`,
      }],
    };
  }

  const strict = options.strict ?? false;
  const valid = form.validate(data);
  const diagnostics = valid ? [] : schemaDiagnostics(form.validate.errors ?? [], loaded, form.schema, strict);
  // Rules read the data assuming its shape is right; a wrong shape is reported by the schema alone.
  const structural = diagnostics.filter((d) => d.rule !== 'schema-required');
  if (structural.length > 0) return { file, loaded, form, diagnostics, renderable: false };

  if (options.schemaOnly) return { file, loaded, form, data, diagnostics, renderable: true };
  const context = { data, schema: form.schema, today: options.today ?? todayInJapan() };
  const findings: Diagnostic[] = [];
  // The rules share their reads of this document (role values, the schema walk, its strings): read-memo.ts.
  const ruleFindings = withReadMemo(form.schema, data, () =>
    applicableRules(form.schema, options.rules ?? validationRules).map((rule) => ({ rule, found: rule.check(context) })),
  );
  for (const { rule, found } of ruleFindings) {
    for (const finding of found) {
      const level = finding.completeness ? (strict ? 'error' : 'warning') : (finding.level ?? rule.meta.level);
      const { line, col } = loaded.locate(finding.path);
      const hint = rule.meta.hints?.[finding.messageId];
      findings.push({
        rule: rule.meta.id,
        severity: level,
        file,
        line,
        col,
        path: finding.path,
        message: fillTemplate(rule.meta.messages[finding.messageId] ?? finding.messageId, finding.data),
        hint: hint !== undefined ? fillTemplate(hint, finding.data) : undefined,
      });
    }
  }
  diagnostics.push(...applyWaivers(findings, data, loaded, (rule) => !officeRuleIds.has(rule)));
  diagnostics.sort((a, b) => a.line - b.line || a.col - b.col || a.rule.localeCompare(b.rule));
  return { file, loaded, form, data, diagnostics, renderable: true };
}

/** The rules that apply to a form (those it lacks a role for are listed by pia rules --form), once per form and list. */
const applicable = new WeakMap<JsonSchema, WeakMap<readonly Rule[], readonly Rule[]>>();

function applicableRules(schema: JsonSchema, rules: readonly Rule[]): readonly Rule[] {
  let byList = applicable.get(schema);
  if (byList === undefined) applicable.set(schema, (byList = new WeakMap()));
  let found = byList.get(rules);
  if (found === undefined) {
    const roles = formRoles(schema);
    byList.set(rules, (found = rules.filter((rule) => missingRoles(rule.meta, roles).length === 0)));
  }
  return found;
}

/**
 * 検証の例外: a finding a reviewer accepted, with a reason, becomes information; an unused waiver is stale.
 * `owns` picks the waivers of this stage by their 規則 (document rules here, 事務 rules in src/office/office.ts);
 * `stale` (default: all) which of the unused ones are reported.
 */
export function applyWaivers(findings: Diagnostic[], data: Record<string, unknown>, at: Pick<LoadedDocument, 'file' | 'locate'>, owns: (rule: string) => boolean = () => true, stale: (rule: string) => boolean = () => true): Diagnostic[] {
  const waivers = arrayAt(data, '検証の例外').map((w, i) => ({ w, i })).filter(({ w }) => isObject(w) && owns(stringAt(w, '規則') ?? ''));
  const used = new Set<number>();
  const out = findings.map((finding) => {
    const found = waivers.find(({ w }) => stringAt(w, '規則') === finding.rule && (stringAt(w, '項目') === undefined || finding.path.startsWith(stringAt(w, '項目')!)));
    if (!found) return finding;
    used.add(found.i);
    return { ...finding, severity: 'info' as const, message: `${finding.message}(確認済み: ${stringAt(found.w, '理由')})` };
  });
  for (const { w: waiver, i } of waivers) {
    if (used.has(i) || !stale(stringAt(waiver, '規則') ?? '')) continue;
    out.push({
      rule: 'stale-waiver',
      severity: 'warning',
      file: at.file,
      ...at.locate(`/検証の例外/${i}`),
      path: `/検証の例外/${i}`,
      message: `検証の例外(規則 ${stringAt(waiver, '規則')})に当たる指摘がありません。`,
      hint: '記載が直ったのなら、この例外を削除してください。',
    });
  }
  return out;
}
