/** Generated assessments for site tests and the bench: the reference assessment, and numbered variants of it. */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JsonSchema } from '../../src/schema/registry.ts';
import { resolveRef } from '../../src/schema/walk.ts';
import { validateText } from '../../src/validate/validate.ts';

export const referenceSlug = 'koshigaya-48-kodomo-iryohi';
export const referenceFile = fileURLToPath(new URL(`../../assessments/${referenceSlug}/assessment.yaml`, import.meta.url));

/** A variant of the reference with its own 評価書番号, 評価書名 and one changed sentence. */
export function variantText(n: number, text = readFileSync(referenceFile, 'utf8')): string {
  return text
    .replace(/^  評価書番号: 48$/m, `  評価書番号: ${1000 + n}`)
    .replace(/^  評価書名: こども医療費の支給に関する事務 重点項目評価書$/m, `  評価書名: 試験用の事務${n} 重点項目評価書`)
    .replace('受付票を作成し、', `受付票(第${n}号様式)を作成し、`);
}

/** Writes the reference (when withReference) and `count` variants as <dir>/<slug>/assessment.yaml. */
export function writeAssessments(dir: string, count: number, options: { withReference?: boolean } = {}): string[] {
  const text = readFileSync(referenceFile, 'utf8');
  const files: string[] = [];
  if (options.withReference ?? true) {
    mkdirSync(path.join(dir, referenceSlug), { recursive: true });
    cpSync(referenceFile, path.join(dir, referenceSlug, 'assessment.yaml'));
    files.push(path.join(dir, referenceSlug, 'assessment.yaml'));
  }
  for (let n = 1; n <= count; n++) {
    const file = path.join(dir, `variant-${String(n).padStart(4, '0')}`, 'assessment.yaml');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, variantText(n, text));
    files.push(file);
  }
  return files;
}

/** Fills what `validate --strict` finds missing or unknown, generically from the schema, until the document is clean. */
export function strictClean(input: Record<string, unknown>, schema: JsonSchema): Record<string, unknown> {
  const doc = structuredClone(input) as Record<string, any>;
  const sample = (s: JsonSchema): unknown => {
    const r = resolveRef(schema, s);
    if (r.enum) return r.enum[0];
    if (r.const !== undefined) return r.const;
    if (r['x-render'] === 'date') return '2026-03-30';
    if (r['x-render'] === 'checkbox') return r.properties ? { 選択: false } : false;
    if (r['x-render'] === 'checkboxes' || r['x-render'] === 'checkbox-groups') return Object.fromEntries(Object.keys(r.properties ?? {}).map((k) => [k, sample(r.properties![k]!)]));
    if (r.items) return [];
    if (r.properties) return Object.fromEntries((r.required ?? []).map((k) => [k, sample(r.properties![k]!)]));
    const types = Array.isArray(r.type) ? r.type : [r.type];
    if (types.includes('integer') || types.includes('number')) return 1;
    if (types.includes('boolean')) return false;
    return '記載';
  };
  const setAt = (pointer: string, value: unknown) => {
    const parts = pointer.split('/').slice(1).map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
    let at = doc as any;
    for (const p of parts.slice(0, -1)) at = at[p];
    at[parts.at(-1)!] = value;
  };
  const schemaAtPointer = (pointer: string) => {
    let s = resolveRef(schema, schema);
    for (const p of pointer.split('/').slice(1)) s = resolveRef(schema, /^\d+$/.test(p) ? s.items! : s.properties![p.replaceAll('~1', '/').replaceAll('~0', '~')]!);
    return s;
  };
  // Unknown boxes become unchecked; the しきい値判断 agrees with the counts; 変更日 are past.
  const unknown = (v: unknown): unknown => (v === '不明' ? false : Array.isArray(v) ? v.map(unknown) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unknown(x)])) : v);
  Object.assign(doc, unknown(doc));
  for (let round = 0; round < 6; round++) {
    const result = validateText('clean.yaml', JSON.stringify(doc), { strict: true, today: '2030-01-01' });
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length === 0) return doc;
    for (const e of errors) {
      if (e.rule === 'schema-required') setAt(e.path, sample(schemaAtPointer(e.path)));
      // A box that states the same fact as another (linked-facts) takes the state that agrees with it.
      else if (e.rule === 'linked-facts' && typeof e.path === 'string') setAt(e.path, true);
      else if (e.rule === 'threshold-consistency') doc['評価実施手続']['基礎項目評価']['しきい値判断結果'] = resolveRef(schema, schemaAtPointer('/評価実施手続/基礎項目評価/しきい値判断結果')).enum!.find((o) => String(o).includes('重点項目評価の実施が義務付けられる'));
      else throw new Error(`${e.rule} ${e.path} ${e.message}`);
    }
  }
  throw new Error('could not make the reference clean under --strict');
}

