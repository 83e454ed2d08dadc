/** The city's logo from the site configuration (ロゴ), served beside the pages as site-logo.<ext>. */
import type { APIRoute } from 'astro';
import { siteConfig } from '../site/site-config.ts';

export function getStaticPaths() {
  const { logo } = siteConfig();
  return logo ? [{ params: { ext: logo.ext } }] : [];
}

export const GET: APIRoute = () => new Response(new Uint8Array(siteConfig().logo!.bytes));
