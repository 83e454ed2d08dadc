import { test } from 'node:test';
import assert from 'node:assert/strict';
import { handlerLowerBound, handlerThresholdCrossed as rule } from './handler-threshold-crossed.ts';
import { changeAt, context, pointers, run } from '../testing.ts';

const data = (users: string, contractor: string) => ({
  特定個人情報ファイルの概要: [{ 特定個人情報の入手・使用: { 使用の主体: { 使用者数: users } }, 特定個人情報ファイルの取扱いの委託: { 委託事項: [{ 委託先における取扱者数: contractor }] } }],
});

test('取扱者数の下限は使用者数と委託先の取扱者数の区分の下限の合計', () => {
  assert.equal(handlerLowerBound(data('100人以上500人未満', '10人以上50人未満')), 110);
  assert.equal(handlerLowerBound(data('500人以上1,000人未満', '10人未満')), 500);
});

test('使用者数の区分が上がり取扱者数が500人以上になると再評価', () => {
  const ctx = context({ oldData: data('100人以上500人未満', '10人以上50人未満'), newData: data('500人以上1,000人未満', '10人以上50人未満') });
  assert.deepEqual(run(rule, changeAt(pointers.users, '100人以上500人未満', '500人以上1,000人未満'), ctx), ['crossed/reassess']);
});

test('委託先の取扱者数の増加で合計が500人以上になっても再評価', () => {
  const pointer = '/特定個人情報ファイルの概要/0/特定個人情報ファイルの取扱いの委託/委託事項/0/委託先における取扱者数';
  const ctx = context({ oldData: data('100人以上500人未満', '50人以上100人未満'), newData: data('100人以上500人未満', '500人以上1,000人未満') });
  assert.deepEqual(run(rule, changeAt(pointer, '50人以上100人未満', '500人以上1,000人未満'), ctx), ['crossed/reassess']);
});

test('もともと500人以上、または500人に届かない変更には当たらない', () => {
  const already = context({ oldData: data('500人以上1,000人未満', '10人未満'), newData: data('1,000人以上', '10人未満') });
  assert.deepEqual(run(rule, changeAt(pointers.users, '500人以上1,000人未満', '1,000人以上'), already), []);
  const below = context({ oldData: data('10人以上50人未満', '10人未満'), newData: data('100人以上500人未満', '10人未満') });
  assert.deepEqual(run(rule, changeAt(pointers.users, '10人以上50人未満', '100人以上500人未満'), below), []);
});

test('合計が500人以上になっても、取扱者を増やしていない変更(10人未満の委託事項の追加)には当たらない', () => {
  const ctx = context({ oldData: data('100人以上500人未満', '10人未満'), newData: data('500人以上1,000人未満', '10人未満') });
  const entry = '/特定個人情報ファイルの概要/0/特定個人情報ファイルの取扱いの委託/委託事項/1';
  assert.deepEqual(run(rule, changeAt(entry, undefined, { ID: 'x', 委託先における取扱者数: '10人未満' }), ctx), []);
  assert.deepEqual(run(rule, changeAt(entry, undefined, { ID: 'x', 委託先における取扱者数: '500人以上1,000人未満' }), ctx), ['crossed/reassess']);
});
