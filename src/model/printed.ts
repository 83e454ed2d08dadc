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

function mark(state: unknown): string {
  return state === true ? '[○]' : state === false ? '[ ]' : '[?]';
}

/** A value as text; `title` labels checkboxes. Blocks become one line per item (「①委託内容: …」). */
export function formatValue(root: JsonSchema, schema: JsonSchema, value: unknown, title = schema.title ?? ''): string {
  if (isEmptyValue(value)) return emptyText;
  const render = schema['x-render'];
  if (render === 'checkbox' || (schema.enum?.includes(true) && schema.enum.includes(false))) {
    const state = isObject(value) ? value['選択'] : value;
    const detail = isObject(value) ? (value['内容'] ?? value['件数']) : undefined;
    return `${mark(state)} ${title}${isEmptyValue(detail) ? '' : `(${String(detail)})`}`;
  }
  if (Array.isArray(value)) {
    const items = schema.items ? resolveRef(root, schema.items) : {};
    return value.map((v) => formatValue(root, items, v, '')).join(isObject(value[0]) ? '\n' : '、');
  }
  if (isObject(value)) {
    const lines: string[] = [];
    for (const [key, v] of Object.entries(value)) {
      const child = schema.properties?.[key] ? resolveRef(root, schema.properties[key]) : undefined;
      if (!child || child['x-render'] === 'hidden' || key === 'ID' || isEmptyValue(v)) continue;
      const label = itemLabel(child, key);
      const text = formatValue(root, child, v, label);
      lines.push(child['x-render'] === 'checkbox' || text.startsWith('[') ? text : `${label}: ${text}`);
    }
    return lines.join('\n');
  }
  return String(value);
}

