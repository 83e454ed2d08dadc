import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileReference } from './file-reference.ts';
import { reference, run } from '../../../test/helpers.ts';

test('参考評価書の別添1とⅢはⅡのファイルを指している', () => {
  assert.deepEqual(run(fileReference, reference()), []);
});

test('Ⅱにない ID を指す別添1は誤り、Ⅱのファイルに別添1がないのは完全性の指摘', () => {
  const data = reference();
  data['特定個人情報ファイル記録項目'][0]['ID'] = 'other-file';
  assert.deepEqual(run(fileReference, data), [
    { messageId: 'unknown-file', path: '/特定個人情報ファイル記録項目/0/ID' },
    { messageId: 'missing-for-file', path: '/特定個人情報ファイルの概要/0/ID', completeness: true },
  ]);
});

test('Ⅲのファイル名がⅡと違うと警告', () => {
  const data = reference();
  data['リスク対策']['特定個人情報ファイル'][0]['特定個人情報ファイル名'] = 'こども医療費受給資格ファイル';
  assert.deepEqual(run(fileReference, data), [{ messageId: 'name-differs', path: '/リスク対策/特定個人情報ファイル/0/特定個人情報ファイル名', level: 'warning' }]);
});

test('全項目評価書でも、Ⅲ(ファイルごとの配列)がⅡにない ID を指せば誤り', async () => {
  const { fullSample, runFull } = await import('../../../test/full-helpers.ts');
  assert.deepEqual(runFull(fileReference, fullSample()), []);
  const data = fullSample();
  data['特定個人情報ファイルの取扱いプロセスにおけるリスク対策'][1]['ID'] = 'other-file';
  assert.deepEqual(runFull(fileReference, data), [
    { messageId: 'unknown-file', path: '/特定個人情報ファイルの取扱いプロセスにおけるリスク対策/1/ID' },
    { messageId: 'missing-for-file', path: '/特定個人情報ファイルの概要/1/ID', completeness: true },
  ]);
});
