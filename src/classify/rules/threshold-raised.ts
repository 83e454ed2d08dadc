/**
 * しきい値判断の結果が上がる変更(または対象となる本人の数が上の区分に移る変更)は、上の評価の実施が必要に
 * なり得る: 再評価。規則第6条・第7条(しきい値判断)、PPC-RULES.md §2。
 */
import type { ClassifyRule } from '../rule.ts';
import { riskDirection } from '../helpers.ts';

/** Where the しきい値判断 result and its input, the number of people, sit in the data. */
const resultPointer = '/評価実施手続/基礎項目評価/しきい値判断結果';
const subjectsPointer = /^\/特定個人情報ファイルの概要\/\d+\/基本情報\/対象となる本人の数$/;

export const thresholdRaised: ClassifyRule = {
  meta: {
    id: 'threshold-raised',
    title: 'しきい値判断の結果が上がる変更(再評価)',
    timing: 'reassess',
    items: ['Ⅴ1②', 'Ⅱ2②'],
    basis: '特定個人情報保護評価に関する規則 第6条・第7条(しきい値判断)、特定個人情報保護評価指針(しきい値判断) [V: 条番号未確認]',
    rationale: '対象人数が増えるなどしてしきい値判断の結果が上がると、より詳しい評価(重点項目評価・全項目評価)の実施が義務付けられます。評価書の修正では足りず、上の段階の評価を変更前に実施します。',
    messages: {
      result: 'しきい値判断結果が「{before}」から「{after}」に上がりました。上の段階の評価を変更前に実施してください。',
      subjects: '対象となる本人の数が「{before}」から「{after}」に増えました。しきい値判断の結果が上がる(重点項目評価・全項目評価が必要になる)か、基礎項目評価をやり直して確認してください。',
    },
  },
  classify(change, { root }) {
    if (change.kind !== 'changed' || riskDirection(change, root) !== 'up') return [];
    const data = { before: String(change.before), after: String(change.after) };
    if (change.pointer === resultPointer) return [{ messageId: 'result', data }];
    if (subjectsPointer.test(change.pointer)) return [{ messageId: 'subjects', data }];
    return [];
  },
};
