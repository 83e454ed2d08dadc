/** The catalogue is the one registration point: every rule file is in it, sorted, with its test. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validationRules } from './catalogue.ts';

const dir = fileURLToPath(new URL('.', import.meta.url));
const ruleFiles = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'catalogue.ts');

test('規則ファイルはすべて目録にあり、ID はファイル名と同じで、目録は ID 順', () => {
  assert.deepEqual(validationRules.map((r) => `${r.meta.id}.ts`), [...ruleFiles].sort());
  assert.deepEqual(validationRules.map((r) => r.meta.id), validationRules.map((r) => r.meta.id).sort());
});

test('どの規則にも同名のテスト、理由、すべての messageId のヒントがある', () => {
  for (const rule of validationRules) {
    assert.ok(existsSync(`${dir}${rule.meta.id}.test.ts`), `${rule.meta.id}.test.ts`);
    assert.ok(rule.meta.rationale.length > 10, rule.meta.id);
    assert.deepEqual(Object.keys(rule.meta.hints ?? {}).sort(), Object.keys(rule.meta.messages).sort(), rule.meta.id);
  }
});

const headings = ['概要', '根拠', '該当する例', '該当しない例', '対象外'];

test('どの規則にも説明(<id>.md)があり、題名が ID で、見出しが決まった順に並ぶ', () => {
  for (const rule of validationRules) {
    const file = `${dir}${rule.meta.id}.md`;
    assert.ok(existsSync(file), `${rule.meta.id}.md`);
    const text = readFileSync(file, 'utf8');
    assert.match(text, new RegExp(`^---\ntitle: ${rule.meta.id}\n---\n`), rule.meta.id);
    assert.deepEqual([...text.matchAll(/^## (.+)$/gm)].map((m) => m[1]), headings, rule.meta.id);
  }
});
