/** The catalogue as CSV: one row per 評価書 (the same records as catalogue.json). */
import type { APIRoute } from 'astro';
import { catalogueEntries } from '../site/catalogue.ts';
import { catalogueCsv } from '../render/web/open-data.ts';

export const GET: APIRoute = async () => new Response(catalogueCsv(await catalogueEntries(import.meta.env.BASE_URL)));
