/**
 * The canonical JSON of each 評価書, kept beside Astro's content store as a file named by its SHA-256
 * (<cacheDir>/pia-assessments/<sha256>.json) and read by the pages from there.
 *
 * Why not in the store itself: Astro serialises the whole store with devalue after every load (~1 ms per 評価書,
 * twice per build) and bundles it into the build. Measured on 1,000 評価書: the store shrank from 8 MB to 0.4 MB,
 * Vite's build from 1.3 s to 0.7 s, and Astro's part of the site build by ~0.8 s. The store keeps what identifies
 * an entry (slug, form, sha256); the file is content-addressed, so it is never stale, and written atomically, so it
 * is never partial. The loader recreates a missing file.
 */
import { createReadStream, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import path from 'node:path';
import type { Portfolio } from '../office/portfolio.ts';
import type { PortfolioRow } from '../office/portfolio-row.ts';
import type { JsonSchema } from '../schema/registry.ts';
import { indexRow, type IndexRow } from '../render/web/index-row.ts';
import { recordsCsv } from '../render/web/records-csv.ts';
import { BoundedCache } from '../model/bounded-cache.ts';

export function entryDataDir(cacheDir: string): string {
  return path.join(cacheDir, 'pia-assessments');
}

/** Writes the canonical JSON text under its SHA-256 (once: the same text always has the same name). */
export function writeEntryData(dir: string, sha256: string, json: string): string {
  const file = path.join(dir, `${sha256}.json`);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, json);
  renameSync(partial, file);
  return file;
}

/** Removes the files no entry refers to any more (older versions of changed or removed 評価書). */
export function pruneEntryData(dir: string, keep: ReadonlySet<string>): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) if (!keep.has(path.join(dir, name))) rmSync(path.join(dir, name), { force: true });
}

/** The canonical JSON text of an entry: the JSON download, byte for byte what the PDF embeds and hashes. */
export function canonicalText(entry: { dataFile: string }): string {
  return readFileSync(entry.dataFile, 'utf8');
}

/**
 * The canonical data of an entry. Parsed each time it is asked for (the page, the CSV, the index: ~0.03 ms each):
 * a cache here would live in the build's bundle, which Node keeps loaded after the build.
 */
export function canonicalData(entry: { dataFile: string }): Record<string, unknown> {
  return JSON.parse(canonicalText(entry)) as Record<string, unknown>;
}

/** The portfolio page's data (src/office/site-loader.ts writes it beside the store): the entry names its file. */
export interface SitePortfolio {
  portfolio: Portfolio;
  rows: PortfolioRow[];
  checks?: { writtenAt: string; runs: number };
}

/** The counts and rows of the portfolio pages; `portfolio.offices` is empty (the calendar reads them: portfolioOffices). */
export function readPortfolio(entry: { data: Record<string, unknown> }): SitePortfolio {
  const read = JSON.parse(readFileSync(String(entry.data.dataFile), 'utf8')) as { portfolio: Omit<Portfolio, 'offices'>; rows: PortfolioRow[]; checks?: SitePortfolio['checks'] };
  return { ...read, portfolio: { ...read.portfolio, offices: [] } };
}

/**
 * Every 事務 with its due dates (the .ics calendar), in groups of `size`: the loader writes one 事務 per line, read
 * here a line at a time, so that a whole country's 事務 (~100 MB of JSON) are never held at once.
 */
export async function* portfolioOfficeGroups(entry: { data: Record<string, unknown> }, size: number): AsyncGenerator<Portfolio['offices']> {
  let group: Portfolio['offices'] = [];
  for await (const line of createInterface({ input: createReadStream(String(entry.data.officesFile), 'utf8'), crlfDelay: Infinity })) {
    if (line === '') continue;
    group.push(JSON.parse(line) as Portfolio['offices'][number]);
    if (group.length === size) {
      yield group;
      group = [];
    }
  }
  if (group.length > 0) yield group;
}

/**
 * Derived values several pages of one build ask for, made once per entry. An entry's canonical JSON is named by its
 * SHA-256, so (file, form, day) identify a result. Module state of the build's bundle, bounded: a process that builds
 * many sites keeps each bundle loaded.
 */
const bound = 20_000;
const rows = new BoundedCache<string, IndexRow>(bound);
const csvs = new Map<string, string>();

/** The entry's row of the index (the index page, catalogue.json, catalogue.csv and the entry's own page). */
export function entryRow(entry: { slug: string; dataFile: string; row?: IndexRow; rowDay?: string }, schema: JsonSchema, today: string, data?: Record<string, unknown>): IndexRow {
  if (entry.row && entry.rowDay === today) return entry.row;
  const key = `${entry.dataFile}\u0000${entry.slug}\u0000${String(schema.$id)}\u0000${today}`;
  return rows.get(key, () => indexRow(entry.slug, schema, data ?? canonicalData(entry), today));
}

/**
 * The entry's 記録項目 CSV. The page shows its size and the download route writes it: the first of the two to ask
 * makes it and leaves it for the other, which takes it out.
 */
export function entryCsv(entry: { dataFile: string }, schema: JsonSchema, data?: Record<string, unknown>): string {
  const key = `${entry.dataFile}\u0000${String(schema.$id)}`;
  const made = csvs.get(key);
  if (made !== undefined) {
    csvs.delete(key);
    return made;
  }
  const csv = recordsCsv(schema, data ?? canonicalData(entry));
  if (csvs.size < bound) csvs.set(key, csv);
  return csv;
}
