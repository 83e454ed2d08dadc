import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requiredLevel, thresholdConsistency } from './threshold-consistency.ts';
import { reference, run } from '../../../test/helpers.ts';

const path = '/評価実施手続/基礎項目評価/しきい値判断結果';
const setResult = (data: Record<string, any>, value: string) => (data['評価実施手続']['基礎項目評価']['しきい値判断結果'] = value);
const setBand = (data: Record<string, any>, value: string) => (data['特定個人情報ファイルの概要'][0]['基本情報']['対象となる本人の数'] = value);

test('10万人以上なのに任意実施としている参考評価書は誤り', () => {
  assert.deepEqual(run(thresholdConsistency, reference()), [{ messageId: 'below-duty', path }]);
});

test('10万人以上で重点項目評価が義務付けられるとしていれば正しい', () => {
  const data = reference();
  setResult(data, '基礎項目評価及び重点項目評価の実施が義務付けられる');
  assert.deepEqual(run(thresholdConsistency, data), []);
});

test('1万人以上10万人未満で任意実施は正しい', () => {
  const data = reference();
  setBand(data, '1万人以上10万人未満');
  assert.deepEqual(run(thresholdConsistency, data), []);
});

test('100万人以上なら全項目評価の可能性を警告する', () => {
  const data = reference();
  setBand(data, '100万人以上1,000万人未満');
  setResult(data, '基礎項目評価及び重点項目評価の実施が義務付けられる');
  assert.deepEqual(run(thresholdConsistency, data), [{ messageId: 'full-due', path, level: 'warning' }]);
});

test('取扱者数が500人以上に達する10万人以上の事務は全項目評価の可能性を警告する', () => {
  const data = reference();
  setResult(data, '基礎項目評価及び重点項目評価の実施が義務付けられる');
  data['特定個人情報ファイルの概要'][0]['特定個人情報の入手・使用']['使用の主体']['使用者数'] = '500人以上1,000人未満';
  assert.deepEqual(run(thresholdConsistency, data), [{ messageId: 'full-due', path, level: 'warning' }]);
});

test('1,000人以上なのに評価の義務がないとするのは誤り', () => {
  const data = reference();
  setBand(data, '1万人未満');
  setResult(data, '特定個人情報保護評価の実施が義務付けられない(任意に重点項目評価を実施)');
  // 1万人未満 has a lower bound of 0: the band alone does not prove 1,000 people, so nothing is reported.
  assert.deepEqual(run(thresholdConsistency, data), []);
  setBand(data, '1万人以上10万人未満');
  assert.deepEqual(run(thresholdConsistency, data), [{ messageId: 'no-duty-but-people', path }]);
});

test('しきい値判断の表', () => {
  assert.equal(requiredLevel(999, true), 'none');
  assert.equal(requiredLevel(5000, true), 'basic');
  assert.equal(requiredLevel(50_000, false), 'basic');
  assert.equal(requiredLevel(50_000, true), 'focused');
  assert.equal(requiredLevel(150_000, false), 'focused');
  assert.equal(requiredLevel(150_000, true), 'full');
  assert.equal(requiredLevel(300_000, false), 'full');
});

test('全項目評価書で「基礎項目評価及び全項目評価の実施が義務付けられる」なら、10万人以上でも指摘しない', async () => {
  const { fullSample, runFull } = await import('../../../test/full-helpers.ts');
  assert.deepEqual(runFull(thresholdConsistency, fullSample()), []);
});
