/**
 * (別添2) 変更箇所の変更日は、その評価書の公表日以前で、未来の日付ではない。
 */
import type { Rule, RuleFinding } from '../rule.ts';
import { readOne } from '../../model/roles.ts';
import { changeRowKeys, changeRows } from '../../model/document.ts';
import { formatWareki, parseDate } from '../../model/wareki.ts';
import { bilingual, tr } from '../../report/i18n.ts';

export const changeEntryDate: Rule = {
  meta: {
    id: 'change-entry-date',
    get title() { return tr('変更箇所の変更日が公表日・今日と矛盾しない', 'The change dates of the 変更箇所 agree with the publication date and today'); },
    level: 'error',
    requires: ['changes', 'change.date'],
    optional: ['cover.published-on'],
    rationale: '変更箇所は公表した評価書に既に反映された変更の記録です。未来の変更日は誤記であり、公表日より後の変更日は公表日の更新漏れか変更日の誤記です。',
    basis: '特定個人情報保護評価指針 第10 評価書の修正(記載要領 別添2 変更箇所)',
    messages: bilingual({
      future: '変更日「{value}」は未来の日付です(今日は{today})。',
      'after-publication': '変更日「{value}」が公表日「{published}」より後です。',
      'publication-future': '公表日「{value}」は未来の日付です(今日は{today})。',
    }, {
      future: 'The change date 「{value}」 is in the future (today is {today}).',
      'after-publication': 'The change date 「{value}」 is after the publication date 「{published}」.',
      'publication-future': 'The publication date 「{value}」 is in the future (today is {today}).',
    }),
    hints: bilingual({
      future: '変更日の年を確認してください(令和と西暦の換算誤りがよくあります)。',
      'after-publication': 'この変更を反映して公表し直したのなら、表紙の公表日を更新してください。そうでなければ変更日を直してください。',
      'publication-future': '公表前の下書きなら問題ありません。公表済みの評価書なら公表日を直してください。',
    }, {
      future: 'Check the year of the change date (converting between 令和 and the Western calendar is a common slip).',
      'after-publication': 'If the assessment was published again with this change, update the publication date on the cover; otherwise correct the change date.',
      'publication-future': 'Fine for a draft before publication. For a published assessment, correct the publication date.',
    }),
  },
  check({ data, schema, today }) {
    const findings: RuleFinding[] = [];
    let todayText: string | undefined; // formatted once, when a finding names it (Intl's calendar is costly)
    const printedToday = () => (todayText ??= formatWareki(today));
    const published = readOne(schema, data, 'cover.published-on');
    const publishedText = typeof published?.raw === 'string' ? published.raw : undefined;
    const publishedDate = publishedText ? parseDate(publishedText) : undefined;
    if (published && publishedText && publishedDate?.ok && publishedDate.iso > today) {
      findings.push({ messageId: 'publication-future', path: published.pointer, level: 'warning', data: { value: publishedText, today: printedToday() } });
    }
    const keys = changeRowKeys(schema);
    for (const row of changeRows(schema, data)) {
      const value = row.date;
      const parsed = value ? parseDate(value) : undefined;
      if (!value || !parsed?.ok) continue;
      const path = `${row.pointer}/${keys.date}`;
      if (parsed.iso > today) findings.push({ messageId: 'future', path, data: { value, today: printedToday() } });
      else if (publishedDate?.ok && parsed.iso > publishedDate.iso) findings.push({ messageId: 'after-publication', path, level: 'warning', data: { value, published: publishedText! } });
    }
    return findings;
  },
};
