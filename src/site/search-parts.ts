/**
 * The full-text search index in bounded parts. pagefind holds every page of one run in memory (~1.9 MB per
 * 評価書 page, and more than linearly: 2.0 GB at 1,000 pages, 5.7 GB at 3,000), so one index of a national corpus
 * cannot be built. Here each run indexes at most about `partPages` pages:
 *   - <site>/pagefind/             the primary bundle: the site's own pages (not the 評価書 pages);
 *   - <site>/pagefind-parts/<id>/  one bundle per part of the 評価書 pages, bucketed by the hash of the slug;
 *   - <site>/pagefind-parts/parts.json  the list of parts, which the search page merges into the primary
 *     index with pagefind's own mergeIndex (src/pages/search.astro).
 * A part is keyed by the pages it holds (slug and SHA-256 of the HTML) and pagefind's version: a part none of whose
 * pages changed is taken from the store, not indexed again.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createHash } from 'node:crypto';
import { filesUnder, linkOrCopy, placeUnit, type Store } from './store.ts';

export const partsDir = 'pagefind-parts';
export const partsManifest = `${partsDir}/parts.json`;
/** Pages per part at most, on average: pagefind's time and memory for one part stay bounded whatever the corpus. */
export const defaultPartPages = 100;

export interface IndexedPage {
  /** The page's path in the site, '/'-separated (e.g. variant-0001/index.html). */
  rel: string;
  /** SHA-256 of the page's HTML as pagefind reads it. */
  sha256: string;
}

export interface SearchPartsOptions {
  site: string;
  /** The 評価書 pages, by slug. */
  entries: ReadonlyMap<string, IndexedPage>;
  /** The site's other pages (primary bundle). */
  sitePages: readonly IndexedPage[];
  store: Store;
  /** A scratch folder on the same file system as `site`. */
  work: string;
  /** Prefix of the part ids (a shard's, e.g. s03-), '' for a whole build. */
  prefix?: string;
  partPages?: number;
  /** pagefind processes at once (default 2). */
  concurrency?: number;
}

export interface SearchPartsResult {
  parts: number;
  built: number;
  reused: number;
  /** Whether the primary bundle (the site's own pages) was indexed again or taken from the store. */
  primaryBuilt: boolean;
  /** Largest resident set of one pagefind process, in bytes (sampled from /proc every 50 ms; 0 when none ran). */
  peakRssBytes: number;
  /** The store keys this build used (the others may be pruned). */
  keys: string[];
}

interface Manifest {
  version: 1;
  pagefind: string;
  parts: { id: string; bundle: string; pages: number }[];
}

// pagefind's entry is <package>/lib/index.js; its package.json is not exported.
const pagefindPackage = path.join(path.dirname(fileURLToPath(import.meta.resolve('pagefind'))), '..');
export const pagefindVersion = (JSON.parse(readFileSync(path.join(pagefindPackage, 'package.json'), 'utf8')) as { version: string }).version;

/** The number of parts: the smallest power of two that keeps every part at `partPages` pages or fewer on average. */
export function partCount(pages: number, partPages = defaultPartPages): number {
  let count = 1;
  while (Math.ceil(pages / count) > partPages) count *= 2;
  return count;
}

/** The part a slug belongs to: a hash, so that adding or removing a 評価書 changes only its own part. */
export function partOf(slug: string, count: number, prefix = ''): string {
  const bucket = createHash('sha256').update(slug).digest().readUInt32BE(0) % count;
  return `${prefix}p${bucket.toString(16).padStart(2, '0')}`;
}

function unitKey(kind: string, id: string, pages: readonly IndexedPage[]): string {
  const hash = createHash('sha256').update(`pia-search 1\u0000${pagefindVersion}\u0000${kind}\u0000${id}\u0000`);
  for (const page of [...pages].sort((a, b) => (a.rel < b.rel ? -1 : 1))) hash.update(`${page.rel}\u0000${page.sha256}\u0000`);
  return hash.digest('hex');
}

/** pagefind's own binary (the extended one, which segments Japanese), as its npm wrapper resolves it. */
async function pagefindBinary(): Promise<string> {
  const { resolveBinaryPath } = (await import(pathToFileURL(path.join(pagefindPackage, 'lib', 'resolveBinary.js')).href)) as { resolveBinaryPath: (names: string[]) => string };
  return resolveBinaryPath(['pagefind_extended', 'pagefind']);
}

/** The peak resident set of a running process (VmHWM), or 0 once it has gone. */
function highWaterMark(pid: number): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Runs pagefind on `siteDir` into `outDir`; resolves with its peak memory. */
async function runPagefind(binary: string, siteDir: string, outDir: string, primary: boolean): Promise<number> {
  let peak = 0;
  await new Promise<void>((resolve, reject) => {
    const child = execFile(binary, ['--site', siteDir, '--output-path', outDir, '--force-language', 'ja'], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      clearInterval(timer);
      if (error) reject(new Error(`pagefind: ${stderr.trim() || stdout.trim() || error.message}`));
      else resolve();
    });
    const timer = setInterval(() => {
      if (child.pid !== undefined) peak = Math.max(peak, highWaterMark(child.pid));
    }, 50);
  });
  // The pages use pagefind.js directly (src/pages/search.astro); pagefind's prebuilt UIs are not served. They
  // also carry credits with URLs of other hosts, which the site must not contain.
  for (const name of readdirSync(outDir)) {
    if (/^pagefind-(ui|component-ui|modular-ui|highlight)\./.test(name)) rmSync(path.join(outDir, name));
    // A merged part is searched by the primary bundle's script and WebAssembly; its own are not loaded.
    else if (!primary && /^(pagefind\.js|pagefind-worker\.js|wasm\..*)$/.test(name)) rmSync(path.join(outDir, name));
  }
  return peak;
}

/** A folder holding only `pages` of the site, as hard links (pagefind only reads them). */
function pageFolder(site: string, dir: string, pages: readonly IndexedPage[]): void {
  rmSync(dir, { recursive: true, force: true });
  for (const page of pages) {
    const target = path.join(dir, page.rel);
    mkdirSync(path.dirname(target), { recursive: true });
    linkOrCopy(path.join(site, page.rel), target);
  }
}

/** Writes the primary bundle and every part into `site`, from the store or by running pagefind. */
export async function buildSearchParts(options: SearchPartsOptions): Promise<SearchPartsResult> {
  const { site, store, work } = options;
  const prefix = options.prefix ?? '';
  if (prefix !== '' && !/^[a-z0-9][a-z0-9-]*$/.test(prefix)) throw new Error(`search part prefix must match [a-z0-9][a-z0-9-]*: ${prefix}`);
  const count = partCount(options.entries.size, options.partPages);
  const groups = new Map<string, IndexedPage[]>();
  for (const [slug, page] of [...options.entries].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const id = partOf(slug, count, prefix);
    (groups.get(id) ?? groups.set(id, []).get(id)!).push(page);
  }
  const ids = [...groups.keys()].sort();
  const units = [
    { kind: 'primary', id: '', pages: options.sitePages, out: path.join(site, 'pagefind') },
    ...ids.map((id) => ({ kind: 'part', id, pages: groups.get(id)!, out: path.join(site, partsDir, id) })),
  ].map((u) => ({ ...u, key: unitKey(u.kind, u.id, u.pages) }));

  const todo: typeof units = [];
  for (const unit of units) {
    const stored = store.get(unit.key);
    if (stored) placeUnit(stored, unit.out);
    else todo.push(unit);
  }
  let peak = 0;
  if (todo.length > 0) {
    const binary = await pagefindBinary();
    const queue = [...todo];
    const worker = async () => {
      for (let unit = queue.shift(); unit; unit = queue.shift()) {
        const dir = path.join(work, `search-${unit.kind}-${unit.id || 'site'}`);
        pageFolder(site, dir, unit.pages);
        rmSync(unit.out, { recursive: true, force: true });
        try {
          peak = Math.max(peak, await runPagefind(binary, dir, unit.out, unit.kind === 'primary'));
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
        store.put(unit.key, unit.out, filesUnder(unit.out));
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 2, todo.length) }, worker));
  }
  const manifest: Manifest = { version: 1, pagefind: pagefindVersion, parts: ids.map((id) => ({ id, bundle: `${partsDir}/${id}/`, pages: groups.get(id)!.length })) };
  mkdirSync(path.join(site, partsDir), { recursive: true });
  writeFileSync(path.join(site, partsManifest), `${JSON.stringify(manifest, null, 2)}\n`);
  const primaryBuilt = todo.some((u) => u.kind === 'primary');
  return { parts: ids.length, built: todo.length - (primaryBuilt ? 1 : 0), reused: ids.length - (todo.length - (primaryBuilt ? 1 : 0)), primaryBuilt, peakRssBytes: peak, keys: units.map((u) => u.key) };
}
