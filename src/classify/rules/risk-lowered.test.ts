import { test } from 'node:test';
import assert from 'node:assert/strict';
import { riskLowered as rule } from './risk-lowered.ts';
import { changeAt, pointers, run } from '../testing.ts';

test('委託をやめる、入手元のチェックを外す、記録項目を減らすのは事後', () => {
  assert.deepEqual(run(rule, changeAt(pointers.itaku, '委託する', '委託しない')), ['lowered/after']);
  assert.deepEqual(run(rule, changeAt(pointers.nyushumotoOther, { 選択: true }, { 選択: false })), ['lowered/after']);
  assert.deepEqual(run(rule, changeAt(pointers.recordItem, '職権フラグ', undefined)), ['lowered/after']);
  assert.deepEqual(run(rule, changeAt(pointers.itakuEntry, { ID: 'x', 再委託の有無: '再委託しない' }, undefined)), ['lowered/after']);
});

test('十分性が「十分である」から「特に力を入れている」に上がるのはリスクが下がる変更', () => {
  const pointer = '/リスク対策/特定個人情報ファイル/0/特定個人情報の使用/リスク1/リスクへの対策は十分か';
  assert.deepEqual(run(rule, changeAt(pointer, '十分である', '特に力を入れている')), ['lowered/after']);
});

test('リスクが上がる変更や順序のない変更には当たらない', () => {
  assert.deepEqual(run(rule, changeAt(pointers.itaku, '委託しない', '委託する')), []);
  assert.deepEqual(run(rule, changeAt(pointers.hokan, 'a', 'b')), []);
});
