/**
 * 公表日は、国民・住民等からの意見の聴取の終わりの日と、第三者点検の実施日より後である。
 * 全項目評価書は、意見聴取 → 必要に応じて見直し → 第三者点検 → 提出・公表 の順に行う(特定個人情報保護評価指針
 * 第5の3、規則 第7条、二次資料による。FORMS.md §5。豊中市の手順「パブコメ → 第三者点検 → 公表」)。
 */
import type { Rule, RuleFinding } from '../rule.ts';
import { parseHearingPeriod, roleText } from '../procedure.ts';
import { formatWareki, parseDate } from '../../model/wareki.ts';
import { bilingual, tr } from '../../report/i18n.ts';

export const publicationAfterProcedure: Rule = {
  meta: {
    id: 'publication-after-procedure',
    get title() { return tr('公表日が意見聴取の終了と第三者点検より後', 'The publication date is after the end of public comment and the third-party review'); },
    level: 'error',
    rationale: '意見聴取の結果と第三者点検を経た評価書を公表します。公表日がそれより前なら、公表日か手続の日付の誤記、または手続を経ずに公表したことになります。',
    basis: '特定個人情報保護評価指針 第5の3(意見聴取の後に評価書を見直し)、特定個人情報保護評価に関する規則 第7条第4項(第三者点検の後に提出・公表)',
    requires: ['cover.published-on', 'hearing.period', 'third-party.date'],
    messages: bilingual({
      'before-hearing-end': '公表日「{published}」が意見聴取の終わりの日({end})より前です。',
      'before-third-party': '公表日「{published}」が第三者点検の実施日「{date}」より前です。',
      'third-party-before-hearing': '第三者点検の実施日「{date}」が意見聴取の終わりの日({end})より前です。',
    }, {
      'before-hearing-end': 'The publication date 「{published}」 is before the end of the public comment period ({end}).',
      'before-third-party': 'The publication date 「{published}」 is before the date of the third-party review 「{date}」.',
      'third-party-before-hearing': 'The date of the third-party review 「{date}」 is before the end of the public comment period ({end}).',
    }),
    hints: bilingual({
      'before-hearing-end': '意見聴取を終えてから公表します。公表日と実施日・期間を確かめてください。',
      'before-third-party': '第三者点検を受けてから公表します。公表日と第三者点検の実施日を確かめてください。',
      'third-party-before-hearing': '第三者点検は意見聴取を踏まえて見直した評価書について受けます。日付を確かめてください。',
    }, {
      'before-hearing-end': 'An assessment is published after the public comment period ends. Check the publication date and the period.',
      'before-third-party': 'An assessment is published after its third-party review. Check the publication date and the date of the review.',
      'third-party-before-hearing': 'The third-party review is of the assessment as revised after public comment. Check the dates.',
    }),
  },
  check({ data, schema }) {
    const published = roleText(schema, data, 'cover.published-on');
    const period = roleText(schema, data, 'hearing.period');
    const thirdParty = roleText(schema, data, 'third-party.date');
    if (!published?.text) return [];
    const publishedOn = parseDate(published.text);
    if (!publishedOn.ok) return [];
    const findings: RuleFinding[] = [];
    const hearing = period?.text ? parseHearingPeriod(period.text) : undefined;
    const review = thirdParty?.text ? parseDate(thirdParty.text) : undefined;
    if (hearing && publishedOn.iso < hearing.end) findings.push({ messageId: 'before-hearing-end', path: published.pointer, data: { published: published.text, end: formatWareki(hearing.end) } });
    if (review?.ok && publishedOn.iso < review.iso) findings.push({ messageId: 'before-third-party', path: published.pointer, data: { published: published.text, date: thirdParty!.text! } });
    if (review?.ok && hearing && review.iso < hearing.end) findings.push({ messageId: 'third-party-before-hearing', path: thirdParty!.pointer, level: 'warning', data: { date: thirdParty!.text!, end: formatWareki(hearing.end) } });
    return findings;
  },
};
