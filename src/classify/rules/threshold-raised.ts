/**
 * しきい値判断の結果が上がる変更は、上の段階の評価(重点項目評価・全項目評価)の実施が必要になる: 再評価。
 * しきい値判断結果の記載が上がる変更と、対象人数・重大事故の変更で しきい値判断(src/threshold)の結果が
 * この評価書の段階を超える変更。結果が変わらない変更は再評価ではない。規則第6条・第7条、PPC-RULES.md §2。
 */
import type { ClassifyRule } from '../rule.ts';
import { rolesAt } from '../../model/roles.ts';
import { isLevel, levelForms, levelLabel, levelRank, thresholdRise, thresholdTable } from '../../threshold/threshold.ts';
import type { Change } from '../../diff/change.ts';
import type { JsonSchema } from '../../schema/registry.ts';
import { bilingual, tr } from '../../report/i18n.ts';

const inputRoles = ['people.office.band', 'people.file.band', 'incident.threshold', 'incident.recent'];

export const thresholdRaised: ClassifyRule = {
  meta: {
    id: 'threshold-raised',
    get title() { return tr('しきい値判断の結果が上がる変更(再評価)', 'A change that raises the result of the しきい値判断 (再評価)'); },
    timing: 'reassess',
    items: ['threshold.result', ...inputRoles],
    requires: ['threshold.result'],
    basis: `${thresholdTable.basis} [V: 条番号未確認]`,
    rationale: '対象人数が増えるなどしてしきい値判断の結果が上がると、より詳しい評価(重点項目評価・全項目評価)の実施が義務付けられます。評価書の修正では足りず、上の段階の評価を変更前に実施します。',
    explanation: 'しきい値判断の結果が上がり、{forms}による評価の実施が必要となったため、変更前に評価を実施し、提出・公表する。',
    messages: bilingual({
      result: 'しきい値判断結果が「{before}」から「{after}」に上がりました。{forms}による評価を変更前に実施してください。',
      input: '「{item}」が「{before}」から「{after}」に変わり、しきい値判断の結果は「{required}」になります(変更前: {previous})。{forms}による評価を変更前に実施してください。',
    }, {
      result: 'The result of the しきい値判断 rose from 「{before}」 to 「{after}」. Carry out the assessment by {forms} before the change.',
      input: '「{item}」 changed from 「{before}」 to 「{after}」, so the しきい値判断 requires 「{required}」 (before: {previous}). Carry out the assessment by {forms} before the change.',
    }),
  },
  classify(change, { root, oldData, newData }) {
    if (change.kind !== 'changed') return [];
    const roles = rolesAt(root, change.pointer);
    if (roles.includes('threshold.result')) {
      const [before, after] = [canonical(change, root, 'before'), canonical(change, root, 'after')];
      if (!isLevel(before) || !isLevel(after) || levelRank(after) <= levelRank(before)) return [];
      return [{ messageId: 'result', data: { before: String(change.before), after: String(change.after), forms: levelForms(after).join(tr('と', ' and ')) } }];
    }
    if (!roles.some((r) => inputRoles.includes(r))) return [];
    const rise = thresholdRise(root, oldData, newData);
    if (!rise.required) return [];
    return [{ messageId: 'input', data: { item: change.item, before: String(change.before), after: String(change.after), required: levelLabel(rise.required), previous: levelLabel(rise.before.min), forms: levelForms(rise.required).join(tr('と', ' and ')) } }];
  },
};

function canonical(change: Change, root: JsonSchema, side: 'before' | 'after'): unknown {
  const raw = change[side];
  return typeof raw === 'string' ? (change.schema['x-role-values']?.[raw] ?? raw) : raw;
}
