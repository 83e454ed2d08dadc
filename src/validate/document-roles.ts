/**
 * Interim role lookup for document-scope roles (one item per document): finds the item a form schema marks with
 * `x-role` and reads its value, with the canonical value of a choice (`x-role-values`). The procedure rules use
 * it; when the shared role engine (issue 11) lands, they switch to it and this file goes.
 */
import type { JsonSchema } from '../schema/registry.ts';
import { resolveRef } from '../schema/walk.ts';
import { isObject } from '../model/access.ts';

const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
const pointers = new WeakMap<JsonSchema, Map<string, { pointer: string; schema: JsonSchema }>>();

/** role → JSON Pointer of its item, for roles reached through objects only (not inside repeated blocks). */
function documentRoles(root: JsonSchema): Map<string, { pointer: string; schema: JsonSchema }> {
  const cached = pointers.get(root);
  if (cached) return cached;
  const found = new Map<string, { pointer: string; schema: JsonSchema }>();
  const walk = (raw: JsonSchema, pointer: string): void => {
    const role = raw['x-role'];
    const schema = resolveRef(root, raw);
    if (typeof role === 'string' && !found.has(role)) found.set(role, { pointer, schema: { ...schema, 'x-role': role } });
    for (const [key, child] of Object.entries(schema.properties ?? {})) walk(child, `${pointer}/${escape(key)}`);
  };
  walk(root, '');
  pointers.set(root, found);
  return found;
}

export function hasRoles(root: JsonSchema, ...roles: string[]): boolean {
  const found = documentRoles(root);
  return roles.every((r) => found.has(r));
}

export interface RoleRead {
  pointer: string;
  /** The value as written (undefined when the key is missing). */
  value: unknown;
  /** Canonical value of a choice (x-role-values), else the value itself. */
  canonical: unknown;
  /** Non-blank text (string with something other than spaces). */
  text?: string;
}

export function readRole(root: JsonSchema, data: unknown, role: string): RoleRead | undefined {
  const entry = documentRoles(root).get(role);
  if (!entry) return undefined;
  let current: unknown = data;
  for (const segment of entry.pointer.split('/').slice(1)) {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    current = isObject(current) ? current[key] : undefined;
  }
  const values = entry.schema['x-role-values'] as Record<string, string> | undefined;
  const canonical = typeof current === 'string' && values && current in values ? values[current] : current;
  const text = typeof current === 'string' && current.trim() !== '' ? current.trim() : undefined;
  return { pointer: entry.pointer, value: current, canonical, text };
}
