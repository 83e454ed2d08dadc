/** The lists' records from the build's collections: the index's rows, and the catalogue's (catalogue.json and .csv). */
import { getCollection } from 'astro:content';
import type { AssessmentEntry } from './loader.ts';
import { entryRow } from './entry-data.ts';
import type { JsonSchema } from '../schema/registry.ts';
import { downloadNames } from '../render/web/url.ts';
import { siteUrl, type CatalogueEntry } from '../render/web/open-data.ts';
import { publishedSchemas, schemaFileOf } from './published-schemas.ts';
import { siteConfig } from './site-config.ts';
import { todayInJapan } from '../model/wareki.ts';
import type { IndexRow } from '../render/web/index-row.ts';

/** The lists' order: by 評価書番号 (as numbers where they are), then folder name. */
const byNumber = (a: IndexRow, b: IndexRow) => a.number.localeCompare(b.number, 'ja', { numeric: true }) || a.slug.localeCompare(b.slug);

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
    .sort((a, b) => byNumber(a.row, b.row));
}

/** The index's rows: every 評価書, by 評価書番号 then folder name. */
export async function indexRows(): Promise<{ rows: IndexRow[]; schema: JsonSchema }> {
  const today = todayInJapan();
  const forms = new Map((await getCollection('forms')).map((f) => [f.id, f.data as JsonSchema]));
  const entries = (await getCollection('assessments')).map((e) => e.data as unknown as AssessmentEntry);
  const rows = entries
    .map((e) => entryRow(e, forms.get(e.form)!, today))
    .sort(byNumber);
  return { rows, schema: forms.values().next().value! };
}

