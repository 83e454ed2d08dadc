/**
 * Issue 11's wrong answers on the 重点 form: a change stated in Ⅱ that also changes a ※ item of Ⅲ, and a
 * checkbox whose old state was 不明.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compare, edit, verdicts } from './scenario-helpers.ts';

const file = ['特定個人情報ファイルの概要', 0] as const;
const ii = '/特定個人情報ファイルの概要/0';
const risk = ['リスク対策', '特定個人情報ファイル', 0, '特定個人情報の提供・移転', '提供・移転しない'] as const;

test('Ⅱ5 だけに新しい提供を書いても、Ⅲ5「提供・移転しない」(※)が変わるので事前', () => {
  const text = edit((doc) => {
    doc.setIn(risk, true); // as published: Ⅲ5 提供・移転しない
    doc.setIn([...file, '特定個人情報の提供・移転', '提供・移転の有無', '提供を行っている'], doc.createNode({ 選択: true, 件数: 1 }));
    doc.setIn([...file, '特定個人情報の提供・移転', '提供・移転の有無', '行っていない'], false);
  });
  const base = edit((doc) => doc.setIn(risk, true));
  const comparison = compare(text, [], base);
  const providing = comparison.classified.find((c) => c.change.pointer === `${ii}/特定個人情報の提供・移転/提供・移転の有無/提供を行っている`)!;
  assert.equal(providing.timing, 'before');
  assert.ok(providing.hits.some((h) => h.rule === 'linked-item-changed' && /提供・移転しない/.test(h.message)), JSON.stringify(providing.hits));
});

test('Ⅱ5 の提供をやめると Ⅲ5 も「提供・移転しない」になるが、リスクが下がる変更なので事後のまま', () => {
  const base = edit((doc) => {
    doc.setIn(risk, false);
    doc.setIn([...file, '特定個人情報の提供・移転', '提供・移転の有無', '提供を行っている'], doc.createNode({ 選択: true, 件数: 1 }));
    doc.setIn([...file, '特定個人情報の提供・移転', '提供・移転の有無', '行っていない'], false);
  });
  const text = edit((doc) => {
    doc.setIn([...file, '特定個人情報の提供・移転', '提供・移転の有無', '提供を行っている'], doc.createNode({ 選択: false }));
    doc.setIn([...file, '特定個人情報の提供・移転', '提供・移転の有無', '行っていない'], true);
  }, base);
  const comparison = compare(text, [], base);
  for (const c of comparison.classified) assert.equal(c.timing, 'after', `${c.change.pointer}: ${c.hits.map((h) => h.rule).join(',')}`);
});

test('状態不明だった※のチェック欄をチェックなしにするのは、あり・なしのどちらだったとしても事後', () => {
  const text = edit((doc) => doc.setIn([...file, '基本情報', '主な記録項目', '業務関係情報', '国税関係情報'], false));
  assert.deepEqual(verdicts(compare(text)), [`changed ${ii}/基本情報/主な記録項目/業務関係情報/国税関係情報 | 事後 | risk-lowered,unknown-state`]);
});

test('状態不明だった※のチェック欄にチェックを付けるのは、なしだったならリスクが上がるので事前(厳しい方)', () => {
  const text = edit((doc) => doc.setIn([...file, '基本情報', '主な記録項目', '業務関係情報', '国税関係情報'], true));
  const [c] = compare(text).classified;
  assert.equal(c!.timing, 'before');
  assert.ok(c!.hits.some((h) => h.rule === 'unknown-state' && h.messageId === 'strictest'));
  // The rule that decided it speaks of an assumed old state, and says so.
  const raised = c!.hits.find((h) => h.rule === 'risk-raised');
  assert.match(raised?.message ?? '', /^変更前がチェックなしだった場合: .*チェックなし → チェックあり/);
});

const annexItems = ['特定個人情報ファイル記録項目', 0, '記録項目', 0, '項目'] as const;
const taxBox = [...file, '基本情報', '主な記録項目', '業務関係情報', '地方税関係情報'] as const;

test('別添1 に地方税の記録項目を加えると、主な記録項目(※)の「地方税関係情報」にチェックが要るので事前(主な記録項目 と 別添1 の組)', () => {
  const base = edit((doc) => doc.setIn(taxBox, false));
  const text = edit((doc) => {
    const items = doc.getIn(annexItems) as { items: unknown[] };
    items.items.push(doc.createNode('市民税課税区分'));
  }, base);
  const comparison = compare(text, [], base);
  const added = comparison.classified.find((c) => c.change.pointer.startsWith('/特定個人情報ファイル記録項目/0/記録項目/0/項目'))!;
  assert.ok(added, verdicts(comparison).join('\n'));
  assert.equal(added.timing, 'before', JSON.stringify(added.hits));
  assert.ok(added.hits.some((h) => h.rule === 'linked-item-changed' && /地方税関係情報/.test(h.message) && /チェックあり/.test(h.message)), JSON.stringify(added.hits));
});

test('別添1 に加えた記録項目の種類に主な記録項目で既にチェックがあれば、組からは何も加わらない', () => {
  const base = edit((doc) => doc.setIn(taxBox, true));
  const text = edit((doc) => (doc.getIn(annexItems) as { items: unknown[] }).items.push(doc.createNode('市民税課税区分')), base);
  const comparison = compare(text, [], base);
  const added = comparison.classified.find((c) => c.change.pointer.startsWith('/特定個人情報ファイル記録項目/0/記録項目/0/項目'))!;
  assert.ok(added);
  assert.equal(added.hits.some((h) => h.rule === 'linked-item-changed'), false, JSON.stringify(added.hits));
});
