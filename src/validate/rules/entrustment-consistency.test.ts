import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entrustmentConsistency } from './entrustment-consistency.ts';
import { reference, run } from '../../../test/helpers.ts';

const base = '/特定個人情報ファイルの概要/0/特定個人情報ファイルの取扱いの委託';
const section = (data: Record<string, any>) => data['特定個人情報ファイルの概要'][0]['特定個人情報ファイルの取扱いの委託'];

test('参考評価書は委託件数「( )件」が空欄なので警告', () => {
  assert.deepEqual(run(entrustmentConsistency, reference()), [{ messageId: 'count-blank', path: `${base}/委託件数`, level: 'warning' }]);
});

test('委託件数と委託事項の数が合っていれば指摘なし', () => {
  const data = reference();
  section(data)['委託件数'] = 1;
  assert.deepEqual(run(entrustmentConsistency, data), []);
});

test('委託件数と委託事項の数が違うと誤り', () => {
  const data = reference();
  section(data)['委託件数'] = 2;
  assert.deepEqual(run(entrustmentConsistency, data), [{ messageId: 'count-mismatch', path: `${base}/委託件数` }]);
});

test('委託しないのに委託事項があると誤り', () => {
  const data = reference();
  section(data)['委託の有無'] = '委託しない';
  assert.deepEqual(run(entrustmentConsistency, data), [{ messageId: 'none-but-items', path: `${base}/委託の有無` }]);
});

test('委託するのに委託事項がないと警告', () => {
  const data = reference();
  section(data)['委託件数'] = 0;
  section(data)['委託事項'] = [];
  assert.deepEqual(run(entrustmentConsistency, data), [
    { messageId: 'yes-but-no-items', path: `${base}/委託の有無`, level: 'warning' },
  ]);
});

test('再委託しないのに再委託事項があると誤り、再委託するのに許諾方法が空欄だと警告', () => {
  const data = reference();
  section(data)['委託件数'] = 1;
  section(data)['委託事項'][0]['再委託事項'] = 'システム保守の一部';
  assert.deepEqual(run(entrustmentConsistency, data), [{ messageId: 'no-subcontract-but-details', path: `${base}/委託事項/0/再委託事項` }]);
  section(data)['委託事項'][0]['再委託の有無'] = '再委託する';
  assert.deepEqual(run(entrustmentConsistency, data), [{ messageId: 'subcontract-without-details', path: `${base}/委託事項/0/再委託の有無`, level: 'warning' }]);
});
