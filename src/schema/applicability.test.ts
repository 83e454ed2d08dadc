import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadForms } from './registry.ts';
import { ruleApplicability } from './applicability.ts';
import { checkRoleAnnotations } from '../model/roles.ts';

test('どの様式の役割の注釈も語彙(schemas/roles.v1.json)と選択肢に合っている', () => {
  for (const form of loadForms().values()) assert.deepEqual(checkRoleAnnotations(form.schema), [], form.formName);
});

test('規則 × 様式: 様式に必要な役割がない規則は、その様式に理由が記録されている(黙って飛ばさない)', () => {
  for (const form of loadForms().values()) {
    const reasons = (form.schema['x-form'] as { notApplicable?: Record<string, string> }).notApplicable ?? {};
    for (const rule of ruleApplicability(form)) {
      if (!rule.applies) assert.ok(rule.reason && rule.reason.length > 5, `${form.formName}: ${rule.catalogue} ${rule.id} lacks ${rule.missing.join(', ')} with no recorded reason`);
      else assert.equal(reasons[rule.id], undefined, `${form.formName}: ${rule.id} applies, so its recorded reason is stale`);
    }
  }
});
