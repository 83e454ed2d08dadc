import { test } from 'node:test';
import assert from 'node:assert/strict';
import { duplicateId } from './duplicate-id.ts';
import { reference, run } from '../../../test/helpers.ts';

test('参考評価書の ID はそれぞれの一覧の中で一意', () => {
  assert.deepEqual(run(duplicateId, reference()), []);
});

test('同じ一覧の中で ID が重複すると誤り', () => {
  const data = reference();
  data['変更箇所'][3]['ID'] = data['変更箇所'][1]['ID'];
  data['特定個人情報ファイル記録項目'][0]['記録項目'][2]['ID'] = 'koza-joho';
  assert.deepEqual(run(duplicateId, data), [
    { messageId: 'duplicate', path: '/特定個人情報ファイル記録項目/0/記録項目/3/ID' },
    { messageId: 'duplicate', path: '/変更箇所/3/ID' },
  ]);
});

test('別々の一覧で同じ ID を使うのは重複ではない(ファイルの ID は別添1とⅢで共有する)', () => {
  const data = reference();
  data['変更箇所'][0]['ID'] = 'shikaku-rireki';
  assert.deepEqual(run(duplicateId, data), []);
});
