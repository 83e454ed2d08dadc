import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nonSignificantItem as rule } from './non-significant-item.ts';
import { changeAt, pointers, run } from '../testing.ts';

test('※のない項目(所属長の役職名、使用者数、別添1)の変更は事後', () => {
  assert.deepEqual(run(rule, changeAt(pointers.chief, '子ども福祉課長', 'こども福祉課長')), ['changed/after']);
  assert.deepEqual(run(rule, changeAt(pointers.users, '100人以上500人未満', '50人以上100人未満')), ['changed/after']);
  assert.deepEqual(run(rule, changeAt(pointers.recordItem, '職権フラグ', undefined)), ['changed/after']);
});

test('※の項目、Ⅲ リスク対策の記載には当たらない', () => {
  assert.deepEqual(run(rule, changeAt(pointers.hokan, 'a', 'b')), []);
  assert.deepEqual(run(rule, changeAt(pointers.otherMeasures, 'a', 'b')), []);
});

test('Ⅲ 7.② 過去3年以内の重大事故は※の対象外なので事後', () => {
  const pointer = '/リスク対策/特定個人情報ファイル/0/特定個人情報の保管・消去/リスク/過去3年以内の重大事故';
  assert.deepEqual(run(rule, changeAt(pointer, '発生なし', '発生あり')), ['changed/after']);
});
