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

test('項目が繰り返しの中にあり、繰り返しが一つでないときは比べない(どの繰り返しの記載か分からない)', () => {
  const data = reference();
  const file = data['特定個人情報ファイルの概要'][0];
  file['特定個人情報の保管・消去']['保管場所'] = '別の保管場所';
  assert.deepEqual(run(changeRowCurrent, data).map((f) => f.path), ['/変更箇所/3/変更後の記載', '/変更箇所/8/変更後の記載']);
  data['特定個人情報ファイルの概要'].push({ ...structuredClone(file), ID: 'second' });
  assert.deepEqual(run(changeRowCurrent, data).map((f) => f.path), ['/変更箇所/8/変更後の記載']);
});
