/**
 * 様式の選択肢・チェック欄・一覧で、リスクが上がる方向の変更(委託しない→委託する、入手元の追加など)は
 * 重要な変更(事前)。リスクの順序は schema の x-risk-order が定める。
 */
import type { ClassifyRule } from '../rule.ts';
import { riskDirection } from '../helpers.ts';
import { bilingual, tr } from '../../report/i18n.ts';

export const riskRaised: ClassifyRule = {
  meta: {
    id: 'risk-raised',
    get title() { return tr('リスクが上がる方向の変更(事前)', 'A change in the direction of higher risk (事前)'); },
    timing: 'before',
    items: ['※', 'x-risk-order'],
    basis: '特定個人情報保護評価に関する規則 第11条(重要な変更)、特定個人情報保護評価指針 別表',
    rationale: '委託・再委託を始める、入手元や記録項目を増やす、対策の評価を下げるなど、特定個人情報の漏えい等のリスクが上がる変更は、重要な変更として変更前に評価をやり直します。※のない項目では重要な変更になりませんが、関連する※の項目の見直しが必要か確認を促します。',
    explanation: 'リスクを高める変更であり重要な変更に当たるため、評価を再実施し、変更前に提出・公表する。',
    messages: bilingual({
      raised: '「{item}」はリスクが上がる方向の変更です({detail})。重要な変更として事前です。',
      'not-significant': '「{item}」はリスクが上がる方向の変更です({detail})。※のない項目のため事後ですが、関連する※の項目(主な記録項目、入手元など)の変更が必要か確認してください。',
    }, {
      raised: '「{item}」 changed in the direction of higher risk ({detail}): a significant change, so 事前.',
      'not-significant': '「{item}」 changed in the direction of higher risk ({detail}). It is not a ※ item, so 事後, but check whether a related ※ item (main record items, sources, …) must change too.',
    }),
  },
  classify(change, { root }) {
    if (riskDirection(change, root) !== 'up') return [];
    const detail = change.kind === 'added' ? tr('追加', 'added') : `${fmt(change.before)} → ${fmt(change.after)}`;
    return change.significant ? [{ messageId: 'raised', data: { item: change.item, detail } }] : [{ messageId: 'not-significant', data: { item: change.item, detail }, timing: 'after' }];
  },
};

function fmt(value: unknown): string {
  const v = typeof value === 'object' && value !== null && '選択' in value ? (value as { 選択: unknown })['選択'] : value;
  return v === true ? tr('チェックあり', 'checked') : v === false ? tr('チェックなし', 'unchecked') : v === null || v === undefined ? tr('空欄', 'blank') : String(v);
}
