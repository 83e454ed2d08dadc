/**
 * 取扱者数(使用者数と委託先における取扱者数、または事務全体の取扱者数)が増え、しきい値判断(src/threshold)の
 * 結果がこの評価書の段階を超える変更: 再評価。対象人数が1万人未満なら取扱者数にかかわらず結果は変わらず、
 * 再評価ではない。規則第6条・第7条、PPC-RULES.md §2(取扱者数 500人)。
 */
import type { ClassifyRule } from '../rule.ts';
import { bandOf, readOne, roleEntries, rolesAt } from '../../model/roles.ts';
import { levelForms, levelLabel, thresholdRise, thresholdTable } from '../../threshold/threshold.ts';
import { bilingual, tr } from '../../report/i18n.ts';

const handlerRoles = ['handlers.users.band', 'handlers.contractor.band', 'handlers.office.band', 'entrustment.entries'];

export const handlerThresholdCrossed: ClassifyRule = {
  meta: {
    id: 'handler-threshold-crossed',
    get title() { return tr('取扱者数の増加でしきい値判断の結果が上がる変更(再評価)', 'A rise in the number of handlers that raises the result of the しきい値判断 (再評価)'); },
    timing: 'reassess',
    items: handlerRoles,
    requires: ['threshold.result'],
    basis: `${thresholdTable.basis}(取扱者数 ${thresholdTable.handlerThreshold}人以上) [V: 条番号未確認]`,
    rationale: 'しきい値判断では、特定個人情報ファイルを取り扱う職員と委託先の従業者の数(取扱者数)が500人以上かどうかで必要な評価が変わります。取扱者数が増えてしきい値判断の結果が上がるときは、上の段階の評価を変更前に実施します。',
    explanation: '取扱者数の増加によりしきい値判断の結果が上がり、{forms}による評価の実施が必要となったため、変更前に評価を実施し、提出・公表する。',
    messages: bilingual({
      crossed: '取扱者数が少なくとも{after}人になり(変更前は少なくとも{before}人)、しきい値判断の結果は「{required}」になります(変更前: {previous})。{forms}による評価を変更前に実施してください。',
    }, {
      crossed: 'The number of handlers becomes at least {after} (at least {before} before), so the しきい値判断 requires 「{required}」 (before: {previous}). Carry out the assessment by {forms} before the change.',
    }),
  },
  classify(change, { root, oldData, newData }) {
    // Only a change that itself adds handlers: a higher handler band, or a new 委託事項 with some.
    const raisesBand = change.kind === 'changed' && rolesAt(root, change.pointer).some((r) => handlerRoles.includes(r)) && (bandOf(change.schema, change.after)?.min ?? 0) > (bandOf(change.schema, change.before)?.min ?? 0);
    const addsContractors = change.kind === 'added' && roleEntries(root, newData, 'entrustment.entries').some((e) => e.pointer === change.pointer) && (readOne(root, newData, 'handlers.contractor.band', change.pointer)?.band?.min ?? 0) > 0;
    if (!raisesBand && !addsContractors) return [];
    const rise = thresholdRise(root, oldData, newData);
    if (!rise.required) return [];
    const before = rise.before.inputs.handlers?.min ?? 0;
    const after = rise.after.inputs.handlers?.min ?? 0;
    if (after <= before) return [];
    return [{ messageId: 'crossed', data: { before, after, required: levelLabel(rise.required), previous: levelLabel(rise.before.min), forms: levelForms(rise.required).join(tr('と', ' and ')) } }];
  },
};
