/** One 事務 row of the portfolio page, and the labels of due states. No imports of values: the page bundle loads it. */
import type { DueState } from './portfolio.ts';

/** The check results of one document in words: the page's cell and its accessible text. */
export function checksText(checks: PortfolioRow['documents'][number]['checks']): string {
  if (!checks) return '未確認';
  // What stops CI first; counts of zero are left out (適合 is always shown).
  const parts = ([['矛盾', checks.contradicted], ['エラー', checks.error], ['期限切れ', checks.expired], ['適合', checks.satisfied], ['未点検', checks.unchecked], ['確認書', checks.attested]] as const)
    .filter(([label, n]) => n > 0 || label === '適合').map(([label, n]) => `${label} ${n}`);
  return `${checks.failing ? '不合格' : '合格'}(${parts.join('、')})`;
}

export const dueStateLabel: Record<DueState, string> = { overdue: '期限切れ', soon: 'まもなく', later: '予定' };

export interface PortfolioRow {
  id: string;
  name: string;
  state: DueState | undefined;
  /** checks: the counts of the document's run in the check report; undefined when there is none (未確認). */
  documents: { slug: string; form: string; number?: string; checks?: { satisfied: number; contradicted: number; error: number; unchecked: number; attested: number; expired: number; failing: boolean } }[];
  threshold: string;
  thresholdNote?: string;
  published?: { iso: string; text: string };
  nextReview?: { iso: string; text: string };
  reassessment?: { iso: string; text: string };
  preChanges: { iso: string; text: string; item: string }[];
  findings: { errors: number; warnings: number };
  nextDue?: { iso: string; text: string };
  /** Written dates that are not dates (the due dates they give are unknown). */
  unreadableDates?: string[];
}


/** How many 事務 have an item past its due date, and how many one due soon (the summary above every page). */
export function officeCounts(rows: readonly PortfolioRow[]): { overdue: number; soon: number } {
  return { overdue: rows.filter((r) => r.state === 'overdue').length, soon: rows.filter((r) => r.state === 'soon').length };
}
