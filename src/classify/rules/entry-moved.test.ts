import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entryMoved as rule } from './entry-moved.ts';
import { changeAt, pointers, run } from '../testing.ts';

test('記載順だけの変更(移動)は事後', () => {
  const entry = { ID: 'a', 名称: 'A' };
  assert.deepEqual(run(rule, changeAt(pointers.itakuEntry, entry, entry, 'moved')), ['moved/after']);
});

test('追加・削除・変更には当たらない', () => {
  assert.deepEqual(run(rule, changeAt(pointers.itakuEntry, undefined, { ID: 'a' })), []);
  assert.deepEqual(run(rule, changeAt(pointers.chief, 'a', 'b')), []);
});
