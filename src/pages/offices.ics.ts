/** The portfolio's due dates as iCalendar (RFC 5545), for the officers' calendars: /offices.ics. */
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { portfolioOfficeGroups } from '../site/entry-data.ts';
import { officesPerGroup, portfolioCalendarPieces } from '../office/ics.ts';

export const GET: APIRoute = async () => {
  const entry = (await getCollection('offices'))[0]!;
  const encoder = new TextEncoder();
  const pieces = portfolioCalendarPieces(String(entry.data.today), portfolioOfficeGroups(entry, officesPerGroup));
  // Written as it is made (a whole country's calendar is ~120 MB): the 事務 are read a group at a time.
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await pieces.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  return new Response(body, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
};
