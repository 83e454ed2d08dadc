/**
 * `pia new`'s draft, for every form on main and for the synthetic test form (renamed keys, no 提供・移転 section):
 * every item present in the form's order with its number and label in a comment, blank as the form prints it;
 * the blank draft's findings are the blanks of required items, each at the line of its item; filled at least as an
 * officer would, it passes `validate --strict` with no finding at all.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { loadForms, type FormDefinition, type JsonSchema } from '../../src/schema/registry.ts';
import { isSignificant, itemLabel, resolveRef, walkData } from '../../src/schema/walk.ts';
import { pointerOf, segmentsOf } from '../../src/report/diagnostic.ts';
import { isObject } from '../../src/model/access.ts';
import { draft, draftText, fileId } from '../../src/new/draft.ts';
import { syntheticForm } from '../synthetic/synthetic-form.ts';
import { check, fillMinimum, today } from './fill.ts';
import { validateText } from '../../src/validate/validate.ts';

// The synthetic form is known to the validator only in this test process.
loadForms().set(syntheticForm.formName, syntheticForm);
const forms: FormDefinition[] = [...loadForms().values()];

interface Item {
  pointer: string;
  key: string;
  schema: JsonSchema;
}

/** Every item of the form the draft must hold (lists: their first entry). */
function formItems(root: JsonSchema): Item[] {
  const out: Item[] = [];
  const visit = (node: JsonSchema, pointer: string) => {
    const s = resolveRef(root, node);
    for (const [key, child] of Object.entries(s.properties ?? {})) {
      const c = resolveRef(root, child);
      // Hidden lists (非公表, 検証の例外) are not the form's; a hidden value (基礎項目評価の実施日) is the tool's record.
      if (key === '$schema' || (c['x-render'] === 'hidden' && (c.items || c.type === 'array'))) continue;
      const p = pointer + pointerOf([key]);
      out.push({ pointer: p, key, schema: c });
      visit(c, p);
      if (c.items && resolveRef(root, c.items).properties && c['x-render'] !== 'change-table') visit(c.items, `${p}/0`);
    }
  };
  visit(root, '');
  return out;
}

function valueAt(data: unknown, pointer: string): unknown {
  let current = data;
  for (const s of segmentsOf(pointer)) current = Array.isArray(current) ? current[Number(s)] : isObject(current) ? current[s] : undefined;
  return current;
}

const keyLine = (text: string, line: number) => text.split('\n')[line - 1] ?? '';

for (const form of forms) {
  const root = form.schema;
  const file = `assessments/new-${form.formName}/assessment.yaml`;
  const text = draftText(root);
  const data = parse(text) as Record<string, unknown>;
  const items = formItems(root);

  test(`${form.formName}: 下書きには様式のすべての項目(${items.length} 件)が様式の順にあり、各行のコメントに番号・項目名・※がある`, () => {
    const lines = text.split('\n');
    let cursor = -1;
    for (const item of items) {
      assert.notEqual(valueAt(data, item.pointer), undefined, `${item.pointer} missing`);
      // Document order: the key's line comes after the previous item's.
      const at = lines.findIndex((l, i) => i > cursor && new RegExp(`^\\s*(- )?${item.key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`).test(l));
      assert.ok(at > cursor, `${item.pointer} not in order`);
      cursor = at;
      if (item.key === 'ID') continue;
      const comment = lines[at]!.slice(lines[at]!.indexOf(' # ') + 3);
      assert.ok(lines[at]!.includes(' # '), `${item.pointer}: no comment on «${lines[at]}»`);
      if (item.key !== '様式') {
        assert.ok(comment.startsWith(itemLabel(item.schema, item.key)), `${item.pointer}: «${comment}»`);
        assert.equal(/^[^<(]*※/.test(comment.replace(itemLabel(item.schema, item.key), '')), isSignificant(root, item.pointer), `${item.pointer} ※: «${comment}»`);
      }
    }
    assert.equal(draft(root).items, items.filter((i) => i.key !== 'ID' && i.key !== '様式').length);
  });

  test(`${form.formName}: 空欄は原本の様式のとおり(文章・日付・選択・件数は null、チェック欄は false、変更箇所は行なし)、繰り返す記載は1件ずつ仮の ID 付き`, () => {
    assert.equal(data['様式'], form.formName);
    walkData(root, data, (pointer, value, schema) => {
      if (schema.properties || schema.items || pointer === '' || segmentsOf(pointer).at(-1) === '様式') {
        if (schema['x-render'] === 'change-table') assert.deepEqual(value, [], pointer);
        else if (schema.items && resolveRef(root, schema.items).properties) assert.equal((value as unknown[]).length, 1, pointer);
        return;
      }
      if (segmentsOf(pointer).at(-1) === 'ID') return assert.match(String(value), /^[a-z0-9][a-z0-9-]*$/, pointer);
      const checkbox = schema.enum?.includes(true);
      assert.equal(value, checkbox ? false : null, pointer);
    });
    // One 特定個人情報ファイル: Ⅱ, 別添 and Ⅲ name it with the same ID.
    const ids = walkIds(root, data);
    const perFileLists = items.filter((i) => ['files', 'records.annex', 'risk.files'].includes(i.schema['x-role'] ?? '')).length;
    assert.equal(ids.filter((id) => id === fileId).length, perFileLists, ids.join(' '));
    assert.equal(new Set(ids.filter((id) => id !== fileId)).size, ids.filter((id) => id !== fileId).length, 'other IDs are unique');
  });

  test(`${form.formName}: 空の下書きの指摘は必須項目の空欄で、それぞれその項目の行を指す`, () => {
    const result = validateText(file, text, { today });
    assert.ok(result.renderable, 'the blank draft fits the form structure');
    const expected: string[] = [];
    walkData(root, data, (pointer, value, schema) => {
      if (!isObject(value) || !schema.required) return;
      for (const key of schema.required) if (value[key] === null) expected.push(`${pointer}/${key}`);
    });
    const blanks = result.diagnostics.filter((d) => d.rule === 'blank-required-item');
    assert.deepEqual(blanks.map((d) => d.path).sort(), expected.sort());
    for (const d of blanks) {
      const key = segmentsOf(d.path).at(-1)!;
      assert.match(keyLine(text, d.line), new RegExp(`^\\s*(- )?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: null`), `${d.path} at line ${d.line}`);
    }
    // Besides the blanks, only the question the draft's one 提供先 / 移転先 asks: is there a 提供 / 移転?
    const others = result.diagnostics.filter((d) => d.rule !== 'blank-required-item');
    assert.deepEqual([...new Set(others.map((d) => d.rule))].filter((r) => r !== 'provision-consistency'), []);
    // Each at its checkbox: the checkbox (its key line) or its state (the line after).
    assert.ok(others.every((d) => d.severity === 'error' && (keyLine(text, d.line) + keyLine(text, d.line - 1)).includes(`${segmentsOf(d.path).at(-1)}:`)), others.map((d) => `${d.line} ${d.message}`).join('\n'));
  });

  test(`${form.formName}: 最低限を記載すると validate --strict の指摘がない`, () => {
    const filled = fillMinimum(form, file, text);
    assert.deepEqual(check(file, filled).diagnostics.map((d) => `${d.line}:${d.col} ${d.rule} ${d.message}`), []);
    // Filling kept every comment of the draft.
    assert.equal(filled.split('\n').filter((l) => l.includes(' # ')).length, text.split('\n').filter((l) => l.includes(' # ')).length);
  });
}

function walkIds(root: JsonSchema, data: unknown): string[] {
  const ids: string[] = [];
  walkData(root, data, (pointer, value) => {
    if (segmentsOf(pointer).at(-1) === 'ID' && typeof value === 'string') ids.push(value);
  });
  return ids;
}
