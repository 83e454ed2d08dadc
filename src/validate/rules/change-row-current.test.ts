import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changeRowCurrent } from './change-row-current.ts';
import { reference, run } from '../../../test/helpers.ts';

test('参考評価書: Ⅲ10 その他のリスク対策 の行の変更後(ISM、ITリテラシー)が今の記載(ISMAP、ITリテラシ)と違う', () => {
  assert.deepEqual(run(changeRowCurrent, reference()), [{ messageId: 'differs', path: '/変更箇所/8/変更後の記載' }]);
});

test('行の変更後の記載が今の記載と同じ(全角・半角や空白の違いだけ)なら指摘なし', () => {
  const data = reference();
  data['変更箇所'][8]['変更後の記載'] = data['リスク対策']['その他のリスク対策'];
  assert.deepEqual(run(changeRowCurrent, data), []);
});

test('同じ項目の行が複数あれば、最も新しい行だけを今の記載と比べる', () => {
  const data = reference();
  data['変更箇所'].push({ ...data['変更箇所'][8], ID: 'later', 変更日: '令和8年3月31日', 変更後の記載: data['リスク対策']['その他のリスク対策'] });
  assert.deepEqual(run(changeRowCurrent, data), []);
});
