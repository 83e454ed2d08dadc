/** ajv errors → Japanese diagnostics at file:line:col, with the official item label and a hint. */
import type { ErrorObject } from 'ajv';
import { closest, distance } from 'fastest-levenshtein';
import type { LoadedDocument } from '../load/load-file.ts';
import type { Diagnostic } from '../report/diagnostic.ts';
import { pointerOf, segmentsOf } from '../report/diagnostic.ts';
import { loadForms, type JsonSchema } from '../schema/registry.ts';
import { fileCount as filesIn } from '../model/document.ts';
import { itemPath, schemaAt } from '../schema/walk.ts';
import { t, tr } from '../report/i18n.ts';
import { slipOnLine } from '../load/yaml-slips.ts';

const typeNames: Record<string, () => string> = {
  string: () => tr('文字列', 'text'),
  integer: () => tr('整数', 'a whole number'),
  number: () => tr('数値', 'a number'),
  object: () => tr('「項目名: 値」の並び', 'lines of 「name: value」'),
  array: () => tr('一覧(- で始まる行の並び)', 'a list (lines starting with -)'),
  boolean: () => 'true / false',
  null: () => tr('空欄(null)', 'blank (null)'),
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
  const label = (pointer: string) => itemPath(root, pointer, { fileCount }) || tr('評価書', 'the assessment');
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
          message: tr(`「${missingLabel}」がありません。`, `「${missingLabel}」 is missing.`),
          hint: strict
            ? tr(`公表する評価書に必要な項目です。「${missing}:」を記載してください。`, `A published assessment needs this item. Write 「${missing}:」.`)
            : tr(`公表前に記載してください(--strict では誤りになります)。原本で空欄なら「${missing}: null」と書くと、空欄であることが分かります。`, `Fill it in before publication (with --strict this is an error). If it is blank in the original, write 「${missing}: null」 to show that it is blank.`),
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
          message: tr(`「${key}」は様式にない項目です(${label(pointer)} の中)。`, `「${key}」 is not an item of the form (in ${label(pointer)}).`),
          hint: suggestion
            ? tr(`もしかして「${suggestion}」ですか。`, `Did you mean 「${suggestion}」?`)
            : `${tr('ここに書ける項目', 'Items allowed here')}: ${allowed.filter((k) => k !== '$schema').join(tr('、', ', '))}`,
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
            ? tr(`「${label(pointer)}」のチェック欄は true、false、不明 のいずれかです(「${describeValue(value)}」と書かれています)。`, `The check box 「${label(pointer)}」 is one of true, false, 「不明」 (it says 「${describeValue(value)}」).`)
            : tr(`「${describeValue(value)}」は「${label(pointer)}」の選択肢にありません。`, `「${describeValue(value)}」 is not one of the choices of 「${label(pointer)}」.`),
          hint: isCheckbox
            ? Array.isArray(value) && startsWith(loaded, pointer, '[')
              ? t('yaml.flowStart.text.hint')
              : tr('チェックありは true、なしは false、原本で読み取れないときは 不明 と書いてください。', 'Write true for checked, false for unchecked, and 「不明」 when the original cannot be read.')
            : (suggestion ? tr(`もしかして「${suggestion}」ですか。`, `Did you mean 「${suggestion}」? `) : '') + `${tr('選択肢', 'Choices')}: ${choiceList(allowed)}`,
        };
        break;
      }
      case 'const': {
        const expected = (error.params as { allowedValue: unknown }).allowedValue;
        d = {
          rule: 'schema-const',
          severity: 'error',
          path: pointer,
          message: tr(`「${label(pointer)}」は「${String(expected)}」である必要があります(「${describeValue(value)}」と書かれています)。`, `「${label(pointer)}」 must be 「${String(expected)}」 (it says 「${describeValue(value)}」).`),
          hint: tr(`${[...loadFormsNames()].join('、')} のいずれかを書いてください。`, `Write one of: ${[...loadFormsNames()].join(', ')}.`),
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
          message: tr(`「${label(pointer)}」の値の形が違います。${types.map((t) => typeNames[t]?.() ?? t).join(' または ')}で書いてください。`, `「${label(pointer)}」 has a value of the wrong shape. Write ${types.map((t) => typeNames[t]?.() ?? t).join(' or ')}.`),
          hint: types.includes('object')
            ? tr('次の行から字下げして「項目名: 値」を並べます。', 'On the following lines, indented, write 「name: value」 lines.')
            : types.includes('array')
              ? tr('次の行から字下げして「- 値」を並べます。空なら [] と書きます。', 'On the following lines, indented, write 「- value」 lines; write [] for an empty list.')
              : tr('複数行の文章は「|-」の後に改行し、字下げして書きます。', 'For text of several lines, write 「|-」, a line break, then the text indented.'),
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
            ? tr(`「${describeValue(value)}」は日付として読めません(${label(pointer)})。`, `「${describeValue(value)}」 cannot be read as a date (${label(pointer)}).`)
            : tr(`「${describeValue(value)}」は「${label(pointer)}」の書き方に合いません。`, `「${describeValue(value)}」 does not fit the format of 「${label(pointer)}」.`),
          hint: isDate
            ? tr('令和8年3月30日(元年は「令和元年」)または 2026-03-30 の形で書いてください。', 'Write it as 「令和8年3月30日」 (the first year is 「令和元年」) or as 2026-03-30.')
            : segmentsOf(pointer).at(-1) === 'ID'
              ? tr('ID は半角英小文字・数字・ハイフンで書きます(例: kodomo-iryohi-file)。', 'An ID is written in lower-case ASCII letters, digits and hyphens (for example kodomo-iryohi-file).')
              : `${tr('形式', 'Format')}: ${(error.params as { pattern: string }).pattern}`,
        };
        break;
      }
      default:
        d = {
          rule: `schema-${error.keyword}`,
          severity: 'error',
          path: pointer,
          message: tr(`「${label(pointer)}」が様式の条件を満たしません(${error.keyword}: ${error.message ?? ''})。`, `「${label(pointer)}」 does not meet a condition of the form (${error.keyword}: ${error.message ?? ''}).`),
          hint: schema?.description ?? tr('様式の記載要領を確認してください。', "Check the form's instructions (記載要領)."),
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
