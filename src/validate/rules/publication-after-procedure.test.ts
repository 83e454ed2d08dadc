import { test } from 'node:test';
import assert from 'node:assert/strict';
import { publicationAfterProcedure } from './publication-after-procedure.ts';
import { fullSample, runFull } from '../../../test/full-helpers.ts';

test('見本は意見聴取(12月3日まで)と第三者点検(1月20日)の後に公表(2月16日)', () => {
  assert.deepEqual(runFull(publicationAfterProcedure, fullSample()), []);
});

test('第三者点検の日より前の公表日は誤り', () => {
  const data = fullSample();
  data['表紙']['公表日'] = '令和8年1月10日';
  assert.deepEqual(runFull(publicationAfterProcedure, data), [{ messageId: 'before-third-party', path: '/表紙/公表日' }]);
});

test('意見聴取の終わりより前の公表日は両方の誤り', () => {
  const data = fullSample();
  data['表紙']['公表日'] = '令和7年12月1日';
  assert.deepEqual(runFull(publicationAfterProcedure, data), [
    { messageId: 'before-hearing-end', path: '/表紙/公表日' },
    { messageId: 'before-third-party', path: '/表紙/公表日' },
  ]);
});

test('意見聴取の終わりの日と同じ日の公表は誤りではない', () => {
  const data = fullSample();
  data['表紙']['公表日'] = '令和8年1月20日';
  data['評価実施手続']['国民・住民等からの意見の聴取']['実施日・期間'] = '令和7年12月22日から令和8年1月20日まで';
  assert.deepEqual(runFull(publicationAfterProcedure, data), []);
});

test('意見聴取の前に受けた第三者点検は警告', () => {
  const data = fullSample();
  data['評価実施手続']['第三者点検']['実施日'] = '令和7年11月20日';
  assert.deepEqual(runFull(publicationAfterProcedure, data), [{ messageId: 'third-party-before-hearing', path: '/評価実施手続/第三者点検/実施日', level: 'warning' }]);
});
