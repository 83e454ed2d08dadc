/** `--from`'s clearing, in-process, for every form: found by role and x-render, so the synthetic form too. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { loadForms } from '../../src/schema/registry.ts';
import { copyableData, clearedRoles } from '../../src/new/copy.ts';
import { draftText } from '../../src/new/draft.ts';
import { readRole } from '../../src/model/roles.ts';
import { walkData } from '../../src/schema/walk.ts';
import { syntheticForm } from '../synthetic/synthetic-form.ts';
import { fillMinimum } from './fill.ts';

loadForms().set(syntheticForm.formName, syntheticForm);

for (const form of loadForms().values()) {
  test(`${form.formName}: 記載済みの評価書から写すと、事務を表す記載・日付・手続の結果・変更箇所・検証の例外だけが空欄になる`, () => {
    const root = form.schema;
    const filled = parse(fillMinimum(form, 'x.yaml', draftText(root))) as Record<string, unknown>;
    filled['検証の例外'] = [{ 規則: 'doubled-word', 理由: '元の評価書で確認した' }];
    const { data, cleared } = copyableData(root, filled);
    const expected = new Set<string>();
    for (const role of Object.keys(clearedRoles)) for (const read of readRole(root, filled, role)) if (read.raw !== null) expected.add(read.pointer);
    walkData(root, filled, (pointer, value, schema) => {
      if (schema['x-render'] === 'date' && value !== null) expected.add(pointer);
    });
    expected.add('/検証の例外');
    const got = new Set(cleared.map((c) => c.pointer));
    assert.deepEqual([...got].sort(), [...expected].sort());
    assert.ok(cleared.every((c) => c.item.length > 0));
    assert.equal(data['検証の例外'], undefined);
    // Everything else is as in the source.
    let same = 0;
    walkData(root, filled, (pointer, value, schema) => {
      if (schema.properties || schema.items || [...expected].some((e) => pointer === e || pointer.startsWith(`${e}/`))) return;
      const copied = pointer.slice(1).split('/').reduce<unknown>((v, s) => (v as Record<string, unknown>)?.[s], data);
      assert.deepEqual(copied, value, pointer);
      same++;
    });
    assert.ok(same > 40, `${same} values copied`);
  });
}

test('変更箇所の行は写さず、その行数を示す', () => {
  const form = loadForms().get('基礎項目評価書')!;
  const filled = parse(fillMinimum(form, 'x.yaml', draftText(form.schema))) as Record<string, unknown>;
  filled['変更箇所'] = [{ ID: 'c-1', 変更日: '令和8年5月1日', 項目: '表紙', 変更前の記載: 'a', 変更後の記載: 'b', 提出時期: '事後', 提出時期に係る説明: '—' }];
  const { data, cleared } = copyableData(form.schema, filled);
  assert.deepEqual(data['変更箇所'], []);
  assert.deepEqual(cleared.filter((c) => c.reason === 'changes').map((c) => [c.pointer, c.count]), [['/変更箇所', 1]]);
  assert.equal(cleared.some((c) => c.pointer.startsWith('/変更箇所/')), false, 'the rows are one entry, not one per date');
});
