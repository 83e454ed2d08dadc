import { test } from 'node:test';
import assert from 'node:assert/strict';
import { termVariant } from './term-variant.ts';
import { reference, run } from '../../../test/helpers.ts';

test('参考評価書の「子ども医療費」と「ITリテラシ」の表記揺れを見つける', () => {
  assert.deepEqual(run(termVariant, reference()), [
    { messageId: 'variant', path: '/特定個人情報ファイルの概要/0/特定個人情報の入手・使用/使用目的' },
    { messageId: 'variant', path: '/変更箇所/8/変更後の記載' },
  ]);
});

test('部署名の「子ども」と事業名の「こども」は後に続く語が違うので揺れではない', () => {
  const data = reference();
  data['特定個人情報ファイルの概要'][0]['特定個人情報の入手・使用']['使用目的'] = '条例に基づき、こども医療費の認定を行う。';
  data['変更箇所'][8]['変更後の記載'] = data['その他のリスク対策'];
  data['リスク対策']['その他のリスク対策'] = data['リスク対策']['その他のリスク対策'].replace('ITリテラシの', 'ITリテラシーの');
  assert.deepEqual(run(termVariant, data), []);
});

test('変更箇所の変更前の記載は現在の表記ではないので対象外', () => {
  const data = reference();
  data['特定個人情報ファイルの概要'][0]['特定個人情報の入手・使用']['使用目的'] = 'こども医療費の認定を行う。';
  data['リスク対策']['その他のリスク対策'] = 'ITリテラシーの高い運用担当者';
  data['変更箇所'][8]['変更後の記載'] = 'ITリテラシーの高い運用担当者';
  data['変更箇所'][8]['変更前の記載'] = 'ITリテラシの高い運用担当者';
  assert.deepEqual(run(termVariant, data), []);
});

test('全角と半角の英字、長音符の有無を揺れとして見つける', () => {
  const data = reference();
  data['開示請求、問合せ']['特定個人情報ファイルの取扱いに関する問合せ']['対応方法'] = 'ＩＳＯに準拠し、サーバの記録を残す。';
  const where = '/開示請求、問合せ/特定個人情報ファイルの取扱いに関する問合せ/対応方法';
  const findings = run(termVariant, data).filter((f) => f.path === where);
  assert.deepEqual(findings, [
    { messageId: 'variant', path: where }, // サーバ / サーバー
    { messageId: 'variant', path: where }, // ＩＳＯ / ISO
  ]);
});

test('ウイルスとウィルスのような片仮名の書き分けも揺れとして見つける', () => {
  const data = reference();
  data['開示請求、問合せ']['特定個人情報ファイルの取扱いに関する問合せ']['対応方法'] = 'ウイルス対策ソフトとウィルス検知を行う。';
  const where = '/開示請求、問合せ/特定個人情報ファイルの取扱いに関する問合せ/対応方法';
  assert.deepEqual(run(termVariant, data).filter((f) => f.path === where), [{ messageId: 'variant', path: where }]);
});
