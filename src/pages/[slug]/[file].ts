/** Machine-readable downloads beside each page: the canonical JSON and the 別添1 記録項目 as CSV. */
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { downloadNames } from '../../render/web/url.ts';
import type { AssessmentEntry } from '../../site/loader.ts';
import { entryPagesWanted } from '../../shard/part.ts';
import { canonicalText, entryCsv } from '../../site/entry-data.ts';
import { rendersEntry } from '../../site/render-set.ts';
import type { JsonSchema } from '../../schema/registry.ts';

export async function getStaticPaths() {
  if (!entryPagesWanted()) return []; // pia merge: these pages come from the shards
  const forms = new Map((await getCollection('forms')).map((f) => [f.id, f.data as JsonSchema]));
  return (await getCollection('assessments')).filter((e) => rendersEntry(e.id)).flatMap((e) => {
    const entry = e.data as unknown as AssessmentEntry;
    const schema = forms.get(entry.form)!;
    const names = downloadNames(entry.slug);
    return [
      // canonicalJson's text as the loader wrote it: byte for byte what the PDF embeds and hashes.
      { params: { slug: entry.slug, file: names.json }, props: { body: () => canonicalText(entry) } },
      { params: { slug: entry.slug, file: names.csv }, props: { body: () => entryCsv(entry, schema) } },
    ];
  });
}

// Bodies are made when each file is written, not all at once in getStaticPaths.
export const GET: APIRoute = ({ props }) => new Response((props as { body: () => string }).body());
