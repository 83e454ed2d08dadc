/** The portfolio's due dates as iCalendar (RFC 5545), for the officers' calendars: /offices.ics. */
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { readPortfolioWithOffices } from '../site/entry-data.ts';
import { portfolioCalendar } from '../office/ics.ts';

export const GET: APIRoute = async () => {
  const portfolio = readPortfolioWithOffices((await getCollection('offices'))[0]!);
  return new Response(portfolioCalendar(portfolio), { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
};
