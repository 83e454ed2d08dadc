/** The portfolio's due dates as iCalendar (RFC 5545), for the officers' calendars: /offices.ics. */
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import type { Portfolio } from '../office/portfolio.ts';
import { portfolioCalendar } from '../office/ics.ts';

export const GET: APIRoute = async () => {
  const { portfolio } = (await getCollection('offices'))[0]!.data as unknown as { portfolio: Portfolio };
  return new Response(portfolioCalendar(portfolio), { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
};
