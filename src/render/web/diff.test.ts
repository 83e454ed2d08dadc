import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffWordsJa } from './diff.ts';

test('変更前後の差分は日本語の語の単位で取る(1文字ずつではない)', () => {
  assert.deepEqual(diffWordsJa('中間サーバーはデータセンターに設置', '中間サーバーはクラウドに設置'), [
    { text: '中間サーバーは' },
    { text: 'データセンター', removed: true },
    { text: 'クラウド', added: true },
    { text: 'に設置' },
  ]);
});

test('同じ記載なら差分はない', () => {
  assert.deepEqual(diffWordsJa('越谷市長', '越谷市長'), [{ text: '越谷市長' }]);
});
