/** Test helpers for the 全項目評価書 (様式4): the fictional sample as data, and running one rule on it. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { loadForms } from '../src/schema/registry.ts';
import type { Rule, RuleFinding } from '../src/validate/rule.ts';

export const fullSampleFile = fileURLToPath(new URL('../assessments/aobagawa-juki-full/assessment.yaml', import.meta.url));
export const fullSampleText = readFileSync(fullSampleFile, 'utf8');
export const fullSchema = loadForms().get('全項目評価書')!.schema;

/** A fresh, mutable copy of the sample's data. */
export function fullSample(): Record<string, any> {
  return parse(fullSampleText) as Record<string, any>;
}

/** Findings of one rule on 全項目 data, reduced to messageId, path, level, completeness. */
export function runFull(rule: Rule, data: Record<string, unknown>, today = '2026-11-25'): Pick<RuleFinding, 'messageId' | 'path' | 'level' | 'completeness'>[] {
  return rule.check({ data, schema: fullSchema, today }).map(({ messageId, path, level, completeness }) => ({ messageId, path, ...(level ? { level } : {}), ...(completeness ? { completeness } : {}) }));
}
