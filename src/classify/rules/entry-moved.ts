/**
 * 繰り返す記載(委託事項、記録項目など)の順序だけが変わった変更は、内容の変更ではない(事後)。
 * 照合はIDで行い、移動を削除と追加として扱わない。
 */
import type { ClassifyRule } from '../rule.ts';
import { bilingual, tr } from '../../report/i18n.ts';

export const entryMoved: ClassifyRule = {
  meta: {
    id: 'entry-moved',
    get title() { return tr('記載順だけの変更は事後', 'A change of order only is 事後'); },
    timing: 'after',
    items: ['Ⅱ4 委託事項', 'Ⅱ5 提供先・移転先', '別添1'],
    basis: '特定個人情報保護評価指針 第10(評価書の修正): 記載内容が変わらない番号の付け直しは重要な変更に当たらない [V]',
    rationale: '同じIDの記載は同じ委託事項・記録項目です。順序が変わると「委託事項1」「委託事項2」などの番号は変わりますが、取扱いの内容は変わらないため、評価書の修正(事後)です。変更箇所への記載は不要です。',
    explanation: '記載の順序の変更のみであり、内容の変更はない。',
    messages: bilingual({
      moved: '「{item}」は記載の順序が変わっただけで、内容は変わっていません(番号の付け直し)。',
    }, {
      moved: 'Only the order of 「{item}」 changed, not its content (renumbering).',
    }),
  },
  classify(change) {
    return change.kind === 'moved' ? [{ messageId: 'moved', data: { item: change.item } }] : [];
  },
};
