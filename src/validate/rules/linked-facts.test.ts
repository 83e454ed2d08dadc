import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linkedFacts } from './linked-facts.ts';
import { reference, run } from '../../../test/helpers.ts';

const provision = (data: Record<string, any>) => data['特定個人情報ファイルの概要'][0]['特定個人情報の提供・移転'];
const riskProvision = '/リスク対策/特定個人情報ファイル/0/特定個人情報の提供・移転/提供・移転しない';
const recipient = { ID: 'kenpo', 名称: '埼玉県' };
/** Findings of the state links (Ⅱ ↔ Ⅲ), not of the covers link (主な記録項目 ↔ 別添1). */
const stateFinding = (f: { messageId: string }) => !f.messageId.startsWith('uncovered');
const mainRecords = (data: Record<string, any>) => data['特定個人情報ファイルの概要'][0]['基本情報']['主な記録項目'];
const annexItems = (data: Record<string, any>) => data['特定個人情報ファイル記録項目'][0]['記録項目'][0]['項目'] as string[];
const box = (group: string, name: string) => `/特定個人情報ファイルの概要/0/基本情報/主な記録項目/${group}/${name}`;

test('参考評価書: Ⅱ と Ⅲ の委託・提供・情報連携の記載は食い違わない(状態不明で確かめられない組は警告)', () => {
  assert.deepEqual(run(linkedFacts, reference()), run(linkedFacts, reference()).filter((f) => f.level === 'warning'));
});

test('Ⅱ5で提供しているのにⅢ5で提供・移転しないにチェックがあると誤り', () => {
  const data = reference();
  provision(data)['提供・移転の有無'] = { 提供を行っている: { 選択: true, 件数: 1 }, 行っていない: false };
  provision(data)['提供先'] = [recipient];
  data['リスク対策']['特定個人情報ファイル'][0]['特定個人情報の提供・移転']['提供・移転しない'] = true;
  assert.deepEqual(run(linkedFacts, data).filter(stateFinding), [{ messageId: 'contradiction', path: riskProvision }]);
});

test('Ⅲ5のチェック欄が状態不明でも、Ⅱ5で提供していれば食い違いの恐れを警告する', () => {
  const data = reference();
  provision(data)['提供・移転の有無'] = { 提供を行っている: { 選択: true, 件数: 1 }, 行っていない: false };
  data['リスク対策']['特定個人情報ファイル'][0]['特定個人情報の提供・移転']['提供・移転しない'] = '不明';
  assert.deepEqual(run(linkedFacts, data).filter(stateFinding), [{ messageId: 'unknown', path: riskProvision, level: 'warning' }]);
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

test('主な記録項目 と 別添1: 別添1 の記録項目が名指す種類の欄は、状態不明なら警告、チェックなしなら食い違いの警告', () => {
  const data = reference();
  const found = run(linkedFacts, data).filter((f) => !stateFinding(f));
  // The reference leaves every box of 主な記録項目 不明 while 別添1 lists 個人番号, 宛名番号, 電話番号, 診療… .
  assert.deepEqual(found.map((f) => f.path), [
    box('識別情報', '個人番号'), box('識別情報', '個人番号対応符号'), box('識別情報', 'その他識別情報(内部番号)'),
    box('連絡先等情報', '5情報(氏名、氏名の振り仮名、性別、生年月日、住所)'), box('連絡先等情報', '連絡先(電話番号等)'),
    box('業務関係情報', '健康・医療関係情報'), box('業務関係情報', '医療保険関係情報'), box('業務関係情報', '児童福祉・子育て関係情報'),
  ]);
  assert.ok(found.every((f) => f.messageId === 'uncovered-unknown' && f.level === 'warning'));
  mainRecords(data)['連絡先等情報']['連絡先(電話番号等)'] = false;
  mainRecords(data)['識別情報']['個人番号'] = true;
  const after = run(linkedFacts, data).filter((f) => !stateFinding(f));
  assert.deepEqual(after.find((f) => f.path === box('連絡先等情報', '連絡先(電話番号等)')), { messageId: 'uncovered', path: box('連絡先等情報', '連絡先(電話番号等)'), level: 'warning' });
  assert.equal(after.some((f) => f.path === box('識別情報', '個人番号')), false, 'a checked box is not reported');
});

test('主な記録項目 と 別添1: 除外の語を含む項目(医療機関の住所、事由の発生年月日)は種類を名指さない', () => {
  const data = reference();
  mainRecords(data)['連絡先等情報']['5情報(氏名、氏名の振り仮名、性別、生年月日、住所)'] = false;
  for (const group of data['特定個人情報ファイル記録項目'][0]['記録項目']) group['項目'] = [];
  annexItems(data).push('医療機関住所', '事由発生年月日');
  assert.deepEqual(run(linkedFacts, data).filter((f) => !stateFinding(f)), []);
  annexItems(data).push('受給者氏名');
  assert.deepEqual(run(linkedFacts, data).filter((f) => !stateFinding(f)).map((f) => f.path), [box('連絡先等情報', '5情報(氏名、氏名の振り仮名、性別、生年月日、住所)')]);
});
