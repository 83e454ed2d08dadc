import { test } from 'node:test';
import assert from 'node:assert/strict';
import { handlerThresholdCrossed as rule } from './handler-threshold-crossed.ts';
import { changeAt, context, pointers } from '../testing.ts';
import { reference } from '../../../test/helpers.ts';
import type { Change } from '../../diff/change.ts';
import type { ClassifyContext } from '../rule.ts';

const contractorPointer = '/特定個人情報ファイルの概要/0/特定個人情報ファイルの取扱いの委託/委託事項/0/委託先における取扱者数';

/** The reference with one file: people band, 使用者数 and every 委託先における取扱者数 set. */
const data = (people: string, users: string, contractor: string) => {
  const d = reference();
  const file = d['特定個人情報ファイルの概要'][0];
  file['基本情報']['対象となる本人の数'] = people;
  file['特定個人情報の入手・使用']['使用の主体']['使用者数'] = users;
  for (const e of file['特定個人情報ファイルの取扱いの委託']['委託事項']) e['委託先における取扱者数'] = contractor;
  d['リスク対策']['特定個人情報ファイル'][0]['特定個人情報の保管・消去'] = { リスク: { 過去3年以内の重大事故: '発生なし' } };
  return d;
};
const run = (change: Change, ctx: ClassifyContext) => rule.classify(change, ctx).map((f) => `${f.messageId}/${f.timing ?? rule.meta.timing}`);

test('10万人以上30万人未満の事務で使用者数が上がり取扱者数が確実に500人以上になると全項目評価が必要: 再評価', () => {
  const ctx = context({ oldData: data('10万人以上100万人未満', '100人以上500人未満', '10人未満'), newData: data('10万人以上100万人未満', '500人以上1,000人未満', '10人未満') });
  assert.deepEqual(run(changeAt(pointers.users, '100人以上500人未満', '500人以上1,000人未満'), ctx), ['crossed/reassess']);
});

test('委託先の取扱者数の増加で全項目評価が必要になっても再評価', () => {
  const ctx = context({ oldData: data('10万人以上100万人未満', '100人以上500人未満', '50人以上100人未満'), newData: data('10万人以上100万人未満', '100人以上500人未満', '500人以上1,000人未満') });
  assert.deepEqual(run(changeAt(contractorPointer, '50人以上100人未満', '500人以上1,000人未満'), ctx), ['crossed/reassess']);
});

test('対象人数が1万人未満なら、取扱者数が500人以上になっても結果は変わらず再評価ではない', () => {
  const ctx = context({ oldData: data('1万人未満', '100人以上500人未満', '10人未満'), newData: data('1万人未満', '1,000人以上', '10人未満') });
  assert.deepEqual(run(changeAt(pointers.users, '100人以上500人未満', '1,000人以上'), ctx), []);
});

test('もともと結果が上の段階、または500人に届かない変更には当たらない', () => {
  const already = context({ oldData: data('10万人以上100万人未満', '500人以上1,000人未満', '10人未満'), newData: data('10万人以上100万人未満', '1,000人以上', '10人未満') });
  assert.deepEqual(run(changeAt(pointers.users, '500人以上1,000人未満', '1,000人以上'), already), []);
  const below = context({ oldData: data('10万人以上100万人未満', '10人以上50人未満', '10人未満'), newData: data('10万人以上100万人未満', '50人以上100人未満', '10人未満') });
  assert.deepEqual(run(changeAt(pointers.users, '10人以上50人未満', '50人以上100人未満'), below), []);
});

test('取扱者を増やしていない変更(10人未満の委託事項の追加)には当たらない', () => {
  const ctx = context({ oldData: data('10万人以上100万人未満', '100人以上500人未満', '10人未満'), newData: data('10万人以上100万人未満', '500人以上1,000人未満', '10人未満') });
  const entry = '/特定個人情報ファイルの概要/0/特定個人情報ファイルの取扱いの委託/委託事項/1';
  assert.deepEqual(run(changeAt(entry, undefined, { ID: 'x', 委託先における取扱者数: '10人未満' }), ctx), []);
});
