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

test('主な記録項目 と 別添 の組(x-links の covers)の定義の誤りを報告する: 語のない欄だけ、空の語', () => {
  const schema = structuredClone(loadForms().get('重点項目評価書')!.schema);
  const strip = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    delete (node as Record<string, unknown>)['x-record-terms'];
    Object.values(node).forEach(strip);
  };
  const withEmpty = structuredClone(schema);
  strip(schema);
  assert.ok(checkRoleAnnotations(schema).some((p) => /records-main-annex: no checkbox under records\.main has x-record-terms/.test(p)), checkRoleAnnotations(schema).join('\n'));
  const box = (withEmpty.$defs!['ファイルの概要']!.properties!['基本情報']!.properties!['主な記録項目']!.properties!['識別情報']!.properties!['個人番号']!);
  box['x-record-terms'] = { terms: [] };
  assert.ok(checkRoleAnnotations(withEmpty).some((p) => /x-record-terms \{"terms":\[\]\} must be/.test(p)), checkRoleAnnotations(withEmpty).join('\n'));
});
