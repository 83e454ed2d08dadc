/** The catalogue's records from the build's collections (shared by catalogue.json and catalogue.csv). */
import { getCollection } from 'astro:content';
import type { AssessmentEntry } from './loader.ts';
import { entryRow } from './entry-data.ts';
import type { JsonSchema } from '../schema/registry.ts';
import { downloadNames } from '../render/web/url.ts';
import { siteUrl, type CatalogueEntry } from '../render/web/open-data.ts';
import { publishedSchemas, schemaFileOf } from './published-schemas.ts';
import { siteConfig } from './site-config.ts';
import { todayInJapan } from '../model/wareki.ts';

export async function catalogueEntries(base: string): Promise<CatalogueEntry[]> {
  const { config } = siteConfig();
  const today = todayInJapan();
  const forms = new Map((await getCollection('forms')).map((f) => [f.id, f.data as JsonSchema]));
  const schemas = publishedSchemas();
  const entries = (await getCollection('assessments')).map((e) => e.data as unknown as AssessmentEntry);
  return entries
    .map((e): CatalogueEntry => {
      const schema = forms.get(e.form)!;
      const names = downloadNames(e.slug);
      const url = (p: string) => siteUrl(config, base, p);
      return {
        row: entryRow(e, schema, today),
        schemaId: String(schema.$id),
        sha256: e.sha256,
        links: { page: url(`${e.slug}/`), json: url(`${e.slug}/${names.json}`), csv: url(`${e.slug}/${names.csv}`), ...(e.hasPdf ? { pdf: url(`${e.slug}/${names.pdf}`) } : {}), schema: url(`schemas/${schemaFileOf(e.form, schemas)}`) },
      };
    })
    .sort((a, b) => a.row.number.localeCompare(b.row.number, 'ja', { numeric: true }) || a.row.slug.localeCompare(b.row.slug));
}
