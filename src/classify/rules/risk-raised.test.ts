import { test } from 'node:test';
import assert from 'node:assert/strict';
import { riskRaised as rule } from './risk-raised.ts';
import { changeAt, pointers, run } from '../testing.ts';

test('委託しない→委託する、再委託しない→再委託する、入手元のチェックの追加は事前', () => {
  assert.deepEqual(run(rule, changeAt(pointers.itaku, '委託しない', '委託する')), ['raised/before']);
  assert.deepEqual(run(rule, changeAt(pointers.saiitaku, '再委託しない', '再委託する')), ['raised/before']);
  assert.deepEqual(run(rule, changeAt(pointers.nyushumotoOther, { 選択: false }, { 選択: true, 内容: '株式会社A' })), ['raised/before']);
});

test('委託事項の追加はリスクが上がる(事前)', () => {
  assert.deepEqual(run(rule, changeAt(pointers.itakuEntry, undefined, { ID: 'x', 再委託の有無: '再委託する' })), ['raised/before']);
});

test('外部監査のチェックを外すのはリスクが上がる(Ⅲは※なので事前)', () => {
  assert.deepEqual(run(rule, changeAt(pointers.auditExternal, true, false)), ['raised/before']);
});

test('※のない項目(使用者数)の増加は事後のまま、※の項目の確認を促す', () => {
  assert.deepEqual(run(rule, changeAt(pointers.users, '10人以上50人未満', '50人以上100人未満')), ['not-significant/after']);
});

test('リスクが下がる変更、順序のない選択肢(ファイルの種類)、不明からの変更には当たらない', () => {
  assert.deepEqual(run(rule, changeAt(pointers.itaku, '委託する', '委託しない')), []);
  assert.deepEqual(run(rule, changeAt(pointers.fileKind, 'システム用ファイル', 'その他の電子ファイル(表計算ファイル等)')), []);
  assert.deepEqual(run(rule, changeAt(pointers.nyushumotoOther, { 選択: '不明' }, { 選択: true })), []);
});

test('主な記録項目(グループの中のチェック欄)を加えるのはリスクが上がる(事前)', () => {
  const pointer = '/特定個人情報ファイルの概要/0/基本情報/主な記録項目/業務関係情報/障害者福祉関係情報';
  assert.deepEqual(run(rule, changeAt(pointer, false, true)), ['raised/before']);
});
