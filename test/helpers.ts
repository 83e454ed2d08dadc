/** Shared test helpers: the reference assessment as data, and running one rule on modified copies. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { loadForms } from '../src/schema/registry.ts';
import type { Rule, RuleFinding } from '../src/validate/rule.ts';

export const referenceFile = fileURLToPath(new URL('../assessments/koshigaya-48-kodomo-iryohi/assessment.yaml', import.meta.url));
export const referenceText = readFileSync(referenceFile, 'utf8');
export const focusedSchema = loadForms().get('重点項目評価書')!.schema;

/** A fresh, mutable copy of the reference assessment's data. */
export function reference(): Record<string, any> {
  return parse(referenceText) as Record<string, any>;
}

/** Findings of one rule, reduced to what tests pin: messageId, path, level. */
export function run(rule: Rule, data: Record<string, unknown>, today = '2026-11-25'): Pick<RuleFinding, 'messageId' | 'path' | 'level' | 'completeness'>[] {
  return rule.check({ data, schema: focusedSchema, today }).map(({ messageId, path, level, completeness }) => ({ messageId, path, ...(level ? { level } : {}), ...(completeness ? { completeness } : {}) }));
}
