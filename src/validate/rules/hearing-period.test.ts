import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hearingPeriod } from './hearing-period.ts';
import { fullSample, runFull } from '../../../test/full-helpers.ts';
import { parseHearingPeriod } from '../procedure.ts';

const path = '/評価実施手続/国民・住民等からの意見の聴取/実施日・期間';
const reasonPath = '/評価実施手続/国民・住民等からの意見の聴取/期間を短縮する特段の理由';
const withPeriod = (period: string, reason: string | null = null) => {
  const data = fullSample();
  data['評価実施手続']['国民・住民等からの意見の聴取']['実施日・期間'] = period;
  data['評価実施手続']['国民・住民等からの意見の聴取']['期間を短縮する特段の理由'] = reason;
  return data;
};

test('見本の30日間(両端を含む)の意見聴取は足りている', () => {
  assert.deepEqual(runFull(hearingPeriod, fullSample()), []);
});

test('期間は始まりと終わりの日を含めて数える(令和7年11月4日〜12月3日は30日)', () => {
  assert.deepEqual(parseHearingPeriod('令和7年11月4日から令和7年12月3日まで(30日間)'), { start: '2025-11-04', end: '2025-12-03', days: 30 });
  assert.deepEqual(parseHearingPeriod('令和7年11月4日〜12月3日'), { start: '2025-11-04', end: '2025-12-03', days: 30 });
  assert.deepEqual(parseHearingPeriod('2025-09-16 から 2025-10-16 まで'), { start: '2025-09-16', end: '2025-10-16', days: 31 });
  assert.equal(parseHearingPeriod('令和7年11月中'), undefined);
});

test('29日間で短縮の理由がなければ誤り', () => {
  assert.deepEqual(runFull(hearingPeriod, withPeriod('令和7年11月4日から令和7年12月2日まで')), [{ messageId: 'too-short', path }]);
});

test('短縮の特段の理由があれば30日未満でもよい', () => {
  assert.deepEqual(runFull(hearingPeriod, withPeriod('令和7年11月4日から令和7年11月20日まで', '法改正の施行日が令和8年1月1日と定められ、第三者点検の日程を確保するため。')), []);
});

test('30日以上なのに短縮の理由があれば警告', () => {
  assert.deepEqual(runFull(hearingPeriod, withPeriod('令和7年11月4日から令和7年12月3日まで', '念のため')), [{ messageId: 'reason-without-shortening', path: reasonPath, level: 'warning' }]);
});

test('日付が読み取れない期間は公表用の記載漏れ(--strict で誤り)', () => {
  assert.deepEqual(runFull(hearingPeriod, withPeriod('令和7年11月から1か月間')), [{ messageId: 'unreadable', path, completeness: true }]);
});

test('終わりの日が始まりより前なら誤り', () => {
  assert.deepEqual(runFull(hearingPeriod, withPeriod('令和7年12月3日から令和7年11月4日まで')), [{ messageId: 'reversed', path }]);
});
