/** A claim with neither a check nor an attestation is a gap in coverage: nobody verifies that promise. */
import type { Verdict } from '../types.ts';
import type { CheckRuleMeta } from './rule.ts';

export const meta: CheckRuleMeta = {
  id: 'coverage-gap',
  title: '主張に点検か確認の記録がある',
  yields: ['unchecked'],
  rationale: '評価書の約束のうち、何によっても確かめられていないものを見えるようにします。',
  messages: {
    unchecked: '「{item}」の記載「{quote}」は、点検も確認の記録もありません。',
  },
  hints: {
    unchecked: 'checks.yaml のこの主張に 点検(取得元と条件)を書くか、人が確かめて 確認(確認者・根拠・確認日・有効期限)を記録してください。',
  },
};

export function verifyCoverage(item: string, quote: string): Verdict {
  return { status: 'unchecked', rule: meta.id, messageId: 'unchecked', data: { item, quote } };
}
