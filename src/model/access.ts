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

/** A JSON Pointer segment as the key it names (~1 → /, ~0 → ~). */
export function unescapeSegment(segment: string): string {
  return segment.includes('~') ? segment.replace(/~1/g, '/').replace(/~0/g, '~') : segment;
}

/**
 * One string value of the data. Its pointer is made when asked for (findings), from its parent's pointer and its
 * own key or index: most strings are read for their text alone.
 */
export class StringLeaf {
  /** JSON Pointer of the object or list that holds the string ('' for the root). */
  readonly parent: string;
  /** The last key on the way (the property that holds the string; '' in a list or at the root). */
  readonly key: string;
  /** The index in the list that holds the string; -1 under a property, -2 for the root itself. */
  private readonly index: number;
  readonly text: string;
  /** The first key on the way (e.g. 検証の例外 and $schema, our metadata rather than the document's text). */
  readonly top: string;

  constructor(parent: string, key: string, index: number, text: string, top: string) {
    this.parent = parent;
    this.key = key;
    this.index = index;
    this.text = text;
    this.top = top;
  }

  /** JSON Pointer of the string. */
  get path(): string {
    return placePointer(this.parent, this.key, this.index);
  }

  /** Whether the string is the value of this key of the root object (/$schema, /検証の例外). */
  isTop(key: string): boolean {
    return this.parent === '' && this.index === -1 && this.key === key;
  }
}

/** The pointer of a value held by `parent` under `key` or at `index` (as StringLeaf keeps them). */
function placePointer(parent: string, key: string, index: number): string {
  if (index === -2) return '';
  return `${parent}/${index >= 0 ? index : escapeSegment(key)}`;
}

/** Every string value with its pointer, last and first key, in document order (an array: 4× quicker than a recursive generator). */
export function stringLeaves(value: unknown): StringLeaf[] {
  const out: StringLeaf[] = [];
  // A container's own pointer is made when it is entered; its strings keep it and their key or index.
  const visit = (value: unknown, parent: string, key: string, index: number, top: string): void => {
    if (typeof value === 'string') {
      out.push(new StringLeaf(parent, key, index, value, top));
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const pointer = placePointer(parent, key, index);
    if (Array.isArray(value)) for (let i = 0; i < value.length; i++) visit(value[i], pointer, '', i, top);
    else for (const k of Object.keys(value)) visit((value as Record<string, unknown>)[k], pointer, k, -1, pointer === '' ? k : top);
  };
  visit(value, '', '', -2, '');
  return out;
}

/** Checkbox state of a form checkbox, whether written plainly or as { 選択, 内容 | 件数 }. */
export function checkState(value: unknown): true | false | '不明' | undefined {
  const state = isObject(value) ? value['選択'] : value;
  return state === true || state === false || state === '不明' ? state : undefined;
}
