import { test } from 'node:test';
import assert from 'node:assert/strict';
import { provisionConsistency } from './provision-consistency.ts';
import { reference, run } from '../../../test/helpers.ts';

const base = '/特定個人情報ファイルの概要/0/特定個人情報の提供・移転';
const section = (data: Record<string, any>) => data['特定個人情報ファイルの概要'][0]['特定個人情報の提供・移転'];
const recipient = {
  ID: 'kenpo',
  名称: '埼玉県',
  法令上の根拠: '番号法第19条第8号',
  提供先における用途: '医療費助成の事務',
  提供する情報: '受給者情報',
  提供する情報の対象となる本人の数: '1万人未満',
  提供する情報の対象となる本人の範囲: '受給者',
  提供方法: { '電子記録媒体(フラッシュメモリを除く。)': true },
  '時期・頻度': '毎月',
};

test('参考評価書は「行っていない」で提供先・移転先もなく、指摘なし', () => {
  assert.deepEqual(run(provisionConsistency, reference()), []);
});

test('「行っていない」なのに提供先があると誤り', () => {
  const data = reference();
  section(data)['提供先'] = [recipient];
  assert.deepEqual(run(provisionConsistency, data), [{ messageId: 'none-but-listed', path: `${base}/提供先` }]);
});

test('提供を行っているにチェックし件数と提供先が合えば指摘なし', () => {
  const data = reference();
  section(data)['提供・移転の有無'] = { 提供を行っている: { 選択: true, 件数: 1 }, 移転を行っている: { 選択: false }, 行っていない: false };
  section(data)['提供先'] = [recipient];
  assert.deepEqual(run(provisionConsistency, data), []);
});

test('件数と提供先の数が違う、チェックと提供先が食い違う', () => {
  const data = reference();
  section(data)['提供・移転の有無'] = { 提供を行っている: { 選択: true, 件数: 2 }, 移転を行っている: { 選択: true }, 行っていない: false };
  section(data)['提供先'] = [recipient];
  assert.deepEqual(run(provisionConsistency, data), [
    { messageId: 'count-mismatch', path: `${base}/提供・移転の有無/提供を行っている/件数` },
    { messageId: 'checked-but-empty', path: `${base}/提供・移転の有無/移転を行っている`, level: 'warning' },
  ]);
});

test('「行っていない」と「提供を行っている」の両方にチェックがあると誤り', () => {
  const data = reference();
  section(data)['提供・移転の有無']['提供を行っている'] = { 選択: true };
  assert.deepEqual(run(provisionConsistency, data), [
    { messageId: 'none-and-some', path: `${base}/提供・移転の有無/提供を行っている` },
    { messageId: 'checked-but-empty', path: `${base}/提供・移転の有無/提供を行っている`, level: 'warning' },
  ]);
});
