/** JSON Schemas at stable URLs: <base>schemas/<file> (src/site/published-schemas.ts). */
import type { APIRoute } from 'astro';
import { publishedSchemas } from '../../site/published-schemas.ts';

export function getStaticPaths() {
  return publishedSchemas().map((s) => ({ params: { file: s.file }, props: { text: s.text } }));
}

export const GET: APIRoute = ({ props }) => new Response((props as { text: string }).text);
