/**
 * The portfolio's due dates as an iCalendar file (RFC 5545) for the officers' calendars, written with
 * ical-generator: one all-day event per due item, with a stable UID so that a re-import updates the event.
 */
import ical, { ICalCalendarMethod } from 'ical-generator';
import type { Portfolio } from './portfolio.ts';

const kindLabel = { 'yearly-review': '見直し', 'five-year-reassessment': '再評価', 'pre-change': '事前の変更' } as const;

export function portfolioCalendar(portfolio: Portfolio, options: { organisation?: string } = {}): string {
  const calendar = ical({
    name: `特定個人情報保護評価 期限${options.organisation ? `(${options.organisation})` : ''}`,
    prodId: { company: 'pia', product: 'status', language: 'JA' },
    method: ICalCalendarMethod.PUBLISH,
  });
  for (const office of portfolio.offices) {
    for (const item of office.due) {
      const [y, m, d] = item.due.split('-').map(Number) as [number, number, number];
      calendar.createEvent({
        // Stable across runs (a re-import updates the event): the 事務, what is due, and the date it runs from.
        id: `${office.id}/${item.key}/${item.from ?? item.due}@pia`,
        // ical-generator writes an all-day date from the UTC day: midnight UTC keeps the day whatever the machine's zone.
        start: new Date(Date.UTC(y, m - 1, d)),
        allDay: true,
        summary: `【${kindLabel[item.kind]}】${office.name}: ${item.title}`,
        description: [`期限: ${item.due}`, item.from ? `起算日: ${item.from}` : '', `評価書: ${item.file}`, item.detail].filter(Boolean).join('\n'),
        stamp: new Date(`${portfolio.today}T00:00:00Z`),
      });
    }
  }
  return calendar.toString();
}
