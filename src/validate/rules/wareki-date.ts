/**
 * 日付は様式どおり和暦(令和8年3月30日)で記載する。元号の期間外の日付(平成31年5月1日など)や、
 * 存在しない日(2月30日)は誤り。
 */
import type { Rule } from '../rule.ts';
import { walkIndex } from '../../schema/walk.ts';
import { parseDate } from '../../model/wareki.ts';
import { bilingual, tr } from '../../report/i18n.ts';

export const warekiDate: Rule = {
  meta: {
    id: 'wareki-date',
    get title() { return tr('日付が実在し、元号の期間内にある', 'Dates exist and lie within their era'); },
    level: 'error',
    rationale: '公表される評価書の日付は和暦で印字されます。元号の切替日(平成31年4月30日→令和元年5月1日)の前後を誤った日付や、存在しない日は誤記です。',
    basis: '元号法、元号を改める政令(平成31年政令第143号)',
    messages: bilingual({
      'no-such-day': '「{value}」は存在しない日付です。',
      'after-era': '「{value}」は{era}の期間外です({era}は{lastDay}まで)。',
      'before-era': '「{value}」は{era}の期間外です({era}は{firstDay}から)。',
    }, {
      'no-such-day': '「{value}」 is not a real date.',
      'after-era': '「{value}」 is outside the {era} era ({era} ends on {lastDay}).',
      'before-era': '「{value}」 is outside the {era} era ({era} begins on {firstDay}).',
    }),
    hints: bilingual({
      'no-such-day': '月と日を確認してください。',
      'after-era': '次の元号で書いてください(例: 平成31年5月1日 → 令和元年5月1日)。',
      'before-era': '前の元号で書いてください(例: 令和元年4月30日 → 平成31年4月30日)。',
    }, {
      'no-such-day': 'Check the month and the day.',
      'after-era': 'Write it in the next era (for example 「平成31年5月1日」 → 「令和元年5月1日」).',
      'before-era': 'Write it in the previous era (for example 「令和元年4月30日」 → 「平成31年4月30日」).',
    }),
  },
  check({ data, schema }) {
    const findings: ReturnType<Rule['check']> = [];
    for (const { pointer: path, value } of walkIndex(schema, data).rendered.get('date') ?? []) {
      if (typeof value !== 'string' || value === '—') continue;
      const parsed = parseDate(value);
      if (parsed.ok || parsed.reason === 'format') continue; // format errors are the schema's
      findings.push({ messageId: parsed.reason, path, data: { value, era: parsed.era ?? '', lastDay: parsed.lastDay ?? '', firstDay: parsed.firstDay ?? '' } });
    }
    return findings;
  },
};
