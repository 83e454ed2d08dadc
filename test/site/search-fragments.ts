/** What pagefind indexed for each page of a built site, read back from its fragment files. */
import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';

/**
 * pagefind's fragment files, in the primary bundle and in every part (src/site/search-parts.ts): gzip of
 * "pagefind_dcd" followed by JSON with the page's url and indexed content.
 */
export function indexedContent(site: string): Map<string, string> {
  const parts = JSON.parse(readFileSync(path.join(site, 'pagefind-parts', 'parts.json'), 'utf8')) as { parts: { bundle: string }[] };
  const dirs = [path.join(site, 'pagefind', 'fragment'), ...parts.parts.map((p) => path.join(site, p.bundle, 'fragment'))];
  const pages = new Map<string, string>();
  for (const dir of dirs) for (const name of readdirSync(dir)) {
    const text = gunzipSync(readFileSync(path.join(dir, name))).toString('utf8');
    const fragment = JSON.parse(text.slice(text.indexOf('{'))) as { url: string; content: string };
    pages.set(fragment.url, fragment.content.replaceAll('\u200b', ''));
  }
  return pages;
}
