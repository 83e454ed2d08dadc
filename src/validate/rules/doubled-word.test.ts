import { test } from 'node:test';
import assert from 'node:assert/strict';
import { doubledWord, doubledWords } from './doubled-word.ts';
import { reference, run } from '../../../test/helpers.ts';

test('参考評価書: 変更箇所の「特定個人情報情報」を見つける', () => {
  assert.deepEqual(run(doubledWord, reference()), [{ messageId: 'doubled', path: '/変更箇所/7/変更後の記載' }]);
});

test('1語・2語の繰り返しを見つけ、ひらがなの繰り返しや々は対象外', () => {
  assert.deepEqual(doubledWords('特定個人情報情報は'), ['情報']);
  assert.deepEqual(doubledWords('受給者受給者の'), ['受給者']);
  assert.deepEqual(doubledWords('システムシステム'), ['システム']);
  assert.deepEqual(doubledWords('ますます増える人々と様々な'), []);
  assert.deepEqual(doubledWords('個人情報の情報'), []);
});
