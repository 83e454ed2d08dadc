import { test } from 'node:test';
import assert from 'node:assert/strict';
import { thresholdRaised as rule } from './threshold-raised.ts';
import { changeAt, context, pointers, run } from '../testing.ts';
import { reference } from '../../../test/helpers.ts';

const withBand = (band: string) => {
  const data = reference();
  data['特定個人情報ファイルの概要'][0]['基本情報']['対象となる本人の数'] = band;
  return data;
};

test('しきい値判断結果が「基礎項目評価の実施が義務付けられる」から重点項目評価の義務付けに上がると再評価', () => {
  const change = changeAt(pointers.threshold, '基礎項目評価の実施が義務付けられる(任意に重点項目評価を実施)', '基礎項目評価及び重点項目評価の実施が義務付けられる');
  assert.deepEqual(run(rule, change), ['result/reassess']);
});

test('対象となる本人の数が増えて全項目評価が必要になると再評価(必要な評価書を示す)', () => {
  const ctx = context({ oldData: withBand('10万人以上100万人未満'), newData: withBand('100万人以上1,000万人未満') });
  const change = changeAt(pointers.subjects, '10万人以上100万人未満', '100万人以上1,000万人未満');
  assert.deepEqual(run(rule, change, ctx), ['input/reassess']);
  assert.match(rule.classify(change, ctx)[0]!.data!['forms'] as string, /全項目評価書/);
});

test('区分が上がっても、この重点項目評価書の段階を超えなければ再評価ではない', () => {
  const ctx = context({ oldData: withBand('1万人以上10万人未満'), newData: withBand('10万人以上100万人未満') });
  assert.deepEqual(run(rule, changeAt(pointers.subjects, '1万人以上10万人未満', '10万人以上100万人未満'), ctx), []);
});

test('結果が下がる・本人の数が減る・他の項目の変更には当たらない', () => {
  assert.deepEqual(run(rule, changeAt(pointers.threshold, '基礎項目評価及び重点項目評価の実施が義務付けられる', '基礎項目評価の実施が義務付けられる(任意に重点項目評価を実施)')), []);
  const ctx = context({ oldData: withBand('10万人以上100万人未満'), newData: withBand('1万人以上10万人未満') });
  assert.deepEqual(run(rule, changeAt(pointers.subjects, '10万人以上100万人未満', '1万人以上10万人未満'), ctx), []);
  assert.deepEqual(run(rule, changeAt(pointers.users, '10人未満', '1,000人以上')), []);
});
