/**
 * checks.yaml → definitions: loaded with positions (src/load), validated by schemas/checks.v1.schema.json,
 * then by rules that need the assessment's form (pointers name real items, sources exist, expressions parse,
 * dates are dates). Every problem is reported at once, at file:line:col.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { loadFile, type LoadedDocument } from '../load/load-file.ts';
import type { Diagnostic } from '../report/diagnostic.ts';
import { compileSchema, type JsonSchema } from '../schema/registry.ts';
import { schemaAt } from '../schema/walk.ts';
import { parseDate } from '../model/wareki.ts';
import { jsonataErrorJa, jsonataErrorOffset, sourcePosition } from '../report/library-errors.ts';
import { segmentsOf } from '../report/diagnostic.ts';
import { compileExpression } from './rules/assertion.ts';
import type { ChecksDefinition } from './types.ts';

export const checksFileName = 'checks.yaml';

let validator: ValidateFunction | undefined;

export type ChecksLoad = { ok: true; definition: ChecksDefinition; loaded: LoadedDocument } | { ok: false; diagnostics: Diagnostic[] };

export function loadChecks(file: string, form: JsonSchema): ChecksLoad {
  const result = loadFile(file);
  if (!result.ok) return { ok: false, diagnostics: result.diagnostics };
  const { loaded } = result;
  validator ??= compileSchema('checks.v1.schema.json');
  const diagnostics: Diagnostic[] = [];
  const at = (pointer: string, rule: string, message: string, hint?: string, key = false) =>
    diagnostics.push({ rule, severity: 'error', file, ...loaded.locate(pointer, { key }), path: pointer, message, hint });

  if (!validator(loaded.data)) {
    const errors = validator.errors ?? [];
    // A header value is a string or { 環境変数 }: when the object form has a deeper error, the 'type' and
    // 'oneOf' errors of the string form only repeat it.
    const deeper = (e: ErrorObject) => errors.some((o) => o.instancePath.startsWith(`${e.instancePath}/`));
    for (const error of errors.filter((e) => !((e.keyword === 'type' || e.keyword === 'oneOf') && deeper(e)))) {
      const d = describeSchemaError(error);
      if (d) at(d.pointer, `schema-${error.keyword}`, d.message, d.hint, d.key);
    }
    return { ok: false, diagnostics };
  }
  const definition = loaded.data as ChecksDefinition;
  const sources = definition.取得元 ?? {};
  const seen = new Map<string, number>();
  definition.主張.forEach((claim, i) => {
    const base = `/主張/${i}`;
    if (seen.has(claim.ID)) at(`${base}/ID`, 'checks-duplicate-id', `主張の ID「${claim.ID}」が重複しています(${seen.get(claim.ID)! + 1}番目の主張と同じです)。`, 'ID は結果の照合に使います。別の ID にしてください。');
    seen.set(claim.ID, i);
    for (const [pointer, where] of [[claim.項目, `${base}/項目`], ...(claim.関連項目 ?? []).map((p, j) => [p, `${base}/関連項目/${j}`])] as [string, string][]) {
      if (!schemaAt(form, pointer)) at(where, 'checks-unknown-item', `「${pointer}」は様式にない項目です。`, '評価書の項目名を / でつないで書きます(繰り返しは 0 から数えた番号)。例: /リスク対策/特定個人情報ファイル/0/特定個人情報の使用/リスク2/具体的な管理方法');
    }
    if (claim.点検 && claim.確認) at(base, 'checks-check-and-attestation', `主張 ${claim.ID} に 点検 と 確認 の両方があります。`, '自動で点検できるなら 点検 だけを、できないなら 確認 だけを書いてください。');
    if (claim.点検) {
      if (!(claim.点検.取得元 in sources)) {
        const known = Object.keys(sources).join('、') || '(なし)';
        at(`${base}/点検/取得元`, 'checks-unknown-source', `取得元「${claim.点検.取得元}」が 取得元 に定義されていません。`, `定義済みの取得元: ${known}`);
      }
      for (const key of ['観測値', '条件'] as const) {
        const text = claim.点検[key];
        if (text === undefined) continue;
        try {
          compileExpression(text);
        } catch (error) {
          // Our sentence at the token's own line:col; JSONata's English text stays as detail in the hint.
          const pointer = `${base}/点検/${key}`;
          const ja = jsonataErrorJa(error);
          const node = loaded.doc.getIn(segmentsOf(pointer), true) as { range?: number[]; type?: string } | undefined;
          const offset = jsonataErrorOffset(error, text);
          const place = node?.range && offset !== undefined ? sourcePosition({ text: loaded.text, range: node.range, type: node.type }, offset) : loaded.locate(pointer);
          diagnostics.push({ rule: 'checks-expression', severity: 'error', file, ...place, path: pointer, message: `${key}の式(JSONata)が正しくありません: ${ja.message}。`, hint: `JSONata の書き方は https://docs.jsonata.org/ を参照してください。(原文: ${ja.detail})` });
        }
      }
    }
    if (claim.確認) {
      for (const key of ['確認日', '有効期限'] as const) {
        if (!parseDate(claim.確認[key]).ok) at(`${base}/確認/${key}`, 'checks-date', `${key}「${claim.確認[key]}」は日付として読めません。`, '令和8年4月30日 または 2026-04-30 の形で書いてください。');
      }
    }
  });
  return diagnostics.length > 0 ? { ok: false, diagnostics } : { ok: true, definition, loaded };
}

/** ajv error → Japanese message at the offending value (or key). 'if' errors repeat their 'then' errors. */
function describeSchemaError(error: ErrorObject): { pointer: string; message: string; hint?: string; key?: boolean } | undefined {
  const pointer = error.instancePath;
  const where = pointer === '' ? 'checks.yaml の最上位' : `「${pointer}」`;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'if':
      return undefined;
    case 'required':
      return { pointer, message: `${where}に「${String(params.missingProperty)}」がありません。` };
    case 'additionalProperties':
      return { pointer: `${pointer}/${String(params.additionalProperty)}`, key: true, message: `「${String(params.additionalProperty)}」はここに書けない項目です。`, hint: '項目名の綴りと字下げを確認してください。使える項目は schemas/checks.v1.schema.json にあります。' };
    case 'enum':
      return { pointer, message: `${where}の値は次のいずれかです: ${(params.allowedValues as unknown[]).join('、')}。` };
    case 'pattern':
      return { pointer, message: `${where}の書き方が正しくありません(形式: ${String(params.pattern)})。`, hint: 'ID は半角英小文字・数字・ハイフン、項目は / で始まる JSON Pointer、URL に認証情報は書けません。' };
    case 'type':
      return { pointer, message: `${where}の型が違います(${String(params.type)} が必要です)。` };
    default:
      return { pointer, message: `${where}: ${error.message ?? error.keyword}` };
  }
}
