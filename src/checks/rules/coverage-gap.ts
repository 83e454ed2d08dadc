/** A claim with neither a check nor an attestation is a gap in coverage: nobody verifies that promise. */
import type { Verdict } from '../types.ts';
import type { CheckRuleMeta } from './rule.ts';
import { bilingual, tr } from '../../report/i18n.ts';

export const meta: CheckRuleMeta = {
  id: 'coverage-gap',
  get title() { return tr('主張に点検か確認の記録がある', 'Each claim has a check or a record of confirmation'); },
  yields: ['unchecked'],
  rationale: '評価書の約束のうち、何によっても確かめられていないものを見えるようにします。',
  messages: bilingual({
    unchecked: '「{item}」の記載「{quote}」は、点検も確認の記録もありません。',
  }, {
    unchecked: '「{item}」 states 「{quote}」, with neither a check nor a record of confirmation.',
  }),
  hints: bilingual({
    unchecked: 'checks.yaml のこの主張に 点検(取得元と条件)を書くか、人が確かめて 確認(確認者・根拠・確認日・有効期限)を記録してください。',
  }, {
    unchecked: 'For this claim in checks.yaml, write a `点検` (source and condition), or have a person confirm it and record a `確認` (who, evidence, date, expiry).',
  }),
};

export function verifyCoverage(item: string, quote: string): Verdict {
  return { status: 'unchecked', rule: meta.id, messageId: 'unchecked', data: { item, quote } };
}
