/**
 * A 事前 change (重要な変更) of a 全項目評価書 is a re-assessment: the changed 評価書 goes through 国民・住民等からの
 * 意見の聴取 and 第三者点検 (行政機関等: the 個人情報保護委員会の承認) again before it is submitted and published.
 * 「重要な変更を加えようとするときも、同様とする」(番号法 第28条第1項後段); for a 全項目評価書 that means again ≥ 30 days
 * of 意見聴取 and 第三者点検 before the change (PPC-RULES.md §4, FORMS.md §5, from secondary sources).
 * So when the diff of two versions has a 事前 (or 再評価) change, the new version must record a new procedure: a
 * 意見聴取 period and a 第三者点検 date that differ from the old version's and end after its 公表日.
 */
import type { JsonSchema } from '../schema/registry.ts';
import type { Classified } from '../classify/classify.ts';
import { hasRole } from '../model/roles.ts';
import { bodyKind, parseHearingPeriod, roleText } from '../validate/procedure.ts';
import { formatWareki, parseDate } from '../model/wareki.ts';
import { bilingual, tr } from '../report/i18n.ts';

export const preChangeProcedure = {
  meta: {
    id: 'pre-change-procedure',
    get title() { return tr('全項目評価書の事前の変更に、新しい意見聴取と第三者点検の記載がある', 'A 事前 change to a 全項目評価書 records a new public comment and third-party review'); },
    level: 'error' as const,
    rationale: '全項目評価書の重要な変更は評価のやり直しで、意見聴取(原則30日以上)と第三者点検(行政機関等は委員会の承認)を変更前に行います。前の版と同じ手続の記載のままでは、手続を経ずに公表することになります。',
    basis: '番号法 第28条第1項後段、特定個人情報保護評価に関する規則 第7条・第11条、特定個人情報保護評価指針 第5の3(二次資料による)',
    requires: ['hearing.period', 'hearing.shortening-reason', 'third-party.date', 'cover.published-on'] as string[],
    messages: bilingual({
      'hearing-not-renewed': '「{item}」など{count}件の事前の変更がありますが、意見聴取の実施日・期間が前の版(公表日 {published})のままです。重要な変更には新しい意見聴取が必要です。',
      'third-party-not-renewed': '「{item}」など{count}件の事前の変更がありますが、第三者点検の実施日が前の版(公表日 {published})のままです。重要な変更には新しい第三者点検が必要です。',
      'approval-not-renewed': '「{item}」など{count}件の事前の変更がありますが、個人情報保護委員会への提出日が前の版(公表日 {published})のままです。重要な変更には新しい承認が必要です。',
    }, {
      'hearing-not-renewed': 'There are {count} 事前 change(s), such as 「{item}」, but the date and period of public comment are still those of the previous version (published {published}). A significant change needs a new public comment.',
      'third-party-not-renewed': 'There are {count} 事前 change(s), such as 「{item}」, but the date of the third-party review is still that of the previous version (published {published}). A significant change needs a new third-party review.',
      'approval-not-renewed': 'There are {count} 事前 change(s), such as 「{item}」, but the date of submission to the Personal Information Protection Commission is still that of the previous version (published {published}). A significant change needs a new approval.',
    }),
    hints: bilingual({
      'hearing-not-renewed': '変更後の評価書(案)について30日以上の意見聴取を行い、Ⅵ2 ②実施日・期間・④主な意見・⑤反映を書き直してください。',
      'third-party-not-renewed': '意見聴取の後に第三者点検を受け、Ⅵ3 ①実施日・②方法・③結果を書き直してください。',
      'approval-not-renewed': '変更後の評価書を委員会に提出し、Ⅵ4 と表紙の承認日を書き直してください。',
    }, {
      'hearing-not-renewed': 'Hold public comment for 30 days or more on the changed draft assessment, and rewrite Ⅵ2 ② (date and period), ④ (main comments) and ⑤ (how they were reflected).',
      'third-party-not-renewed': 'Have the third-party review after the public comment, and rewrite Ⅵ3 ① (date), ② (method) and ③ (result).',
      'approval-not-renewed': 'Submit the changed assessment to the Commission, and rewrite Ⅵ4 and the date of approval on the cover.',
    }),
  },
};

export interface ProcedureFinding {
  messageId: keyof typeof preChangeProcedure.meta.messages;
  /** JSON Pointer in the new version. */
  path: string;
  data: Record<string, string | number>;
}

/** Findings for the new version, or none when no change is 事前/再評価 or the form has no such procedure. */
export function checkPreChangeProcedure(root: JsonSchema, oldData: unknown, newData: unknown, classified: readonly Classified[]): ProcedureFinding[] {
  if (!preChangeProcedure.meta.requires.every((role) => hasRole(root, role))) return [];
  const pre = classified.filter((c) => c.timing === 'before' || c.timing === 'reassess');
  if (pre.length === 0) return [];
  const oldPublishedText = roleText(root, oldData, 'cover.published-on')?.text;
  const oldPublished = oldPublishedText ? parseDate(oldPublishedText) : undefined;
  const data = { item: pre[0]!.change.item, count: pre.length, published: oldPublished?.ok ? formatWareki(oldPublished.iso) : tr('不明', 'unknown') };
  const same = (a?: string, b?: string) => (a ?? '').replace(/\s/g, '') === (b ?? '').replace(/\s/g, '');
  /** Renewed: written, different from the old version, and (when both dates are known) after its 公表日. */
  const renewed = (role: string, lastDay: (text: string) => string | undefined): { ok: boolean; path: string } => {
    const before = roleText(root, oldData, role);
    const after = roleText(root, newData, role)!;
    if (!after.text || after.text === '—' || same(before?.text, after.text)) return { ok: false, path: after.pointer };
    const day = lastDay(after.text);
    return { ok: !(day && oldPublished?.ok && day <= oldPublished.iso), path: after.pointer };
  };
  const dateOf = (text: string) => {
    const parsed = parseDate(text);
    return parsed.ok ? parsed.iso : undefined;
  };
  const findings: ProcedureFinding[] = [];
  const hearing = renewed('hearing.period', (t) => parseHearingPeriod(t)?.end);
  if (!hearing.ok) findings.push({ messageId: 'hearing-not-renewed', path: hearing.path, data });
  const organisation = roleText(root, newData, 'cover.organisation')?.text ?? '';
  if (bodyKind(organisation) === 'national' && hasRole(root, 'ppc.submitted-on')) {
    const approval = renewed('ppc.submitted-on', dateOf);
    if (!approval.ok) findings.push({ messageId: 'approval-not-renewed', path: approval.path, data });
  } else {
    const review = renewed('third-party.date', dateOf);
    if (!review.ok) findings.push({ messageId: 'third-party-not-renewed', path: review.path, data });
  }
  return findings;
}
