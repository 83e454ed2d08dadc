/**
 * 全項目評価書 Ⅵ2 国民・住民等からの意見の聴取: 期間は原則として30日以上。短縮するときは、その特段の理由を
 * ③に記載する。
 * 「全項目評価書を公示し、原則として30日以上の期間を定めて広く国民(住民)の意見を求める」「特段の理由がある場合には、
 * 全項目評価書においてその理由を明らかにした上で、期間を短縮することができる」(特定個人情報保護評価指針 第5の3(2)、
 * 二次資料による。FORMS.md §5)。
 */
import type { Rule, RuleFinding } from '../rule.ts';
import { parseHearingPeriod, roleText } from '../procedure.ts';
import { formatWareki } from '../../model/wareki.ts';
import { bilingual, tr } from '../../report/i18n.ts';

/** The minimum period in days (both ends counted). Data, for the 指針 edition in FORMS.md §5. */
export const minimumHearingDays = 30;

export const hearingPeriod: Rule = {
  meta: {
    id: 'hearing-period',
    get title() { return tr('意見聴取の期間が30日以上か、短縮の特段の理由がある', 'The public comment period is 30 days or more, or has a special reason for being shorter'); },
    level: 'error',
    rationale: '全項目評価書の意見聴取は原則として30日以上です。短縮できるのは特段の理由を評価書に明らかにしたときだけです。期間が読み取れない記載は、住民も委員会も期間を確かめられません。',
    basis: '特定個人情報保護評価指針 第5の3(国民・住民等からの意見の聴取)「原則として30日以上」; 全項目評価書 様式4 Ⅵ2 ②実施日・期間 ③期間を短縮する特段の理由',
    requires: ['hearing.period', 'hearing.shortening-reason'],
    messages: bilingual({
      'too-short': '意見聴取の期間が{days}日間({start}から{end}まで)で、30日に足りません。③期間を短縮する特段の理由もありません。',
      unreadable: '②実施日・期間「{value}」から、始まりと終わりの日が読み取れません。',
      'reason-without-shortening': '期間は{days}日間で30日以上ですが、③期間を短縮する特段の理由が記載されています。',
      reversed: '意見聴取の終わりの日({end})が始まりの日({start})より前です。',
    }, {
      'too-short': 'The public comment period is {days} days ({start} to {end}), less than 30 days, and 「③期間を短縮する特段の理由」 gives no special reason for shortening it.',
      unreadable: 'No start and end date can be read from 「②実施日・期間」: 「{value}」.',
      'reason-without-shortening': 'The period is {days} days, 30 days or more, yet 「③期間を短縮する特段の理由」 (the special reason for shortening) is filled in.',
      reversed: 'The end of the public comment period ({end}) is before its start ({start}).',
    }),
    hints: bilingual({
      'too-short': '30日以上の期間で意見を求め直すか、短縮した特段の理由を③に記載してください。期間は始まりと終わりの日を含めて数えます。',
      unreadable: '「令和8年1月5日から令和8年2月4日まで」のように、始まりと終わりの日を和暦または YYYY-MM-DD で書いてください。',
      'reason-without-shortening': '期間を短縮していないなら③は空欄にしてください。',
      reversed: '日付を確かめてください。',
    }, {
      'too-short': 'Ask for comments again for 30 days or more, or state the special reason for the shorter period in ③. The period counts both the first and the last day.',
      unreadable: 'Write the start and end dates in 和暦 or as YYYY-MM-DD, as in 「令和8年1月5日から令和8年2月4日まで」.',
      'reason-without-shortening': 'If the period was not shortened, leave ③ blank.',
      reversed: 'Check the dates.',
    }),
  },
  check({ data, schema }) {
    const period = roleText(schema, data, 'hearing.period');
    const reason = roleText(schema, data, 'hearing.shortening-reason');
    if (!period || !reason || !period.text) return [];
    const parsed = parseHearingPeriod(period.text);
    if (!parsed) return [{ messageId: 'unreadable', path: period.pointer, completeness: true, data: { value: period.text } }];
    const fields = { days: parsed.days, start: formatWareki(parsed.start), end: formatWareki(parsed.end) };
    if (parsed.days < 1) return [{ messageId: 'reversed', path: period.pointer, data: fields }];
    const findings: RuleFinding[] = [];
    if (parsed.days < minimumHearingDays && !reason.text) findings.push({ messageId: 'too-short', path: period.pointer, data: fields });
    if (parsed.days >= minimumHearingDays && reason.text) findings.push({ messageId: 'reason-without-shortening', path: reason.pointer, level: 'warning', data: fields });
    return findings;
  },
};
