/**
 * ※の付いた項目の変更は重要な変更: 変更前に評価をやり直し、提出・公表する(事前)。
 * 番号法第28条「重要な変更を加えようとするときも、同様とする」; 特定個人情報保護評価に関する規則 第11条
 * (重要な変更 = 指針 別表に掲げる項目、様式では ※ の付いた項目).
 */
import type { ClassifyRule } from '../rule.ts';
import { isDetailOnly, textOf } from '../helpers.ts';
import { bilingual, tr } from '../../report/i18n.ts';

export const significantItemChanged: ClassifyRule = {
  meta: {
    id: 'significant-item-changed',
    get title() { return tr('※の項目の変更は重要な変更(事前)', 'A change of a ※ item is a significant change (事前)'); },
    timing: 'before',
    items: ['※'],
    basis: '番号法 第28条第1項後段「重要な変更を加えようとするときも、同様とする」、特定個人情報保護評価に関する規則 第11条(重要な変更)、特定個人情報保護評価指針 別表',
    rationale: '様式で※の付いた項目を変更することは重要な変更に当たり、変更前に特定個人情報保護評価を再実施し、評価書を提出・公表する必要があります。誤記の訂正など形式的な変更やリスクを明らかに下げる変更は、それを判定した規則が明示的に緩和します。どの規則も緩和しない変更は安全側の事前とします。',
    explanation: '重要な変更の対象(※)である項目の変更のため、評価を再実施し、変更前に提出・公表する。',
    messages: bilingual({
      text: '※の項目「{item}」の記載が変わりました。内容の変更かどうかは人が判断する必要があるため、安全側の事前(重要な変更)としました。言い換えだけで内容が変わらない場合は、decisions.yaml に理由を記録して事後にしてください。',
      value: '※の項目「{item}」が「{before}」から「{after}」に変わりました。重要な変更に当たるため事前です。',
      added: '※の項目を含む「{item}」が追加されました。重要な変更に当たるため事前です。',
      removed: '※の項目を含む「{item}」が削除されました。重要な変更に当たるため事前です。',
    }, {
      text: 'The text of ※ item 「{item}」 changed. Whether its content changed needs a person\'s judgement, so it is taken as 事前 (a significant change) to be safe. If it is only rephrased, record the reason in decisions.yaml and make it 事後.',
      value: '※ item 「{item}」 changed from 「{before}」 to 「{after}」: a significant change, so 事前.',
      added: '「{item}」, which contains ※ items, was added: a significant change, so 事前.',
      removed: '「{item}」, which contains ※ items, was removed: a significant change, so 事前.',
    }),
  },
  classify(change) {
    if (!change.significant || change.kind === 'moved') return [];
    if (change.kind === 'added' && typeof change.after === 'object' && change.after !== null) return [{ messageId: 'added', data: { item: change.item } }];
    if (change.kind === 'removed' && typeof change.before === 'object' && change.before !== null) return [{ messageId: 'removed', data: { item: change.item } }];
    // Free text (not a choice), or the ( )内の記載 of a checkbox whose state stayed the same.
    const isChoice = Array.isArray(change.schema.enum);
    const textChanged = typeof change.before === 'string' || typeof change.after === 'string' ? !isChoice : textOf(change.before) !== textOf(change.after) && isDetailOnly(change);
    if (textChanged) return [{ messageId: 'text', data: { item: change.item } }];
    return [{ messageId: 'value', data: { item: change.item, before: show(change.before), after: show(change.after) } }];
  },
};

function show(value: unknown): string {
  if (value === undefined || value === null || value === '') return tr('空欄', 'blank');
  if (typeof value === 'object' && value !== null && '選択' in value) return show((value as { 選択: unknown })['選択']);
  if (value === true) return tr('チェックあり', 'checked');
  if (value === false) return tr('チェックなし', 'unchecked');
  return String(value);
}
