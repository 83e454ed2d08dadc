/** One 事務 row of the portfolio page, and the labels of due states. No imports of values: the page bundle loads it. */
import type { DueState } from './portfolio.ts';

export const dueStateLabel: Record<DueState, string> = { overdue: '期限切れ', soon: 'まもなく', later: '予定' };

export interface PortfolioRow {
  id: string;
  name: string;
  state: DueState | undefined;
  documents: { slug: string; form: string; number?: string }[];
  threshold: string;
  thresholdNote?: string;
  published?: { iso: string; text: string };
  nextReview?: { iso: string; text: string };
  reassessment?: { iso: string; text: string };
  preChanges: { iso: string; text: string; item: string }[];
  findings: { errors: number; warnings: number };
  nextDue?: { iso: string; text: string };
}

