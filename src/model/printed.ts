/**
 * How a value reads on the printed form (「[○] その他(口座情報)」, 「—」 for an empty value): shared by the
 * 変更箇所 rows, the diff report and the validation of rows against the current text.
 */
import type { JsonSchema } from '../schema/registry.ts';
import { itemLabel, resolveRef } from '../schema/walk.ts';
import { isObject } from './access.ts';

export function isEmptyValue(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** Printed for an empty value, as in the reference 変更箇所 (「変更前の記載: —」). */
export const emptyText = '—';

export interface PrintOptions {
  /** For a published 変更箇所 row: no tool marks ([?]); a box whose state was not readable says so in words. */
  publication?: boolean;
}

function mark(state: unknown, options: PrintOptions): string {
  return state === true ? '[○]' : state === false ? '[ ]' : options.publication ? '[　]' : '[?]';
}

/** A value as text; `title` labels checkboxes. Blocks become one line per item (「①委託内容: …」). */
export function formatValue(root: JsonSchema, schema: JsonSchema, value: unknown, title = schema.title ?? '', options: PrintOptions = {}): string {
  if (isEmptyValue(value)) return emptyText;
  const render = schema['x-render'];
  if (render === 'checkbox' || (schema.enum?.includes(true) && schema.enum.includes(false))) {
    const state = isObject(value) ? value['選択'] : value;
    const detail = isObject(value) ? (value['内容'] ?? value['件数']) : undefined;
    const unknown = options.publication && state !== true && state !== false ? '(状態不明)' : '';
    return `${mark(state, options)} ${title}${isEmptyValue(detail) ? '' : `(${String(detail)})`}${unknown}`;
  }
  if (Array.isArray(value)) {
    const items = schema.items ? resolveRef(root, schema.items) : {};
    return value.map((v) => formatValue(root, items, v, '', options)).join(isObject(value[0]) ? '\n' : '、');
  }
  if (isObject(value)) {
    const lines: string[] = [];
    for (const [key, v] of Object.entries(value)) {
      const child = schema.properties?.[key] ? resolveRef(root, schema.properties[key]) : undefined;
      if (!child || child['x-render'] === 'hidden' || key === 'ID' || isEmptyValue(v)) continue;
      const label = itemLabel(child, key);
      const text = formatValue(root, child, v, label, options);
      lines.push(child['x-render'] === 'checkbox' || text.startsWith('[') ? text : `${label}: ${text}`);
    }
    return lines.join('\n');
  }
  return String(value);
}

