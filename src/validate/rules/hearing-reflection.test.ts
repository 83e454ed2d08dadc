import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hearingReflection } from './hearing-reflection.ts';
import { fullSample, runFull } from '../../../test/full-helpers.ts';

const hearing = (data: Record<string, any>) => data['評価実施手続']['国民・住民等からの意見の聴取'];

test('見本は意見と反映の両方がある', () => {
  assert.deepEqual(runFull(hearingReflection, fullSample()), []);
});

test('意見があるのに反映が空欄なら誤り', () => {
  const data = fullSample();
  hearing(data)['評価書への反映'] = null;
  assert.deepEqual(runFull(hearingReflection, data), [{ messageId: 'missing', path: '/評価実施手続/国民・住民等からの意見の聴取/評価書への反映' }]);
});

test('反映の項目そのものがなければ意見の項目を指す', () => {
  const data = fullSample();
  delete hearing(data)['評価書への反映'];
  assert.deepEqual(runFull(hearingReflection, data), [{ messageId: 'missing', path: '/評価実施手続/国民・住民等からの意見の聴取/主な意見の内容' }]);
});

test('「意見なし」なら反映は空欄でよい', () => {
  const data = fullSample();
  hearing(data)['主な意見の内容'] = '意見なし';
  hearing(data)['評価書への反映'] = null;
  assert.deepEqual(runFull(hearingReflection, data), []);
});
