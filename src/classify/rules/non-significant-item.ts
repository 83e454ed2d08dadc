/**
 * ※の付いていない項目の変更は評価書の修正: 変更後速やかに提出・公表する(事後)。
 * 記載要領「委員会に提出・公表する時期が、変更前である場合は「事前」と、変更後である場合は「事後」と記載」.
 */
import type { ClassifyRule } from '../rule.ts';
import { bilingual, tr } from '../../report/i18n.ts';

export const nonSignificantItem: ClassifyRule = {
  meta: {
    id: 'non-significant-item',
    get title() { return tr('※のない項目の変更は評価書の修正(事後)', 'A change of an item without ※ is a correction of the assessment (事後)'); },
    timing: 'after',
    items: ['※以外'],
    basis: '特定個人情報保護評価指針 第10(評価書の修正)、記載要領 別添 変更箇所「委員会に提出・公表する時期が、変更前である場合は「事前」と、変更後である場合は「事後」と記載」',
    rationale: '※の付いていない項目は重要な変更の対象ではありません。変更は評価書の修正として、変更後速やかに提出・公表します。',
    explanation: '重要な変更の対象(※)でない項目の修正のため、変更後に速やかに提出・公表する。',
    messages: bilingual({
      changed: '「{item}」は※の付いていない項目です。評価書の修正として事後に提出・公表します。',
    }, {
      changed: '「{item}」 is not a ※ item: submit and publish the corrected assessment after the change (事後).',
    }),
  },
  classify(change) {
    if (change.significant || change.kind === 'moved') return [];
    return [{ messageId: 'changed', data: { item: change.item } }];
  },
};
