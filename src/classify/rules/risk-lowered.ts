/**
 * リスクを明らかに下げる変更(委託をやめる、入手元を減らす、記録項目を減らすなど)は、※の項目でも
 * 重要な変更に当たらない: 評価書の修正(事後)。
 */
import type { ClassifyRule } from '../rule.ts';
import { riskDirection } from '../helpers.ts';
import { bilingual, tr } from '../../report/i18n.ts';

export const riskLowered: ClassifyRule = {
  meta: {
    id: 'risk-lowered',
    get title() { return tr('リスクを明らかに下げる変更は評価書の修正(事後)', 'A change that clearly lowers the risk is a correction of the assessment (事後)'); },
    timing: 'after',
    items: ['※', 'x-risk-order'],
    basis: '特定個人情報保護評価指針の解説(リスクを明らかに軽減させる変更は重要な変更に当たらない) [V: 原文未確認]',
    rationale: '委託・提供をやめる、入手元や記録項目を減らすなど、リスクを明らかに下げる変更は、事前に評価をやり直す必要はなく、評価書の修正(事後)です。リスクの順序は様式の定義(x-risk-order)に記録しています。',
    relaxes: ['significant-item-changed'],
    explanation: 'リスクを明らかに軽減させる変更であり、重要な変更に当たらないため、変更後に速やかに提出・公表する。',
    messages: bilingual({
      lowered: '「{item}」はリスクを下げる方向の変更です({detail})。評価書の修正として事後です。',
    }, {
      lowered: '「{item}」 changed in the direction of lower risk ({detail}): a correction of the assessment, so 事後.',
    }),
  },
  classify(change, { root }) {
    if (riskDirection(change, root) !== 'down') return [];
    const detail = change.kind === 'removed' ? tr('削除', 'removed') : `${fmt(change.before)} → ${fmt(change.after)}`;
    return [{ messageId: 'lowered', data: { item: change.item, detail } }];
  },
};

function fmt(value: unknown): string {
  const v = typeof value === 'object' && value !== null && '選択' in value ? (value as { 選択: unknown })['選択'] : value;
  return v === true ? tr('チェックあり', 'checked') : v === false ? tr('チェックなし', 'unchecked') : v === null || v === undefined ? tr('空欄', 'blank') : String(v);
}
