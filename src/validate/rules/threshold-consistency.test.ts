import { test } from 'node:test';
import assert from 'node:assert/strict';
import { thresholdConsistency } from './threshold-consistency.ts';
import { focusedSchema, reference, run } from '../../../test/helpers.ts';

const path = '/評価実施手続/基礎項目評価/しきい値判断結果';
const setResult = (data: Record<string, any>, value: string) => (data['評価実施手続']['基礎項目評価']['しきい値判断結果'] = value);
const setBand = (data: Record<string, any>, value: string) => (data['特定個人情報ファイルの概要'][0]['基本情報']['対象となる本人の数'] = value);
const setUsers = (data: Record<string, any>, value: string) => (data['特定個人情報ファイルの概要'][0]['特定個人情報の入手・使用']['使用の主体']['使用者数'] = value);
const mandatoryFocused = '基礎項目評価及び重点項目評価の実施が義務付けられる';
const basicOnly = '基礎項目評価の実施が義務付けられる(任意に重点項目評価を実施)';
const noDuty = '特定個人情報保護評価の実施が義務付けられない(任意に重点項目評価を実施)';

test('10万人以上なのに任意実施としている参考評価書は誤り', () => {
  assert.deepEqual(run(thresholdConsistency, reference()), [{ messageId: 'below-duty', path }]);
});

test('誤りの案内は、この様式の選択肢(重点項目評価の義務)と、判断のもとになった区分を示す', () => {
  const [finding] = thresholdConsistency.check({ data: reference(), schema: focusedSchema, today: '2026-11-25' });
  assert.equal(finding?.data?.['choice'], mandatoryFocused);
  assert.match(String(finding?.data?.['inputs']), /10万人以上100万人未満/);
});

test('10万人以上で重点項目評価が義務付けられるとしていれば正しい(30万人以上かは区分だけでは決まらないので情報)', () => {
  const data = reference();
  setResult(data, mandatoryFocused);
  assert.deepEqual(run(thresholdConsistency, data), [{ messageId: 'may-be-higher', path, level: 'info' }]);
});

test('1万人以上10万人未満で取扱者数が500人未満と決まれば、任意実施は正しい', () => {
  const data = reference();
  setBand(data, '1万人以上10万人未満');
  data['リスク対策']['特定個人情報ファイル'][0]['特定個人情報の保管・消去'] = { リスク: { 過去3年以内の重大事故: '発生なし' } };
  data['特定個人情報ファイルの概要'][0]['特定個人情報ファイルの取扱いの委託']['委託事項'].forEach((e: Record<string, string>) => (e['委託先における取扱者数'] = '10人未満'));
  setUsers(data, '100人以上500人未満');
  // 100〜499 staff plus up to 9 per contractor may reach 500: not decided, so information only.
  assert.deepEqual(run(thresholdConsistency, data), [{ messageId: 'may-be-higher', path, level: 'info' }]);
  setUsers(data, '50人以上100人未満');
  assert.deepEqual(run(thresholdConsistency, data), []);
});

test('100万人以上なら全項目評価が義務付けられ、重点項目評価書では記録できない', () => {
  const data = reference();
  setBand(data, '100万人以上1,000万人未満');
  setResult(data, mandatoryFocused);
  assert.deepEqual(run(thresholdConsistency, data), [{ messageId: 'wrong-form', path }]);
});

test('取扱者数が確実に500人以上の10万人以上の事務は全項目評価が義務付けられる', () => {
  const data = reference();
  setResult(data, mandatoryFocused);
  setUsers(data, '500人以上1,000人未満');
  assert.deepEqual(run(thresholdConsistency, data), [{ messageId: 'wrong-form', path }]);
});

test('対象人数が1万人未満なら取扱者数にかかわらず基礎項目評価のみ(重点の義務とするのは過大)', () => {
  const data = reference();
  setBand(data, '1万人未満');
  setUsers(data, '1,000人以上');
  setResult(data, mandatoryFocused);
  assert.deepEqual(run(thresholdConsistency, data), [{ messageId: 'above-duty', path, level: 'warning' }]);
  setResult(data, basicOnly);
  // 1万人未満 has a lower bound of 0: whether 1,000 people are reached is not decided by the band.
  assert.deepEqual(run(thresholdConsistency, data), []);
});

test('1万人以上なのに評価の義務がないとするのは誤り', () => {
  const data = reference();
  setBand(data, '1万人以上10万人未満');
  setResult(data, noDuty);
  assert.deepEqual(run(thresholdConsistency, data), [{ messageId: 'below-duty', path }]);
});

test('過去3年以内の重大事故が「発生あり」なら、しきい値判断への影響を知らせる', () => {
  const data = reference();
  setResult(data, mandatoryFocused);
  data['リスク対策']['特定個人情報ファイル'][0]['特定個人情報の保管・消去'] = { リスク: { 過去3年以内の重大事故: '発生あり' } };
  assert.deepEqual(run(thresholdConsistency, data), [
    { messageId: 'may-be-higher', path, level: 'info' },
    { messageId: 'incident', path: '/リスク対策/特定個人情報ファイル/0/特定個人情報の保管・消去/リスク/過去3年以内の重大事故', level: 'info' },
  ]);
});
