/**
 * 取扱者数 (staff plus contractor staff handling the file) is an input of the しきい値判断
 * (特定個人情報保護評価指針 第6, PPC-RULES.md §2): 500人以上 raises the required assessment. When an observed
 * head count replaces a declared 使用者数 / 委託先における取扱者数 band, the one しきい値判断 (src/threshold)
 * is asked again with that count; a note is given when the required assessment rises.
 */
import type { JsonSchema } from '../../schema/registry.ts';
import { readOne, readRole } from '../../model/roles.ts';
import { assessThreshold, levelLabel, levelRank, resultText } from '../../threshold/threshold.ts';
import type { CheckRuleMeta } from './rule.ts';
import { bilingual, tr } from '../../report/i18n.ts';

export const meta: CheckRuleMeta = {
  id: 'staff-threshold',
  get title() { return tr('観測した人数でしきい値判断が変わらない', 'The observed numbers do not change the しきい値判断'); },
  yields: ['note'],
  requires: ['threshold.result'],
  rationale: '取扱者数が500人以上になると、対象人数によっては全項目評価(または重点項目評価)の実施が義務付けられます。',
  messages: bilingual({
    crossed: '観測した人数 {observed}人を使うと、取扱者数(使用者数と委託先の取扱者数)は少なくとも{total}人となり、しきい値判断の結果が上がります(必要な評価: {required}、記載どおりなら: {declared})。',
  }, {
    crossed: 'With the observed count of {observed} people, the number of handlers (users plus contractors\' handlers) is at least {total}, which raises the result of the しきい値判断 (assessment required: {required}; as stated: {declared}).',
  }),
  hints: bilingual({
    crossed: '基礎項目評価書のしきい値判断をやり直し、必要なら評価をやり直してください(しきい値判断結果が上がる場合は、上の評価を実施します)。',
  }, {
    crossed: 'Redo the しきい値判断 of the 基礎項目評価書 and, if needed, the assessment (when the result rises, carry out the higher level of assessment).',
  }),
};

export interface StaffThresholdFinding {
  messageId: 'crossed';
  data: Record<string, string | number>;
  /** Where the finding points: the しきい値判断結果 of the form. */
  pointer: string;
}

const handlerRoles = ['handlers.users.band', 'handlers.contractor.band', 'handlers.office.band'];

/** Only for claims on a handler band item (使用者数, 委託先における取扱者数, 取扱者数) with a numeric observation. */
export function verifyStaffThreshold(schema: JsonSchema, data: Record<string, unknown>, pointer: string, observed: unknown): StaffThresholdFinding | undefined {
  if (typeof observed !== 'number' || !Number.isFinite(observed) || observed < 0) return undefined;
  if (!handlerRoles.some((role) => readRole(schema, data, role).some((r) => r.pointer === pointer && r.band))) return undefined;
  const declared = assessThreshold(schema, data);
  const withObserved = assessThreshold(schema, data, { handlerCounts: new Map([[pointer, observed]]) });
  if (levelRank(withObserved.min) <= levelRank(declared.min)) return undefined;
  const result = readOne(schema, data, 'threshold.result');
  return {
    messageId: 'crossed',
    pointer: result?.pointer ?? '',
    data: { observed, total: withObserved.inputs.handlers?.min ?? observed, required: resultText(withObserved), declared: levelLabel(declared.min) },
  };
}
