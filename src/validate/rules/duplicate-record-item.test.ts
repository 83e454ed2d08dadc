import { test } from 'node:test';
import assert from 'node:assert/strict';
import { duplicateRecordItem } from './duplicate-record-item.ts';
import { reference, run } from '../../../test/helpers.ts';

const groups = '/特定個人情報ファイル記録項目/0/記録項目';

test('参考評価書の別添1にある4つの重複を見つける', () => {
  assert.deepEqual(run(duplicateRecordItem, reference()), [
    { messageId: 'duplicate', path: `${groups}/3/項目/3` }, // 口座情報 4.金融機関コード
    { messageId: 'duplicate', path: `${groups}/4/項目/7` }, // レセプト詳細履歴 8.医療機関名
    { messageId: 'duplicate', path: `${groups}/5/項目/7` }, // 償還情報詳細履歴 8.医療機関名
    { messageId: 'duplicate', path: `${groups}/5/項目/28` }, // 償還情報詳細履歴 29.金融機関コード
  ]);
});

test('別のグループに同じ項目名があるのは重複ではない', () => {
  const data = reference();
  for (const group of data['特定個人情報ファイル記録項目'][0]['記録項目']) group['項目'] = [...new Set(group['項目'])];
  assert.deepEqual(run(duplicateRecordItem, data), []);
});

test('全角と半角だけが違う項目名も重複とみなす', () => {
  const data = reference();
  data['特定個人情報ファイル記録項目'][0]['記録項目'] = [{ ID: 'a', 名称: '送付先', 項目: ['郵便番号1', '郵便番号１'] }];
  assert.deepEqual(run(duplicateRecordItem, data), [{ messageId: 'duplicate', path: `${groups}/0/項目/1` }]);
});
