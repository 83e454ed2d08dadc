/**
 * The canonical form of an assessment: keys in the form's order, dates as ISO (YYYY-MM-DD), no editor
 * metadata. It is what the PDF embeds, what the site offers as JSON, and what the SHA-256 is taken of.
 */
import { createHash } from 'node:crypto';
import type { JsonSchema } from '../schema/registry.ts';
import { resolveRef } from '../schema/walk.ts';
import { parseDate } from './wareki.ts';
import { isObject } from './access.ts';

function canonicalValue(root: JsonSchema, schema: JsonSchema | undefined, value: unknown): unknown {
  const sub = schema ? resolveRef(root, schema) : undefined;
  if (typeof value === 'string' && sub?.['x-render'] === 'date') {
    const parsed = parseDate(value);
    return parsed.ok ? parsed.iso : value;
  }
  if (Array.isArray(value)) return value.map((v) => canonicalValue(root, sub?.items, v));
  if (isObject(value)) {
    const order = Object.keys(sub?.properties ?? {});
    const keys = Object.keys(value)
      .filter((k) => k !== '$schema')
      .sort((a, b) => {
        const ia = order.indexOf(a);
        const ib = order.indexOf(b);
        return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib) || (a < b ? -1 : a > b ? 1 : 0);
      });
    return Object.fromEntries(keys.map((k) => [k, canonicalValue(root, sub?.properties?.[k], value[k])]));
  }
  return value;
}

export function toCanonical(data: Record<string, unknown>, schema: JsonSchema): Record<string, unknown> {
  return canonicalValue(schema, schema, data) as Record<string, unknown>;
}

/**
 * Canonical JSON text (2-space indent, trailing newline) and its SHA-256 in hex. It names its schema first
 * (`$schema`: the form's `$id`; the site publishes that schema at <base>schemas/<file>), so the download stands alone.
 */
export function canonicalJson(data: Record<string, unknown>, schema: JsonSchema): { json: string; sha256: string } {
  const body = toCanonical(data, schema);
  const named = typeof schema.$id === 'string' ? { $schema: schema.$id, ...body } : body;
  const json = JSON.stringify(named, null, 2) + '\n';
  return { json, sha256: createHash('sha256').update(json).digest('hex') };
}
