import { test } from 'node:test';
import assert from 'node:assert/strict';
import { thirdPartyReview } from './third-party-review.ts';
import { fullSample, runFull } from '../../../test/full-helpers.ts';
import { bodyKind } from '../procedure.ts';

const proc = (data: Record<string, any>) => data['評価実施手続'];

test('市長の評価書で第三者点検があり、承認の記載がなければよい', () => {
  assert.deepEqual(runFull(thirdPartyReview, fullSample()), []);
});

test('評価実施機関名から地方公共団体等と行政機関等を見分ける', () => {
  assert.deepEqual(['青葉川市長', '〇〇県知事', '〇〇市教育委員会', '〇〇広域連合', '厚生労働大臣', '国税庁長官', '独立行政法人〇〇', '〇〇協議会'].map(bodyKind), ['local', 'local', 'local', 'local', 'national', 'national', 'national', 'unknown']);
});

test('地方公共団体等で第三者点検の実施日がなければ公表用の記載漏れ', () => {
  const data = fullSample();
  proc(data)['第三者点検']['実施日'] = null;
  proc(data)['第三者点検']['結果'] = '';
  assert.deepEqual(runFull(thirdPartyReview, data), [
    { messageId: 'third-party-missing', path: '/評価実施手続/第三者点検/実施日', completeness: true },
    { messageId: 'third-party-missing', path: '/評価実施手続/第三者点検/結果', completeness: true },
  ]);
});

test('地方公共団体等の評価書に委員会の承認日や提出日があれば誤り', () => {
  const data = fullSample();
  data['表紙']['個人情報保護委員会 承認日'] = '令和8年2月1日';
  proc(data)['個人情報保護委員会の承認']['提出日'] = '令和8年1月5日';
  assert.deepEqual(runFull(thirdPartyReview, data), [
    { messageId: 'approval-not-local', path: '/評価実施手続/個人情報保護委員会の承認/提出日' },
    { messageId: 'approval-not-local', path: '/表紙/個人情報保護委員会 承認日' },
  ]);
});

test('行政機関等は委員会の承認(提出日・審査・承認日)を記載する', () => {
  const data = fullSample();
  data['表紙']['評価実施機関名'] = '〇〇大臣';
  assert.deepEqual(runFull(thirdPartyReview, data), [
    { messageId: 'approval-missing', path: '/評価実施手続/個人情報保護委員会の承認/提出日', completeness: true },
    { messageId: 'approval-missing', path: '/評価実施手続/個人情報保護委員会の承認/個人情報保護委員会による審査', completeness: true },
    { messageId: 'approval-missing', path: '/表紙/個人情報保護委員会 承認日', completeness: true },
  ]);
});

test('区分の分からない評価実施機関名では指摘しない', () => {
  const data = fullSample();
  data['表紙']['評価実施機関名'] = '〇〇協議会';
  proc(data)['第三者点検']['実施日'] = null;
  assert.deepEqual(runFull(thirdPartyReview, data), []);
});
