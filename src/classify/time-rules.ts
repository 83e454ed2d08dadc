import type { JsonSchema } from '../schema/registry.ts';
import { readRole } from '../model/roles.ts';
import { changeRowKeys, changeRows } from '../model/document.ts';
import { parseDate } from '../model/wareki.ts';
import { bilingual, tr } from '../report/i18n.ts';

/**
 * Time triggers as data: when an assessment is due for review or re-assessment, counted from a date in it.
 * Both are 努力義務 (obligations to endeavour), so an overdue one is a warning, never a CI failure.
 */
export interface TimeRule {
  id: string;
  title: string;
  /** Roles of the dates the period may run from (cover.published-on, threshold.assessed-on); the latest present is used. */
  from: readonly string[];
  /** A 事前 row of 変更箇所 is a re-assessment (規則第11条): its 変更日 restarts the period too. */
  restartedByPreChange?: boolean;
  months: number;
  /** Months before the due date from which the audit mentions it. */
  noticeMonths: number;
  basis: string;
  messages: { due: string; soon: string };
}

export const timeRules: readonly TimeRule[] = [
  {
    id: 'yearly-review',
    get title() { return tr('1年ごとの見直し', 'Yearly review'); },
    from: ['cover.published-on'],
    months: 12,
    noticeMonths: 1,
    basis: '特定個人情報保護評価に関する規則 第14条(少なくとも1年に1回、評価書の記載事項を見直すよう努める) [P]',
    messages: bilingual({
      due: '公表日({from})から1年が経ちました({due}が目安)。評価書の記載が実態と合っているか見直してください(規則第14条)。',
      soon: '公表日({from})から1年の見直しの時期({due})が近づいています(規則第14条)。',
    }, {
      due: 'A year has passed since the publication date ({from}) (due about {due}). Review whether the assessment still matches reality (Rules, Article 14).',
      soon: 'The yearly review after the publication date ({from}) is due soon ({due}) (Rules, Article 14).',
    }),
  },
  {
    id: 'five-year-reassessment',
    get title() { return tr('5年を経過する前の再評価', 'Re-assessment before five years pass'); },
    // The 基礎項目評価 実施日 is the date the assessment was last carried out, and a 事前 filing (a 重要な変更,
    // assessed again before the change) restarts the period; without either, the 公表日.
    from: ['threshold.assessed-on'],
    restartedByPreChange: true,
    months: 60,
    noticeMonths: 6,
    basis: '特定個人情報保護評価に関する規則 第15条(直近の評価から5年を経過する前に評価を再実施するよう努める) [P]',
    messages: bilingual({
      due: '直近の評価({from})から5年が経ちました({due})。特定個人情報保護評価を再実施してください(規則第15条)。',
      soon: '直近の評価({from})から5年({due})が近づいています。再評価の準備をしてください(規則第15条)。',
    }, {
      due: 'Five years have passed since the last assessment ({from}) ({due}). Carry out the assessment again (Rules, Article 15).',
      soon: 'Five years since the last assessment ({from}) will pass on {due}. Prepare the re-assessment (Rules, Article 15).',
    }),
  },
];

/** ISO date plus whole months (the day is kept, clamped to the month's last day). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export interface TimeStart {
  /** ISO date the period runs from. */
  iso: string;
  pointer: string;
}

/** The date a time rule counts from in this document: the latest of its dates (and 事前 rows), else the 公表日. */
export function timeStart(rule: TimeRule, root: JsonSchema, data: unknown): TimeStart | undefined {
  const candidates: TimeStart[] = [];
  const add = (raw: unknown, pointer: string) => {
    const parsed = typeof raw === 'string' ? parseDate(raw) : undefined;
    if (parsed?.ok) candidates.push({ iso: parsed.iso, pointer });
  };
  for (const role of rule.from) for (const read of readRole(root, data, role)) add(read.raw, read.pointer);
  if (rule.restartedByPreChange) {
    // Only rows already published: a 変更日 after the 公表日 is a typo or a change still to come.
    const published = readRole(root, data, 'cover.published-on').map((r) => (typeof r.raw === 'string' ? parseDate(r.raw) : undefined)).find((p) => p?.ok);
    for (const row of changeRows(root, data)) {
      const date = row.date ? parseDate(row.date) : undefined;
      if (row.timing === 'before' && date?.ok && published?.ok && date.iso <= published.iso) add(row.date, `${row.pointer}/${changeRowKeys(root).date}`);
    }
  }
  if (candidates.length === 0) for (const read of readRole(root, data, 'cover.published-on')) add(read.raw, read.pointer);
  return candidates.sort((a, b) => (a.iso < b.iso ? 1 : a.iso > b.iso ? -1 : 0))[0];
}
