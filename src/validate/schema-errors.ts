/** ajv errors → Japanese diagnostics at file:line:col, with the official item label and a hint. */
import type { ErrorObject } from 'ajv';
import { closest, distance } from 'fastest-levenshtein';
import type { LoadedDocument } from '../load/load-file.ts';
import type { Diagnostic } from '../report/diagnostic.ts';
import { pointerOf, segmentsOf } from '../report/diagnostic.ts';
import { loadForms, type JsonSchema } from '../schema/registry.ts';
import { fileCount as filesIn } from '../model/document.ts';
import { itemPath, schemaAt } from '../schema/walk.ts';
import { t } from '../report/i18n.ts';
import { slipOnLine } from '../load/yaml-slips.ts';

const typeNames: Record<string, string> = {
  string: '文字列',
  integer: '整数',
  number: '数値',
  object: '「項目名: 値」の並び',
  array: '一覧(- で始まる行の並び)',
  boolean: 'true / false',
  null: '空欄(null)',
};

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return value.length > 40 ? value.slice(0, 40) + '…' : value;
  return JSON.stringify(value);
}

function choiceList(values: readonly unknown[]): string {
  return values
    .filter((v) => v !== null)
    .map((v, i) => `${i + 1}) ${String(v)}`)
    .join(' ');
}

/** Suggests the allowed name closest to a misspelt key: same text after NFKC (全角/半角), or a small edit distance. */
export function suggestKey(key: string, allowed: readonly string[]): string | undefined {
  if (allowed.length === 0) return undefined;
  const normalized = key.normalize('NFKC');
  const exact = allowed.find((a) => a.normalize('NFKC') === normalized);
  if (exact) return exact;
  const best = closest(key, [...allowed]);
  return distance(key, best) <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

export function schemaDiagnostics(errors: readonly ErrorObject[], loaded: LoadedDocument, root: JsonSchema, strict: boolean): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const fileCount = filesIn(root, loaded.data);
  const label = (pointer: string) => itemPath(root, pointer, { fileCount }) || '評価書';
  const seen = new Set<string>();
  for (const error of errors) {
    const pointer = error.instancePath;
    const value = valueAt(loaded.data, pointer);
    const schema = schemaAt(root, pointer);
    let d: Omit<Diagnostic, 'file' | 'line' | 'col'> & { keyAt?: string };
    switch (error.keyword) {
      case 'required': {
        const missing = (error.params as { missingProperty: string }).missingProperty;
        const target = pointerOf([...segmentsOf(pointer), missing]);
        const missingLabel = label(target) || missing;
        d = {
          rule: 'schema-required',
          severity: strict ? 'error' : 'warning',
          path: target,
          message: `「${missingLabel}」がありません。`,
          hint: strict
            ? `公表する評価書に必要な項目です。「${missing}:」を記載してください。`
            : `公表前に記載してください(--strict では誤りになります)。原本で空欄なら「${missing}: null」と書くと、空欄であることが分かります。`,
        };
        break;
      }
      case 'additionalProperties': {
        const key = (error.params as { additionalProperty: string }).additionalProperty;
        const allowed = Object.keys(schema?.properties ?? {});
        const suggestion = suggestKey(key, allowed);
        const spaced = /^[ \u3000]*\u3000/.test(key) ? suggestKey(key.replace(/^[ \u3000]+/, ''), allowed) : undefined;
        d = spaced ? {
          rule: 'schema-unknown-key',
          severity: 'error',
          path: pointerOf([...segmentsOf(pointer), key]),
          keyAt: pointerOf([...segmentsOf(pointer), key]),
          message: t('yaml.fullwidthSpace.key', { key }),
          hint: t('yaml.fullwidthSpace.key.hint', { name: spaced }),
        } : {
          rule: 'schema-unknown-key',
          severity: 'error',
          path: pointerOf([...segmentsOf(pointer), key]),
          keyAt: pointerOf([...segmentsOf(pointer), key]),
          message: `「${key}」は様式にない項目です(${label(pointer)} の中)。`,
          hint: suggestion
            ? `もしかして「${suggestion}」ですか。`
            : `ここに書ける項目: ${allowed.filter((k) => k !== '$schema').join('、')}`,
        };
        break;
      }
      case 'enum': {
        const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
        const isCheckbox = allowed.includes(true);
        const suggestion = typeof value === 'string' ? suggestKey(value, allowed.filter((v): v is string => typeof v === 'string')) : undefined;
        d = {
          rule: 'schema-enum',
          severity: 'error',
          path: pointer,
          message: isCheckbox
            ? `「${label(pointer)}」のチェック欄は true、false、不明 のいずれかです(「${describeValue(value)}」と書かれています)。`
            : `「${describeValue(value)}」は「${label(pointer)}」の選択肢にありません。`,
          hint: isCheckbox
            ? Array.isArray(value) && startsWith(loaded, pointer, '[')
              ? t('yaml.flowStart.text.hint')
              : 'チェックありは true、なしは false、原本で読み取れないときは 不明 と書いてください。'
            : (suggestion ? `もしかして「${suggestion}」ですか。` : '') + `選択肢: ${choiceList(allowed)}`,
        };
        break;
      }
      case 'const': {
        const expected = (error.params as { allowedValue: unknown }).allowedValue;
        d = {
          rule: 'schema-const',
          severity: 'error',
          path: pointer,
          message: `「${label(pointer)}」は「${String(expected)}」である必要があります(「${describeValue(value)}」と書かれています)。`,
          hint: `${[...loadFormsNames()].join('、')} のいずれかを書いてください。`,
        };
        break;
      }
      case 'type': {
        const types = String((error.params as { type: string }).type).split(',');
        const slip = typeSlip(types, value, loaded, pointer, label(pointer));
        d = slip ? { rule: 'schema-type', severity: 'error', path: pointer, ...slip } : {
          rule: 'schema-type',
          severity: 'error',
          path: pointer,
          message: `「${label(pointer)}」の値の形が違います。${types.map((t) => typeNames[t] ?? t).join(' または ')}で書いてください。`,
          hint: types.includes('object')
            ? '次の行から字下げして「項目名: 値」を並べます。'
            : types.includes('array')
              ? '次の行から字下げして「- 値」を並べます。空なら [] と書きます。'
              : '複数行の文章は「|-」の後に改行し、字下げして書きます。',
        };
        break;
      }
      case 'pattern': {
        const isDate = schema?.['x-render'] === 'date';
        d = {
          rule: isDate ? 'schema-date-format' : 'schema-pattern',
          severity: 'error',
          path: pointer,
          message: isDate
            ? `「${describeValue(value)}」は日付として読めません(${label(pointer)})。`
            : `「${describeValue(value)}」は「${label(pointer)}」の書き方に合いません。`,
          hint: isDate
            ? '令和8年3月30日(元年は「令和元年」)または 2026-03-30 の形で書いてください。'
            : segmentsOf(pointer).at(-1) === 'ID'
              ? 'ID は半角英小文字・数字・ハイフンで書きます(例: kodomo-iryohi-file)。'
              : `形式: ${(error.params as { pattern: string }).pattern}`,
        };
        break;
      }
      default:
        d = {
          rule: `schema-${error.keyword}`,
          severity: 'error',
          path: pointer,
          message: `「${label(pointer)}」が様式の条件を満たしません(${error.keyword}: ${error.message ?? ''})。`,
          hint: schema?.description ?? '様式の記載要領を確認してください。',
        };
    }
    const key = `${d.rule}|${d.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const { keyAt, ...rest } = d;
    // A missing item is reported at its parent; an unknown key at the key itself.
    const at = error.keyword === 'required' ? loaded.locate(pointer, { key: true }) : loaded.locate(keyAt ?? pointer, { key: keyAt !== undefined });
    diagnostics.push({ ...rest, file: loaded.file, ...at });
  }
  return diagnostics;
}

/** Whether the source text of the value at `pointer` starts with `prefix` (the value as typed, not as parsed). */
function startsWith(loaded: LoadedDocument, pointer: string, prefix: string): boolean {
  const { line, col } = loaded.locate(pointer);
  let start = 0;
  for (let n = 1; n < line; n++) start = loaded.text.indexOf('\n', start) + 1;
  return loaded.text.startsWith(prefix, start + col - 1);
}

/**
 * A value of the wrong type because of an input-method slip: a list typed with full-width brackets (read as one
 * text), or a text starting with "[" (read as a list).
 */
function typeSlip(types: string[], value: unknown, loaded: LoadedDocument, pointer: string, label: string): { message: string; hint: string } | undefined {
  if (types.includes('array') && typeof value === 'string' && /^［[^]*］$/.test(value.trim())) {
    return { message: t('yaml.fullwidthBracket.list', { label }), hint: t('yaml.fullwidthBracket.hint', { ascii: '[ ]' }) };
  }
  if (types.includes('object') && typeof value === 'string') {
    // "表紙:\n  評価書番号：48" with nothing after it parses as the text 「評価書番号：48」.
    const slip = slipOnLine(loaded.text, loaded.locate(pointer).line);
    if (slip && slip.rule !== 'yaml-flow-start') return { message: slip.message, hint: slip.hint };
  }
  if (types.includes('string') && Array.isArray(value) && startsWith(loaded, pointer, '[')) {
    return { message: t('yaml.flowStart.text', { label }), hint: t('yaml.flowStart.text.hint') };
  }
  return undefined;
}

function valueAt(data: unknown, pointer: string): unknown {
  let current = data;
  for (const segment of segmentsOf(pointer)) current = (current as Record<string, unknown> | undefined)?.[segment];
  return current;
}

function loadFormsNames(): string[] {
  return [...loadForms().keys()];
}
