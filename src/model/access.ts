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

/** Every string value with its JSON Pointer, in document order (an array: 4× quicker than a recursive generator). */
export function stringLeaves(value: unknown, pointer = '', out: { path: string; text: string }[] = []): { path: string; text: string }[] {
  if (typeof value === 'string') out.push({ path: pointer, text: value });
  else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) stringLeaves(value[i], `${pointer}/${i}`, out);
  else if (isObject(value)) for (const k of Object.keys(value)) stringLeaves(value[k], `${pointer}/${escapeSegment(k)}`, out);
  return out;
}

/** Checkbox state of a form checkbox, whether written plainly or as { 選択, 内容 | 件数 }. */
export function checkState(value: unknown): true | false | '不明' | undefined {
  const state = isObject(value) ? value['選択'] : value;
  return state === true || state === false || state === '不明' ? state : undefined;
}
