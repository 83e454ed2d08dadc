import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffAssessments } from './diff.ts';
import { focused } from '../classify/testing.ts';
import { formatValue, renderWordDiff, wordDiff } from './text.ts';
import { schemaAt } from '../schema/walk.ts';

const records = (items: string[]) => ({ 特定個人情報ファイル記録項目: [{ ID: 'f', 記録項目: [{ ID: 'g', 名称: '口座情報', 項目: items }] }] });
const brief = (changes: ReturnType<typeof diffAssessments>) => changes.map((c) => `${c.kind} ${c.side} ${c.pointer} ${JSON.stringify(c.before ?? null)}→${JSON.stringify(c.after ?? null)}`);

test('空欄(null)と記載なしは同じとみなし、変更にしない', () => {
  assert.deepEqual(diffAssessments(focused, { 基本情報: { 他の評価実施機関: null } }, { 基本情報: {} }), []);
  assert.deepEqual(diffAssessments(focused, { 変更箇所: [] }, {}), []);
});

test('同じ値が2回ある一覧から1つ消すと、削除1件(後の方)', () => {
  const changes = diffAssessments(focused, records(['金融機関コード', '支店名', '金融機関コード']), records(['金融機関コード', '支店名']));
  assert.deepEqual(brief(changes), ['removed old /特定個人情報ファイル記録項目/0/記録項目/0/項目/2 "金融機関コード"→null']);
  assert.equal(changes[0]!.item, '別添1 特定個人情報ファイル記録項目 記録項目 項目「口座情報」');
});

test('一覧の並べ替えだけなら移動1件、追加は変更後の位置を指す', () => {
  assert.deepEqual(brief(diffAssessments(focused, records(['a', 'b']), records(['b', 'a']))).map((s) => s.split(' ')[0]), ['moved']);
  assert.deepEqual(brief(diffAssessments(focused, records(['a']), records(['x', 'a']))), ['added new /特定個人情報ファイル記録項目/0/記録項目/0/項目/0 null→"x"']);
});

test('変更箇所・公表日・検証の例外は比較しない(公表の記録であり内容の変更ではない)', () => {
  const a = { 表紙: { 公表日: '令和8年3月30日' }, 変更箇所: [{ ID: 'a' }], 検証の例外: [] };
  const b = { 表紙: { 公表日: '令和8年12月1日' }, 変更箇所: [{ ID: 'b' }], 検証の例外: [{ 規則: 'x', 理由: 'y' }] };
  assert.deepEqual(diffAssessments(focused, a, b), []);
});

test('値を空にした項目は変更後のファイルを指し、キーごと消えた項目は変更前のファイルを指す', () => {
  const before = { 基本情報: { 他の評価実施機関: '越谷市教育委員会' } };
  assert.deepEqual(brief(diffAssessments(focused, before, { 基本情報: { 他の評価実施機関: null } })), ['removed new /基本情報/他の評価実施機関 "越谷市教育委員会"→null']);
  assert.deepEqual(brief(diffAssessments(focused, before, { 基本情報: {} })), ['removed old /基本情報/他の評価実施機関 "越谷市教育委員会"→null']);
});

test('チェック欄は様式の表記([○] その他(口座情報))で、日本語の差分は単語単位で示す', () => {
  const pointer = '/特定個人情報ファイルの概要/0/基本情報/主な記録項目/業務関係情報/その他';
  assert.equal(formatValue(focused, schemaAt(focused, pointer)!, { 選択: true, 内容: '口座情報' }), '[○] その他(口座情報)');
  assert.equal(formatValue(focused, schemaAt(focused, pointer)!, { 選択: false }), '[ ] その他');
  assert.equal(renderWordDiff(wordDiff('サーバー室に保管する', 'クラウドに保管する')), '[-サーバー室-]{+クラウド+}に保管する');
});

test('前に委託事項を挿入しても既存の委託事項は移動にならず、IDのない記載は位置で照合する', () => {
  const entries = (list: object[]) => ({ 特定個人情報ファイルの概要: [{ ID: 'f', 特定個人情報ファイルの取扱いの委託: { 委託事項: list } }] });
  const a = { ID: 'a', 名称: 'A' };
  const b = { ID: 'b', 名称: 'B' };
  assert.deepEqual(brief(diffAssessments(focused, entries([a, b]), entries([{ ID: 'x', 名称: 'X' }, a, b]))).map((s) => s.split(' ').slice(0, 3).join(' ')), ['added new /特定個人情報ファイルの概要/0/特定個人情報ファイルの取扱いの委託/委託事項/0']);
  assert.deepEqual(brief(diffAssessments(focused, entries([{ 名称: 'A' }]), entries([{ 名称: 'A2' }]))), ['changed new /特定個人情報ファイルの概要/0/特定個人情報ファイルの取扱いの委託/委託事項/0/名称 "A"→"A2"']);
});
