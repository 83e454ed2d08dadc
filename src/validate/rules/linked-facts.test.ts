import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linkedFacts } from './linked-facts.ts';
import { reference, run } from '../../../test/helpers.ts';

const provision = (data: Record<string, any>) => data['特定個人情報ファイルの概要'][0]['特定個人情報の提供・移転'];
const riskProvision = '/リスク対策/特定個人情報ファイル/0/特定個人情報の提供・移転/提供・移転しない';
const recipient = { ID: 'kenpo', 名称: '埼玉県' };

test('参考評価書: Ⅱ と Ⅲ の委託・提供・情報連携の記載は食い違わない(状態不明で確かめられない組は警告)', () => {
  assert.deepEqual(run(linkedFacts, reference()), run(linkedFacts, reference()).filter((f) => f.level === 'warning'));
});

test('Ⅱ5で提供しているのにⅢ5で提供・移転しないにチェックがあると誤り', () => {
  const data = reference();
  provision(data)['提供・移転の有無'] = { 提供を行っている: { 選択: true, 件数: 1 }, 行っていない: false };
  provision(data)['提供先'] = [recipient];
  data['リスク対策']['特定個人情報ファイル'][0]['特定個人情報の提供・移転']['提供・移転しない'] = true;
  assert.deepEqual(run(linkedFacts, data), [{ messageId: 'contradiction', path: riskProvision }]);
});

test('Ⅲ5のチェック欄が状態不明でも、Ⅱ5で提供していれば食い違いの恐れを警告する', () => {
  const data = reference();
  provision(data)['提供・移転の有無'] = { 提供を行っている: { 選択: true, 件数: 1 }, 行っていない: false };
  data['リスク対策']['特定個人情報ファイル'][0]['特定個人情報の提供・移転']['提供・移転しない'] = '不明';
  assert.deepEqual(run(linkedFacts, data), [{ messageId: 'unknown', path: riskProvision, level: 'warning' }]);
});

test('Ⅲ4で委託しないにチェックがあるのにⅡ4で委託すると誤り', () => {
  const data = reference();
  data['リスク対策']['特定個人情報ファイル'][0]['特定個人情報ファイルの取扱いの委託'] = { 委託しない: true };
  assert.deepEqual(run(linkedFacts, data).filter((f) => f.messageId === 'contradiction'), [{ messageId: 'contradiction', path: '/リスク対策/特定個人情報ファイル/0/特定個人情報ファイルの取扱いの委託/委託しない' }]);
});

test('情報連携を実施しないのにⅢ6の接続しないにチェックがないと誤り', () => {
  const data = reference();
  data['基本情報']['情報提供ネットワークシステムによる情報連携']['実施の有無'] = '実施しない';
  data['リスク対策']['特定個人情報ファイル'][0]['情報提供ネットワークシステムとの接続'] = { '接続しない(入手)': false, '接続しない(提供)': true };
  assert.deepEqual(run(linkedFacts, data).filter((f) => f.messageId === 'contradiction'), [{ messageId: 'contradiction', path: '/リスク対策/特定個人情報ファイル/0/情報提供ネットワークシステムとの接続/接続しない(入手)' }]);
});
