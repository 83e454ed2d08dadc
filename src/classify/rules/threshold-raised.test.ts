import { test } from 'node:test';
import assert from 'node:assert/strict';
import { thresholdRaised as rule } from './threshold-raised.ts';
import { changeAt, pointers, run } from '../testing.ts';

test('しきい値判断結果が「基礎項目評価の実施が義務付けられる」から重点項目評価の義務付けに上がると再評価', () => {
  const change = changeAt(pointers.threshold, '基礎項目評価の実施が義務付けられる(任意に重点項目評価を実施)', '基礎項目評価及び重点項目評価の実施が義務付けられる');
  assert.deepEqual(run(rule, change), ['result/reassess']);
});

test('対象となる本人の数が上の区分に移ると再評価(しきい値判断の確認)', () => {
  assert.deepEqual(run(rule, changeAt(pointers.subjects, '1万人以上10万人未満', '10万人以上100万人未満')), ['subjects/reassess']);
});

test('結果が下がる・本人の数が減る・他の項目の変更には当たらない', () => {
  assert.deepEqual(run(rule, changeAt(pointers.threshold, '基礎項目評価及び重点項目評価の実施が義務付けられる', '基礎項目評価の実施が義務付けられる(任意に重点項目評価を実施)')), []);
  assert.deepEqual(run(rule, changeAt(pointers.subjects, '10万人以上100万人未満', '1万人以上10万人未満')), []);
  assert.deepEqual(run(rule, changeAt(pointers.users, '10人未満', '1,000人以上')), []);
});
