/**
 * Bands (「10万人以上100万人未満」「500人以上1,000人未満」) as numeric ranges, from the forms' x-bands annotations.
 * For expressions in checks.yaml, which name a band by its printed label whatever the form.
 */
import { loadForms, type JsonSchema } from '../schema/registry.ts';
import { resolveRef } from '../schema/walk.ts';

let labels: Map<string, [number, number | null]> | undefined;

function collect(root: JsonSchema, schema: JsonSchema, out: Map<string, [number, number | null]>, depth: number): void {
  if (depth > 40) return;
  for (const [label, range] of Object.entries(schema['x-bands'] ?? {})) out.set(label, range);
  for (const child of Object.values(schema.properties ?? {})) collect(root, resolveRef(root, child), out, depth + 1);
  if (schema.items) collect(root, resolveRef(root, schema.items), out, depth + 1);
}

/** Inclusive [min, max] of a printed band label of any form (max null: open-ended). */
export function bandByLabel(label: string): { min: number; max: number | null } | undefined {
  if (!labels) {
    labels = new Map();
    for (const form of loadForms().values()) {
      for (const def of Object.values(form.schema.$defs ?? {})) collect(form.schema, def, labels, 0);
      collect(form.schema, form.schema, labels, 0);
    }
  }
  const range = labels.get(label);
  return range ? { min: range[0], max: range[1] } : undefined;
}
