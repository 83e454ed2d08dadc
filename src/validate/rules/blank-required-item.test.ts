import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blankRequiredItem } from './blank-required-item.ts';
import { reference, run } from '../../../test/helpers.ts';

test('参考評価書の空欄はすべて任意の項目なので指摘なし', () => {
  assert.deepEqual(run(blankRequiredItem, reference()), []);
});

test('必須項目が null や空文字だと完全性の指摘', () => {
  const data = reference();
  data['表紙']['公表日'] = null;
  data['特定個人情報ファイルの概要'][0]['特定個人情報の入手・使用']['使用目的'] = '  ';
  assert.deepEqual(run(blankRequiredItem, data), [
    { messageId: 'blank', path: '/表紙/公表日', completeness: true },
    { messageId: 'blank', path: '/特定個人情報ファイルの概要/0/特定個人情報の入手・使用/使用目的', completeness: true },
  ]);
});

test('任意の項目(備考、他の評価実施機関)の空欄は指摘しない', () => {
  const data = reference();
  data['特定個人情報ファイルの概要'][0]['備考'] = null;
  data['基本情報']['他の評価実施機関'] = '';
  assert.deepEqual(run(blankRequiredItem, data), []);
});
