/**
 * Value-by-value comparison of an imported assessment with its source, for the importer's tests and bench:
 * both in canonical form (dates ISO), texts compared without formal differences (normalizeFormal: width, white
 * space, punctuation), entries by position, IDs left out (the importer names entries itself).
 */
import { toCanonical } from '../../src/model/canonical.ts';
import { normalizeFormal } from '../../src/model/formal.ts';
import type { JsonSchema } from '../../src/schema/registry.ts';

export interface Comparison {
  /** Leaves of the source. */
  total: number;
  /** Source leaves the import has with the same value. */
  equal: number;
  /** Source leaves the import lacks or has otherwise: pointer, source value, imported value. */
  misses: { pointer: string; source: unknown; imported: unknown }[];
  /** Imported values that are not in the source: a different value, or a value where the source has none. */
  invented: { pointer: string; source: unknown; imported: unknown }[];
}

function leaves(value: unknown, pointer: string, out: Map<string, unknown>): Map<string, unknown> {
  if (Array.isArray(value)) value.forEach((v, i) => leaves(v, `${pointer}/${i}`, out));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (k !== 'ID' && k !== '$schema') leaves(v, `${pointer}/${k}`, out);
  } else out.set(pointer, value);
  return out;
}

const same = (a: unknown, b: unknown) => (typeof a === 'string' && typeof b === 'string' ? normalizeFormal(a) === normalizeFormal(b) : a === b || String(a) === String(b));

/** A value the form prints as nothing: imported where the source has no value, it adds nothing. */
const blank = (v: unknown) => v === null || v === false || v === '' || v === undefined;

/**
 * Items the form does not print (x-render hidden: 非公表, 検証の例外, 様式外の管理情報) are left out: no PDF or text
 * carries them. A null in the source and no value in the import are the same blank.
 */
export function compareAssessments(source: Record<string, unknown>, imported: Record<string, unknown>, schema: JsonSchema): Comparison {
  const hidden = Object.entries(schema.properties ?? {}).filter(([k, s]) => s['x-render'] === 'hidden' && k !== '様式').map(([k]) => `/${k}`);
  const a = leaves(toCanonical(source, schema), '', new Map());
  for (const p of [...a.keys()]) if (hidden.some((h) => p === h || p.startsWith(`${h}/`))) a.delete(p);
  const b = leaves(toCanonical(imported, schema), '', new Map());
  const misses: Comparison['misses'] = [];
  const invented: Comparison['invented'] = [];
  let equal = 0;
  for (const [pointer, value] of a) {
    if ((b.has(pointer) && same(value, b.get(pointer))) || (value === null && !b.has(pointer))) equal++;
    else misses.push({ pointer, source: value, imported: b.get(pointer) });
  }
  for (const [pointer, value] of b) {
    if (a.has(pointer) ? !same(a.get(pointer), value) : !blank(value)) invented.push({ pointer, source: a.get(pointer), imported: value });
  }
  return { total: a.size, equal, misses, invented };
}
