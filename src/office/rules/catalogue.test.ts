/** The 事務 rules' catalogue: every rule file is in it, sorted, with its test and its doc. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { officeRules } from './catalogue.ts';
import { validationRules } from '../../validate/rules/catalogue.ts';
import { roleVocabulary } from '../../model/roles.ts';

const dir = fileURLToPath(new URL('.', import.meta.url));
const ruleFiles = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !['catalogue.ts', 'helpers.ts'].includes(f));

test('事務の規則ファイルはすべて目録にあり、ID はファイル名と同じで、目録は ID 順、検証規則と ID が重ならない', () => {
  assert.deepEqual(officeRules.map((r) => `${r.meta.id}.ts`), [...ruleFiles].sort());
  assert.deepEqual(officeRules.map((r) => r.meta.id), officeRules.map((r) => r.meta.id).sort());
  const ids = new Set(validationRules.map((r) => r.meta.id));
  for (const rule of officeRules) assert.ok(!ids.has(rule.meta.id), rule.meta.id);
});

test('どの規則にもテスト、理由、すべての messageId のヒントがあり、読む役割は語彙にある', () => {
  for (const rule of officeRules) {
    assert.ok(existsSync(`${dir}${rule.meta.id}.test.ts`), rule.meta.id);
    assert.ok(rule.meta.rationale.length > 10, rule.meta.id);
    assert.deepEqual(Object.keys(rule.meta.hints ?? {}).sort(), Object.keys(rule.meta.messages).sort(), rule.meta.id);
    for (const role of rule.meta.requires) assert.ok(roleVocabulary()[role], `${rule.meta.id}: ${role}`);
  }
});

test('どの規則にも説明(<id>.md)があり、題名が ID で、見出しが決まった順に並ぶ', () => {
  for (const rule of officeRules) {
    const text = readFileSync(`${dir}${rule.meta.id}.md`, 'utf8');
    assert.match(text, new RegExp(`^---\ntitle: ${rule.meta.id}\n---\n`), rule.meta.id);
    assert.deepEqual([...text.matchAll(/^## (.+)$/gm)].map((m) => m[1]), ['概要', '根拠', '該当する例', '該当しない例', '対象外'], rule.meta.id);
  }
});
