/**
 * Time triggers as data: when an assessment is due for review or re-assessment, counted from a date in it.
 * Both are 努力義務 (obligations to endeavour), so an overdue one is a warning, never a CI failure.
 */
export interface TimeRule {
  id: string;
  title: string;
  /** JSON Pointer of the date the period runs from; the first one present is used. */
  from: readonly string[];
  months: number;
  /** Months before the due date from which the audit mentions it. */
  noticeMonths: number;
  basis: string;
  messages: { due: string; soon: string };
}

export const timeRules: readonly TimeRule[] = [
  {
    id: 'yearly-review',
    title: '1年ごとの見直し',
    from: ['/表紙/公表日'],
    months: 12,
    noticeMonths: 1,
    basis: '特定個人情報保護評価に関する規則 第14条(少なくとも1年に1回、評価書の記載事項を見直すよう努める) [P]',
    messages: {
      due: '公表日({from})から1年が経ちました({due}が目安)。評価書の記載が実態と合っているか見直してください(規則第14条)。',
      soon: '公表日({from})から1年の見直しの時期({due})が近づいています(規則第14条)。',
    },
  },
  {
    id: 'five-year-reassessment',
    title: '5年を経過する前の再評価',
    // Ⅴ1① is the date the (基礎項目) assessment was last carried out; without it, the 公表日.
    from: ['/評価実施手続/基礎項目評価/実施日', '/表紙/公表日'],
    months: 60,
    noticeMonths: 6,
    basis: '特定個人情報保護評価に関する規則 第15条(直近の評価から5年を経過する前に評価を再実施するよう努める) [P]',
    messages: {
      due: '直近の評価({from})から5年が経ちました({due})。特定個人情報保護評価を再実施してください(規則第15条)。',
      soon: '直近の評価({from})から5年({due})が近づいています。再評価の準備をしてください(規則第15条)。',
    },
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
