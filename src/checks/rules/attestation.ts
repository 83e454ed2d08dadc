/** 確認: a person's record for what cannot be checked automatically. It holds until its expiry date. */
import { formatWareki, parseDate } from '../../model/wareki.ts';
import type { AttestationSpec, Verdict } from '../types.ts';
import type { CheckRuleMeta } from './rule.ts';
import { bilingual, tr } from '../../report/i18n.ts';

export const meta: CheckRuleMeta = {
  id: 'attestation',
  get title() { return tr('人による確認の記録が有効期限内である', 'A person\'s record of confirmation has not expired'); },
  yields: ['attested', 'expired'],
  rationale: '自動で点検できない記載は、確認者・根拠・確認日を記録し、期限を決めて確認し直します。期限を過ぎた記録は、今の状態を示しません。',
  messages: bilingual({
    attested: '「{item}」の記載は、{by} が {date} に確認しました(根拠: {evidence}、有効期限 {expiry})。',
    expired: '「{item}」の確認記録は有効期限({expiry})を過ぎています(確認者 {by}、確認日 {date}、根拠: {evidence})。',
  }, {
    attested: 'What 「{item}」 states was confirmed by {by} on {date} (evidence: {evidence}, valid until {expiry}).',
    expired: 'The confirmation of 「{item}」 expired on {expiry} (confirmed by {by} on {date}, evidence: {evidence}).',
  }),
  hints: bilingual({
    expired: '記載どおりかを確認し直し、checks.yaml の 確認日 と 有効期限 を更新してください。自動で点検できるようになったなら 点検 に置き換えてください。',
  }, {
    expired: 'Confirm again that the statement holds, and update `確認日` and `有効期限` in checks.yaml. If it can now be checked automatically, replace it with a `点検`.',
  }),
};

/** Dates were checked when checks.yaml was loaded; an unparsable one here counts as already expired. */
export function verifyAttestation(item: string, attestation: AttestationSpec, today: string): Verdict {
  const date = parseDate(attestation.確認日);
  const expiry = parseDate(attestation.有効期限);
  const data = {
    item,
    by: attestation.確認者,
    evidence: attestation.根拠,
    date: date.ok ? formatWareki(date.iso) : attestation.確認日,
    expiry: expiry.ok ? formatWareki(expiry.iso) : attestation.有効期限,
  };
  const valid = expiry.ok && expiry.iso >= today;
  return { status: valid ? 'attested' : 'expired', rule: meta.id, messageId: valid ? 'attested' : 'expired', data };
}
