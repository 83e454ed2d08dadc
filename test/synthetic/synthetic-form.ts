/**
 * A synthetic fourth form for the engine's tests: the 重点 form with every item key renamed (「委託の有無」 →
 * 「委託の有無・試」), other band labels and bounds for 対象となる本人の数, one link only (委託) and no 提供・移転
 * section. Built from the form definition at test time, so it follows every change to it; nothing in src/ knows it.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { annotationKeywords, loadForms, type FormDefinition, type JsonSchema } from '../../src/schema/registry.ts';

/** Keys every form shares (not renamed): the form selector, IDs, checkbox parts and entry names, the waivers. */
const conventionKeys = new Set(['$schema', '様式', 'ID', '選択', '内容', '件数', '名称', '検証の例外', '規則', '項目', '理由', '確認者', '確認日']);
export const renameKey = (key: string): string => (conventionKeys.has(key) ? key : `${key}・試`);

/** The synthetic band table for people: the same bounds as 様式3's, printed differently. */
export const bandLabels: Record<string, string> = {
  '1万人未満': '区分A(1万人未満)',
  '1万人以上10万人未満': '区分B(1万人以上10万人未満)',
  '10万人以上100万人未満': '区分C(10万人以上100万人未満)',
  '100万人以上1,000万人未満': '区分D(100万人以上1,000万人未満)',
  '1,000万人以上': '区分E(1,000万人以上)',
};
const bandValue = (v: unknown) => (typeof v === 'string' && v in bandLabels ? bandLabels[v] : v);

function renameSchema(node: unknown, inValidationExceptions = false): unknown {
  if (Array.isArray(node)) return node.map((n) => renameSchema(n, inValidationExceptions));
  if (typeof node !== 'object' || node === null) return bandValue(node);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    if (k === 'properties') {
      out[k] = Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([pk, pv]) => [inValidationExceptions ? pk : renameKey(pk), renameSchema(pv, inValidationExceptions || pk === '検証の例外')]));
    } else if (k === 'required' && Array.isArray(v)) out[k] = inValidationExceptions ? v : v.map((r) => renameKey(String(r)));
    else if (k === 'x-bands' || k === 'x-role-values') out[k] = Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([bk, bv]) => [String(bandValue(bk)), bv]));
    else if (k === 'x-links') out[k] = (v as { id: string }[]).filter((l) => l.id === 'entrustment');
    else out[k] = renameSchema(v, inValidationExceptions);
  }
  return out;
}

export function renameData(node: unknown, inValidationExceptions = false): unknown {
  if (Array.isArray(node)) return node.map((n) => renameData(n, inValidationExceptions));
  if (typeof node !== 'object' || node === null) return bandValue(node);
  return Object.fromEntries(Object.entries(node as Record<string, unknown>).map(([k, v]) => [inValidationExceptions ? k : renameKey(k), renameData(v, inValidationExceptions || k === '検証の例外')]));
}

/** A positional pointer of 様式3 data as the same place in synthetic data. */
export function renamePointer(pointer: string): string {
  if (pointer === '') return pointer;
  return pointer.slice(1).split('/').map((s) => (/^\d+$/.test(s) ? s : renameKey(s.replace(/~1/g, '/').replace(/~0/g, '~')).replace(/~/g, '~0').replace(/\//g, '~1'))).map((s) => `/${s}`).join('');
}

const focused = loadForms().get('重点項目評価書')!;

function buildSchema(): JsonSchema {
  const schema = renameSchema(structuredClone(focused.schema)) as JsonSchema;
  schema.$id = 'urn:pia:schema:synthetic-test:v1';
  (schema.properties!['様式'] as JsonSchema).const = '試験用様式';
  (schema['x-form'] as Record<string, unknown>) = { code: '試験', name: '試験用様式', edition: 'test', level: 'basic+focused', notApplicable: { 'provision-consistency': '試験用様式には提供・移転の節がない' } };
  // No 提供・移転 section in Ⅱ (and so no provision roles): provision-consistency is not applicable.
  const file = schema.$defs!['ファイルの概要']!;
  delete file.properties![renameKey('特定個人情報の提供・移転')];
  file.required = file.required!.filter((r) => r !== renameKey('特定個人情報の提供・移転'));
  return schema;
}

export const syntheticSchema = buildSchema();

export const syntheticForm: FormDefinition = (() => {
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  ajv.addVocabulary([...annotationKeywords]);
  return { formName: '試験用様式', file: 'test/synthetic', schema: syntheticSchema, validate: ajv.compile(syntheticSchema) };
})();

/** 様式3 data as synthetic data (the 提供・移転 section dropped, as the synthetic form has none). */
export function toSynthetic(data: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(data) as Record<string, any>;
  copy['様式'] = '試験用様式';
  for (const file of copy['特定個人情報ファイルの概要'] ?? []) delete file['特定個人情報の提供・移転'];
  return renameData(copy) as Record<string, unknown>;
}
