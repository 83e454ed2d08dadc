/** Small, typed reads of plain assessment data (JSON-compatible values from the YAML loader). */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectAt(value: unknown, ...keys: string[]): JsonObject | undefined {
  let current: unknown = value;
  for (const key of keys) current = isObject(current) ? current[key] : undefined;
  return isObject(current) ? current : undefined;
}

export function arrayAt(value: unknown, ...keys: string[]): unknown[] {
  let current: unknown = value;
  for (const key of keys) current = isObject(current) ? current[key] : undefined;
  return Array.isArray(current) ? current : [];
}

export function stringAt(value: unknown, ...keys: string[]): string | undefined {
  let current: unknown = value;
  for (const key of keys) current = isObject(current) ? current[key] : undefined;
  return typeof current === 'string' ? current : undefined;
}

/** A key as a JSON Pointer segment (~ → ~0, / → ~1). */
export function escapeSegment(key: string): string {
  return key.includes('~') || key.includes('/') ? key.replace(/~/g, '~0').replace(/\//g, '~1') : key;
}

/** One string value of the data. */
export interface StringLeaf {
  /** JSON Pointer of the string. */
  path: string;
  text: string;
  /** The last key on the way (the property that holds the string; '' in a list or at the root). */
  key: string;
  /** The first key on the way (e.g. 検証の例外 and $schema, our metadata rather than the document's text). */
  top: string;
}

/** Every string value with its pointer, last and first key, in document order (an array: 4× quicker than a recursive generator). */
export function stringLeaves(value: unknown): StringLeaf[] {
  const out: StringLeaf[] = [];
  const visit = (value: unknown, pointer: string, key: string, top: string): void => {
    if (typeof value === 'string') out.push({ path: pointer, text: value, key, top });
    else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) visit(value[i], `${pointer}/${i}`, '', top);
    else if (isObject(value)) for (const k of Object.keys(value)) visit(value[k], `${pointer}/${escapeSegment(k)}`, k, pointer === '' ? k : top);
  };
  visit(value, '', '', '');
  return out;
}

/** Checkbox state of a form checkbox, whether written plainly or as { 選択, 内容 | 件数 }. */
export function checkState(value: unknown): true | false | '不明' | undefined {
  const state = isObject(value) ? value['選択'] : value;
  return state === true || state === false || state === '不明' ? state : undefined;
}
