/** All 評価書 with their metadata and download URLs, as JSON (schemas/catalogue.v1.schema.json). */
import type { APIRoute } from 'astro';
import { catalogueEntries } from '../site/catalogue.ts';
import { catalogueJson, siteUrl } from '../render/web/open-data.ts';
import { siteConfig } from '../site/site-config.ts';
import { todayInJapan } from '../model/wareki.ts';

export const GET: APIRoute = async () => {
  const base = import.meta.env.BASE_URL;
  const { config } = siteConfig();
  return new Response(catalogueJson(config, await catalogueEntries(base), todayInJapan(), siteUrl(config, base, 'schemas/catalogue.v1.schema.json')));
};
