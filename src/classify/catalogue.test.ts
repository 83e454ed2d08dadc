/** Catalogue audit: rule files, IDs, docs and the coverage of every ※ item (STYLE.md 3.2, 3.8). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { classificationRules } from './catalogue.ts';
import { validationRules } from '../validate/rules/catalogue.ts';
import { loadForms, type JsonSchema } from '../schema/registry.ts';
import { isSignificant, resolveRef } from '../schema/walk.ts';
import { checkboxGroupOrder } from './helpers.ts';

const dir = new URL('./rules/', import.meta.url);
const ruleFiles = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => f.replace(/\.ts$/, '')).sort();

test('規則ファイルはすべてカタログにあり、IDはファイル名と同じ', () => {
  assert.deepEqual(classificationRules.map((r) => r.meta.id), ruleFiles);
});

test('カタログはIDの順に並び、IDは検証規則とも重ならない', () => {
  const ids = classificationRules.map((r) => r.meta.id);
  assert.deepEqual(ids, [...ids].sort());
  const validation = new Set(validationRules.map((r) => r.meta.id));
  assert.deepEqual(ids.filter((id) => validation.has(id)), []);
});

test('どの規則にもテストと説明文書(title と決まった見出しの順)がある', () => {
  const files = new Set(readdirSync(dir));
  for (const id of ruleFiles) {
    assert.ok(files.has(`${id}.test.ts`), `${id}.test.ts がありません`);
    assert.ok(files.has(`${id}.md`), `${id}.md がありません`);
    const doc = readFileSync(new URL(`${id}.md`, dir), 'utf8');
    assert.match(doc, new RegExp(`^---\\ntitle: ${id}\\n---\\n`), `${id}.md の front matter`);
    const headings = [...doc.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    assert.deepEqual(headings, ['概要', '根拠', '該当する例', '該当しない例', '対象外'], `${id}.md の見出し`);
  }
});

test('緩和する規則の名はカタログにあり、すべての規則が根拠とメッセージを持つ', () => {
  const ids = new Set(classificationRules.map((r) => r.meta.id));
  for (const rule of classificationRules) {
    for (const target of rule.meta.relaxes ?? []) assert.ok(ids.has(target), `${rule.meta.id} relaxes unknown ${target}`);
    assert.ok(rule.meta.basis.length > 0 && Object.keys(rule.meta.messages).length > 0, rule.meta.id);
  }
});

interface Leaf {
  pattern: string;
  pointer: string;
  schema: JsonSchema;
}

function leaves(root: JsonSchema): Leaf[] {
  const out: Leaf[] = [];
  const visit = (schema: JsonSchema, pattern: string, pointer: string): void => {
    if (schema.items) return visit(resolveRef(root, schema.items), `${pattern}/[]`, `${pointer}/0`);
    const children = Object.entries(schema.properties ?? {});
    if (children.length === 0 || schema['x-render'] === 'checkbox') {
      out.push({ pattern, pointer, schema });
      return;
    }
    for (const [key, child] of children) visit(resolveRef(root, child), `${pattern}/${key}`, `${pointer}/${key}`);
  };
  visit(resolveRef(root, root), '', '');
  return out;
}

test('どの様式でも、※の選択肢・チェック欄はすべて x-risk-order を持つか、理由(x-no-risk-order)がある(古い理由は誤り)', () => {
  for (const form of loadForms().values()) {
    const root = form.schema;
    const significant = leaves(root).filter((l) => isSignificant(root, l.pointer));
    const ordered = (l: Leaf) => Boolean(l.schema['x-risk-order'] ?? (l.schema['x-render'] === 'checkbox' || l.schema.enum?.includes(true) ? checkboxGroupOrder(root, l.pointer) : undefined));
    const needsOrder = significant.filter((l) => Array.isArray(l.schema.enum) || l.schema['x-render'] === 'checkbox');
    const uncovered = needsOrder.filter((l) => !ordered(l) && !l.schema['x-no-risk-order']).map((l) => l.pattern);
    assert.deepEqual(uncovered, [], form.formName);
    for (const leaf of leaves(root).filter((l) => l.schema['x-no-risk-order'])) {
      assert.ok(needsOrder.some((l) => l.pattern === leaf.pattern), `${form.formName} ${leaf.pattern}: x-no-risk-order on an item that is not a ※ choice (stale)`);
      assert.ok(!ordered(leaf), `${form.formName} ${leaf.pattern}: x-no-risk-order beside an x-risk-order (stale)`);
      assert.ok(leaf.schema['x-no-risk-order']!.length > 10, `${form.formName} ${leaf.pattern}: no reason`);
    }
    // Free texts need no order: significant-item-changed, formal-change, typo-fix and organisation-renamed cover them.
    // (様式2 has no ※ at all: nothing to cover.)
    assert.ok(significant.length === 0 || significant.length > needsOrder.length, form.formName);
  }
});
