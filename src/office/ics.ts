/**
 * The portfolio's due dates as an iCalendar file (RFC 5545) for the officers' calendars, written with
 * ical-generator: one all-day event per due item, with a stable UID so that a re-import updates the event.
 */
import ical, { ICalCalendarMethod } from 'ical-generator';
import type { Portfolio } from './portfolio.ts';

const kindLabel = { 'yearly-review': '見直し', 'five-year-reassessment': '再評価', 'pre-change': '事前の変更' } as const;

/** 事務 per ical-generator calendar: its events are objects, ~10 KB each, so a whole country's are made in groups. */
export const officesPerGroup = 500;

/**
 * The calendar of all the portfolio's due items. Made in groups of 事務 whose texts are joined (the calendar's
 * head, every group's events in order, its end): the same text as one ical-generator calendar of all of them
 * (test/office/ics.test.ts), without holding the events of tens of thousands of 事務 at once (at 20,000 事務 that
 * alone took more than 1 GB).
 */
export function portfolioCalendar(portfolio: Portfolio, options: { organisation?: string; officesPerGroup?: number } = {}): string {
  const size = options.officesPerGroup ?? officesPerGroup;
  const joiner = calendarJoiner(portfolio.today, options.organisation);
  const pieces: string[] = [];
  for (let i = 0; i < portfolio.offices.length; i += size) pieces.push(joiner.add(portfolio.offices.slice(i, i + size)));
  return pieces.join('') + joiner.end();
}

/**
 * The same text in pieces, from 事務 given group by group: the site's /offices.ics, whose 事務 are read a group at a
 * time and written as they are made (a whole country's calendar is ~120 MB).
 */
export async function* portfolioCalendarPieces(today: string, groups: AsyncIterable<Portfolio['offices']>, options: { organisation?: string } = {}): AsyncGenerator<string> {
  const joiner = calendarJoiner(today, options.organisation);
  for await (const group of groups) {
    const piece = joiner.add(group);
    if (piece) yield piece;
  }
  yield joiner.end();
}

/**
 * Joins the calendars of groups of 事務 into one: `add` answers what to write of a group (the head with the first
 * events, then each group's events), `end` the calendar's end (or, when no group had an event, the whole calendar
 * without events).
 */
function calendarJoiner(today: string, organisation: string | undefined): { add: (offices: Portfolio['offices']) => string; end: () => string } {
  let head = '';
  let tail = '';
  let written = false;
  return {
    add(offices) {
      const text = calendarOf(today, offices, organisation);
      const first = text.indexOf('BEGIN:VEVENT\r\n');
      const end = text.lastIndexOf('END:VCALENDAR');
      tail = text.slice(end);
      // No event in this group: its text is the head and the end alone.
      head ||= text.slice(0, first < 0 ? end : first);
      if (first < 0) return '';
      const events = text.slice(first, end);
      if (written) return events;
      written = true;
      return head + events;
    },
    end: () => (written ? tail : calendarOf(today, [], organisation)),
  };
}

function calendarOf(today: string, offices: Portfolio['offices'], organisation: string | undefined): string {
  const calendar = ical({
    name: `特定個人情報保護評価 期限${organisation ? `(${organisation})` : ''}`,
    prodId: { company: 'pia', product: 'status', language: 'JA' },
    method: ICalCalendarMethod.PUBLISH,
  });
  for (const office of offices) {
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
        stamp: new Date(`${today}T00:00:00Z`),
      });
    }
  }
  return calendar.toString();
}
