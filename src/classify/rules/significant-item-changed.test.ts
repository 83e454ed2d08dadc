import { test } from 'node:test';
import assert from 'node:assert/strict';
import { significantItemChanged as rule } from './significant-item-changed.ts';
import { changeAt, pointers, run } from '../testing.ts';

test('※の記載(保管場所)の書き換えは事前、人の判断が要ることを述べる', () => {
  assert.deepEqual(run(rule, changeAt(pointers.hokan, 'サーバー室に保管する。', 'クラウドに保管する。')), ['text/before']);
});

test('※の選択肢(委託の有無)の変更は値を示して事前', () => {
  const change = changeAt(pointers.itaku, '委託しない', '委託する');
  assert.deepEqual(run(rule, change), ['value/before']);
  assert.match(rule.classify(change, {} as never)[0]!.data!['after'] as string, /委託する/);
});

test('※を含む委託事項の追加・削除は事前', () => {
  const entry = { ID: 'x', 名称: '印刷', 再委託の有無: '再委託しない' };
  assert.deepEqual(run(rule, changeAt(pointers.itakuEntry, undefined, entry)), ['added/before']);
  assert.deepEqual(run(rule, changeAt(pointers.itakuEntry, entry, undefined)), ['removed/before']);
});

test('※のない項目(所属長の役職名)や移動には当たらない', () => {
  assert.deepEqual(run(rule, changeAt(pointers.chief, '子ども福祉課長', 'こども福祉課長')), []);
  assert.deepEqual(run(rule, { ...changeAt(pointers.itakuEntry, {}, {}), kind: 'moved', significant: true }), []);
});
