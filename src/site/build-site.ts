/**
 * The publishable site: astro build (pages through the content loader) → copy the PDFs beside their pages →
 * pagefind index for offline full-text search. Runs inside `pia build` (Node 24), or from tests and bench.
 */
import { chmodSync, copyFileSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadNames } from '../render/web/url.ts';
import { assessmentLoader, findAssessments, formLoader, invalidAssessmentsMarker, type InvalidAssessments } from './loader.ts';
import { handOverValidated } from './validated-handover.ts';
import { handOverLoaders } from './native-loaders.ts';
import { invalidMergeMarker } from '../shard/portfolio-docs.ts';
import { slugOf } from '../model/slug.ts';
import type { Edition } from '../validate/edition.ts';
import type { Validated } from '../validate/validate-many.ts';
import { formatText } from '../report/format.ts';
import { readProjectFile } from '../load/load-file.ts';
import { entryPagesWanted } from '../shard/part.ts';
import { distinctCharacters, injectFontFaces, writeSiteFonts } from './fonts.ts';
import { handOverSiteConfig, loadSiteConfig, siteConfigFile, type LoadedSiteConfig } from './site-config.ts';
import { schemaDir } from '../schema/registry.ts';
import { handOverRenderSet } from './render-set.ts';
import { handOverSourceHashes } from './source-hashes.ts';
import { filesUnder, placeUnit, sha256, Store, type StoredUnit } from './store.ts';
import { buildSearchParts, defaultPartPages, type IndexedPage } from './search-parts.ts';
import { todayInJapan } from '../model/wareki.ts';
import { createHash } from 'node:crypto';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface SiteOptions {
  /** Folder with <slug>/assessment.yaml (default assessments/). */
  assessmentsDir?: string;
  /** Output folder (default dist/). Replaced only when the build succeeded. */
  outDir?: string;
  /** Path the site is published under, e.g. /kurashi/hyoka/ (default PIA_BASE, else 基本パス of the site configuration, else /). */
  base?: string;
  /** The site configuration (default PIA_SITE_CONFIG or pia-site.yaml in the working directory; none: defaults). */
  siteConfig?: string;
  /** Folder with rendered PDFs <slug>.pdf (default out/pdf/). */
  pdfDir?: string;
  /** Astro's cache (content store, Vite); keep it between builds for faster rebuilds. */
  cacheDir?: string;
  /** Results of validating these assessments in this process (pia build): the loader does not validate them again. */
  validated?: readonly Validated[];
  /** Print Astro's progress (default: warnings only). */
  verbose?: boolean;
  /**
   * public (default): 非公表 parts withheld. submission: everything, a banner on every page, never under dist/.
   */
  edition?: Edition;
  /** Prefix of the search part ids (a shard's, e.g. s03-; see search-parts.ts). */
  searchPartPrefix?: string;
  /** 評価書 pages per search part at most, on average (default 100). */
  searchPartPages?: number;
}

/** What a build did and what it took from its cache. */
export interface SiteReuse {
  /** Nothing had changed since the last build into the same folder: the site there was kept as it is. */
  noop: boolean;
  /** 評価書 (page, JSON, CSV) rendered by Astro in this build, and taken from the page store. */
  rendered: number;
  reused: number;
  /** Search index parts indexed by pagefind, and taken from the store; all parts. */
  searchBuilt: number;
  searchReused: number;
  searchParts: number;
}

export interface SiteResult {
  outDir: string;
  /** HTML pages in the site. */
  pages: number;
  pdfs: number;
  /** Milliseconds per step. */
  timings: { astro: number; pdf: number; search: number };
  reuse: SiteReuse;
  /** Largest resident set of one pagefind process (bytes; 0 when none ran). */
  searchPeakRssBytes: number;
}

/** The loader found assessments that cannot be rendered; `message` holds the file:line:col diagnostics. */
export class InvalidAssessmentsError extends Error {}

/** The inputs cannot be published safely (folder names, slug collisions, symlinks out of the project); nothing was written. */
export class UnsafePublicationError extends Error {}

/** `pia merge`: a shard's output the loaders read is missing, altered or of another version (PIA_MERGE_PLAN). */
export class InvalidShardOutputError extends Error {}

/**
 * A folder name that is safe as a URL path segment and a file name on every server: letters (Japanese too),
 * digits, '-', '_' and '.', not starting with '.'. Refused: %, #, ?, spaces, '\\', control characters.
 */
const safeSlug = /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u;

/**
 * Names a 評価書 folder cannot have: the site's own top-level pages and folders (src/pages: offices, list, search,
 * rules …; the build's _astro, fonts, pagefind) — a 評価書 page at /offices/ would replace the portfolio page.
 */
export function reservedSlugs(): Set<string> {
  const names = new Set(['_astro', 'fonts', 'pagefind', 'pagefind-parts', 'favicon.svg']);
  for (const entry of readdirSync(path.join(projectRoot, 'src', 'pages'), { withFileTypes: true })) {
    if (entry.name.includes('[')) continue; // [slug]: the 評価書 pages themselves; site-logo.[ext]: a pattern
    names.add(entry.isDirectory() ? entry.name : entry.name.replace(/\.(astro|mdx|md|ts|js)$/, ''));
  }
  return names;
}

function inside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** Symlinks under `dir` whose target is outside `root` (or broken), as paths relative to the working folder. */
function linksOutside(dir: string, root: string): string[] {
  if (!existsSync(dir)) return [];
  const realRoot = realpathSync(root);
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isSymbolicLink()) {
        let target: string | undefined;
        try {
          target = realpathSync(full);
        } catch {
          target = undefined;
        }
        if (!target || !inside(realRoot, target)) found.push(full);
        // A link that stays inside is not walked again: its target is walked where it is.
      } else if (entry.isDirectory()) {
        walk(full);
      }
    }
  };
  walk(dir);
  return found;
}

/**
 * Checks, before anything is written (PDFs or site), that the assessments can be published safely: every folder
 * name is a safe slug, no two assessments share a slug (folders of the same name under different parents would
 * make one page silently replace the other), and no assessment file or file in public/ is a symlink leading out
 * of its folder (it would publish a file from elsewhere on the machine). Throws UnsafePublicationError.
 */
export function checkPublicationInputs(files: readonly string[], assessmentsDir: string, publicDir = path.join(projectRoot, 'public')): void {
  const problems: string[] = [];
  const bySlug = new Map<string, string>();
  const reserved = reservedSlugs();
  const show = (f: string) => path.relative(process.cwd(), f) || f;
  const realAssessments = existsSync(assessmentsDir) ? realpathSync(assessmentsDir) : path.resolve(assessmentsDir);
  for (const file of files) {
    const slug = slugOf(file);
    const folder = path.dirname(path.resolve(file));
    if (!safeSlug.test(slug)) {
      problems.push(`${show(folder)}: フォルダ名「${slug}」はページのアドレスとファイル名に使えません。半角英数字・ハイフン(-)・下線(_)・点(.)と日本語の文字で名前を付けてください(%、#、?、空白、先頭の点は使えません)。`);
      continue;
    }
    if (reserved.has(slug)) {
      problems.push(`${show(folder)}: フォルダ名「${slug}」はサイトのページ(/${slug})と重なるため使えません。別の名前を付けてください(使えない名前: ${[...reserved].sort().join('、')})。`);
      continue;
    }
    const other = bySlug.get(slug);
    if (other !== undefined) {
      problems.push(`${show(other)} と ${show(folder)}: どちらもフォルダ名が「${slug}」です。サイトのページ・PDF・一覧は名前ごとに1つのため、一方が公開されなくなります。どちらかのフォルダ名を変えてください。`);
      continue;
    }
    bySlug.set(slug, folder);
    let real: string | undefined;
    try {
      real = realpathSync(file);
    } catch {
      real = undefined;
    }
    if (!real || !inside(realAssessments, real)) {
      problems.push(`${show(file)}: 評価書のフォルダの外(${real ?? 'リンク切れ'})を指すシンボリックリンクです。ほかの場所のファイルを公開しないよう、読みません。ファイルをフォルダの中に置いてください。`);
    }
  }
  for (const link of linksOutside(assessmentsDir, realAssessments)) {
    if (problems.some((p) => p.startsWith(show(link)))) continue;
    problems.push(`${show(link)}: 評価書のフォルダの外を指すシンボリックリンクです。ほかの場所のファイルを公開しないよう、読みません。ファイルをフォルダの中に置いてください。`);
  }
  for (const link of linksOutside(publicDir, projectRoot)) {
    problems.push(`${show(link)}: プロジェクトの外を指すシンボリックリンクです。ほかの場所のファイルを公開しないよう、サイトを作りません。ファイルを public/ の中に置いてください。`);
  }
  if (problems.length > 0) throw new UnsafePublicationError(`${problems.join('\n')}\n公開できない入力があるため、何も出力しませんでした。`);
}

/** Published files are readable by the web server whatever the umask or copy tool: folders 755, files 644. */
function publishModes(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const full = path.join(entry.parentPath, entry.name);
    if (entry.isSymbolicLink()) throw new UnsafePublicationError(`${full}: サイトの中にシンボリックリンクがあります。公開する前に実体のファイルに置き換えてください。`);
    chmodSync(full, entry.isDirectory() ? 0o755 : 0o644);
  }
}

/** The submission version must not end up where the public site is published from. */
function assertNotPublic(outDir: string): void {
  const dist = path.resolve('dist');
  if (inside(dist, outDir) || inside(path.join(projectRoot, 'dist'), outDir)) {
    throw new UnsafePublicationError(`${outDir}: 提出用(非公表の部分を含む全文)は dist/ の下に作りません。公開用のサイトと混ざらないよう、別のフォルダ(既定 out/submission/site/)を指定してください。`);
  }
}

/**
 * Everything besides a 評価書's own text that shapes its page: the site's code, the form schemas, public/, the
 * package versions, the site configuration and the settings read while rendering (base path, edition, today's date,
 * site name and URL). Hashing all of src/ rather than only the page's imports is deliberately coarse: a change of
 * code renders every page again once, and no dependency can be missed.
 */
function renderKey(base: string, edition: Edition, loaded: LoadedSiteConfig): string {
  const files = [
    ...[path.join(projectRoot, 'src'), path.join(projectRoot, 'public'), schemaDir].flatMap((dir) => (existsSync(dir) ? filesUnder(dir).filter((f) => !f.endsWith('.test.ts')).map((f) => path.join(dir, f)) : [])),
    ...['astro.config.mjs', 'package-lock.json', 'tsconfig.json'].map((f) => path.join(projectRoot, f)).filter((f) => existsSync(f)),
  ];
  const hash = createHash('sha256').update('pia-site 1\u0000');
  for (const file of files) hash.update(`${file}\u0000`).update(readFileSync(file)).update('\u0000');
  const env = process.env;
  hash.update(JSON.stringify({ base, edition, config: loaded.config, logo: loaded.logo ? sha256(loaded.logo.bytes) : null, name: env.PIA_SITE_NAME ?? '', url: env.PIA_SITE_URL ?? '', lang: env.PIA_LANG ?? '', today: todayInJapan() }));
  return hash.digest('hex');
}

/** One 評価書 as the build sees it before rendering: what keys its page in the store. */
interface EntryInput {
  slug: string;
  /** Key of its page, JSON and CSV in the page store. */
  key: string;
  /** Identity of its PDF (size and time), which is copied beside the page on every build. */
  pdf: string;
  /** SHA-256 of the source's bytes (handed to the loaders: source-hashes.ts). */
  source: string;
}

function entryInputs(files: readonly string[], pdfDir: string, render: string): EntryInput[] {
  return files.map((file) => {
    const slug = slugOf(file);
    const pdfFile = path.join(pdfDir, `${slug}.pdf`);
    const pdf = existsSync(pdfFile) ? statSync(pdfFile) : undefined;
    // The page shows whether there is a PDF and its size; the PDF's own bytes only matter to the copy.
    // Bounded, and refusing a FIFO or a device (which would block or never end), as every other read of a 評価書.
    const read = readProjectFile(file);
    if (!read.ok) throw new InvalidAssessmentsError(formatText(read.diagnostics, 1));
    const source = sha256(read.bytes);
    const key = sha256(`${render}\u0000${slug}\u0000${pdf ? pdf.size : '-'}\u0000${source}`);
    return { slug, key, pdf: pdf ? `${pdf.size}:${pdf.mtimeMs}` : '-', source };
  });
}

/** The record of the last build (in the cache folder): if nothing changed and the site is as it was left, a build is a no-op. */
interface LastBuild {
  siteKey: string;
  outDir: string;
  /** Every file of the site with size, inode, modification and change time (a file changed or replaced since differs). */
  files: Record<string, string>;
  pages: number;
  pdfs: number;
  searchParts: number;
  entries: number;
}

function fileStates(dir: string): Record<string, string> {
  const states: Record<string, string> = {};
  for (const name of filesUnder(dir)) {
    const stat = statSync(path.join(dir, name));
    states[name] = `${stat.size}:${stat.ino}:${stat.mtimeMs}:${stat.ctimeMs}`;
  }
  return states;
}

function readLastBuild(file: string): LastBuild | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LastBuild;
  } catch {
    return undefined;
  }
}

function unchangedSite(last: LastBuild | undefined, siteKey: string, outDir: string): boolean {
  if (!last || last.siteKey !== siteKey || last.outDir !== outDir || !existsSync(outDir)) return false;
  const now = fileStates(outDir);
  const names = Object.keys(last.files);
  return names.length === Object.keys(now).length && names.every((n) => now[n] === last.files[n]);
}

/** The files of `site` outside its top-level folders `skip` (the 評価書 folders), '/'-separated and sorted. */
function filesOutside(site: string, skip: ReadonlySet<string>): string[] {
  return readdirSync(site, { withFileTypes: true })
    .flatMap((e) => (skip.has(e.name) ? [] : e.isDirectory() ? filesUnder(path.join(site, e.name)).map((f) => `${e.name}/${f}`) : e.isFile() ? [e.name] : []))
    .sort();
}

/** The site's asset files a page refers to (/_astro/…), which must exist beside a page taken from the store. */
function assetsOf(html: string, base: string): string[] {
  const prefix = `${base.endsWith('/') ? base : `${base}/`}_astro/`;
  const found = new Set<string>();
  for (let at = html.indexOf(prefix); at >= 0; at = html.indexOf(prefix, at + 1)) {
    const name = /^[^"'\s)?#]+/.exec(html.slice(at + prefix.length))?.[0];
    if (name) found.add(`_astro/${name}`);
  }
  return [...found].sort();
}

export async function buildSite(options: SiteOptions = {}): Promise<SiteResult> {
  const assessmentsDir = path.resolve(options.assessmentsDir ?? 'assessments');
  const outDir = path.resolve(options.outDir ?? 'dist');
  const pdfDir = path.resolve(options.pdfDir ?? 'out/pdf');
  const siteConfigPath = path.resolve(options.siteConfig ?? siteConfigFile());
  let loadedConfig: LoadedSiteConfig;
  try {
    loadedConfig = loadSiteConfig(siteConfigPath);
  } catch (error) {
    throw new InvalidAssessmentsError(`${(error as Error).message}\nサイトの設定に誤りがあるため、サイトを作成しませんでした。`);
  }
  const base = options.base ?? process.env.PIA_BASE ?? loadedConfig.config.基本パス ?? '/';
  const edition = options.edition ?? 'public';
  const cacheDir = options.cacheDir ? path.resolve(options.cacheDir) : edition === 'submission' ? path.join(projectRoot, 'node_modules', '.astro-submission') : undefined;
  if (edition === 'submission') assertNotPublic(outDir);
  const files = findAssessments(assessmentsDir);
  checkPublicationInputs(files, assessmentsDir);

  // The caches live in the cache folder, or beside Astro's default one (node_modules/.astro of the project), one
  // per output folder there, so that builds of different sites from one installation do not prune each other's.
  const cacheRoot = cacheDir ?? path.join(projectRoot, 'node_modules', '.astro', `pia-site-${sha256(outDir).slice(0, 16)}`);
  const pageStore = new Store(path.join(cacheRoot, 'pia-pages'));
  const searchStore = new Store(path.join(cacheRoot, 'pia-search'));
  const fontedStore = new Store(path.join(cacheRoot, 'pia-fonted'));
  const lastFile = path.join(cacheRoot, 'pia-site-last.json');
  const partPages = options.searchPartPages ?? defaultPartPages;
  const render = renderKey(base, edition, loadedConfig);
  const inputs = entryInputs(files, pdfDir, render);
  // The portfolio page shows the check results of PIA_CHECK_REPORT (pia build --check-report): a changed report is a
  // changed site, even when no assessment changed.
  const checkReport = process.env.PIA_CHECK_REPORT ? (existsSync(process.env.PIA_CHECK_REPORT) ? sha256(readFileSync(process.env.PIA_CHECK_REPORT)) : 'missing') : '';
  // `pia merge` builds the list pages only (PIA_SITE_PART=lists): the 評価書 pages, their PDFs and their search
  // parts come from the shards, so this build renders, stores, places and prunes none of them.
  const listsOnly = !entryPagesWanted();
  const siteKey = sha256(JSON.stringify({ render, entries: inputs, prefix: options.searchPartPrefix ?? '', partPages, checkReport, listsOnly }));
  const last = readLastBuild(lastFile);
  // A shard's portfolio documents (PIA_PORTFOLIO_OUT) are written by the site build: one missing is not a no-op.
  const keptFor = process.env.PIA_PORTFOLIO_OUT;
  const portfolioKept = !keptFor || files.every((f) => existsSync(path.join(keptFor, `${slugOf(f)}.json`)));
  if (files.length > 0 && portfolioKept && unchangedSite(last, siteKey, outDir)) {
    return { outDir, pages: last!.pages, pdfs: last!.pdfs, timings: { astro: 0, pdf: 0, search: 0 }, reuse: { noop: true, rendered: 0, reused: last!.entries, searchBuilt: 0, searchReused: last!.searchParts, searchParts: last!.searchParts }, searchPeakRssBytes: 0 };
  }
  // The pages kept in the store with all their files intact are not rendered again.
  const stored = new Map<string, StoredUnit>();
  for (const input of listsOnly ? [] : inputs) {
    const unit = pageStore.get(input.key);
    if (unit) stored.set(input.slug, unit);
  }

  // Astro imports the pages it prerenders from <outDir>/.prerender/, and resolves their packages from there and
  // from the working directory: the build runs in the project folder, into a fresh folder inside it, and the
  // result replaces outDir only at the end (a failed build leaves the previous site untouched).
  const { officeLoader } = await import('../office/site-loader.ts');
  mkdirSync(path.join(projectRoot, '.astro'), { recursive: true });
  const work = mkdtempSync(path.join(projectRoot, '.astro', 'site-build-'));
  const staging = path.join(work, 'site');
  // The loader runs in this process and reads its inputs from the environment (astro.config.mjs reads PIA_BASE).
  const saved = { PIA_ASSESSMENTS: process.env.PIA_ASSESSMENTS, PIA_PDF_DIR: process.env.PIA_PDF_DIR, PIA_BASE: process.env.PIA_BASE, PIA_EDITION: process.env.PIA_EDITION, PIA_SCHEMA_DIR: process.env.PIA_SCHEMA_DIR, ASTRO_TELEMETRY_DISABLED: process.env.ASTRO_TELEMETRY_DISABLED };
  Object.assign(process.env, { PIA_ASSESSMENTS: assessmentsDir, PIA_PDF_DIR: pdfDir, PIA_BASE: base, PIA_EDITION: edition, PIA_SCHEMA_DIR: schemaDir, ASTRO_TELEMETRY_DISABLED: '1' });
  const cwd = process.cwd();
  handOverValidated(options.validated);
  handOverLoaders({ assessmentLoader, formLoader, officeLoader });
  handOverSiteConfig(loadedConfig);
  handOverSourceHashes(new Map(files.map((file, i) => [file, inputs[i]!.source])));
  try {
    let t = performance.now();
    const { build } = await import('astro');
    const astro = async (renderSet: ReadonlySet<string> | undefined) => {
      rmSync(staging, { recursive: true, force: true });
      handOverRenderSet(renderSet);
      try {
        process.chdir(projectRoot);
        await build({ root: projectRoot, outDir: staging, base, cacheDir, logLevel: options.verbose ? 'info' : 'error' });
      } catch (error) {
        // Astro's content store still saves itself 500 ms after its last change when the build failed; let it
        // finish, so that the caller may remove the cache folder without an unhandled rejection later.
        await cacheSettled(cacheDir);
        const merge = error instanceof Error ? error.message.indexOf(invalidMergeMarker) : -1;
        if (merge >= 0) {
          process.chdir(cwd);
          throw new InvalidShardOutputError((error as Error).message.slice(merge + invalidMergeMarker.length).split('\n')[0]!);
        }
        const invalid = invalidAssessmentsIn(error);
        if (invalid) {
          process.chdir(cwd);
          throw new InvalidAssessmentsError(`${formatText(invalid.diagnostics, invalid.fileCount)}様式の構造に合わない評価書があるため、サイトを作成しませんでした。`);
        }
        throw error;
      } finally {
        process.chdir(cwd);
        handOverRenderSet(undefined);
      }
    };
    const toRender = new Set(listsOnly ? [] : inputs.filter((i) => !stored.has(i.slug)).map((i) => i.slug));
    await astro(toRender);
    // A page from the store refers to the CSS and scripts of the build that rendered it; the same code gives the
    // same asset names, but if one is missing here, every page is rendered again rather than served broken.
    const missingAsset = [...stored.values()].some((unit) => ((unit.meta.assets as string[] | undefined) ?? []).some((a) => !existsSync(path.join(staging, a))));
    if (missingAsset) {
      stored.clear();
      if (!listsOnly) for (const input of inputs) toRender.add(input.slug);
      await astro(listsOnly ? toRender : undefined);
    }
    // Store what Astro rendered (before the PDFs are copied and the fonts injected), and place the rest from the store.
    const entryPages = new Map<string, IndexedPage>();
    /** The distinct characters of each 評価書 page (kept in the store beside it), for the font subsets. */
    const entryCharacters = new Map<string, string>();
    const usedPages = new Set<string>();
    for (const input of listsOnly ? [] : inputs) {
      const folder = path.join(staging, input.slug);
      usedPages.add(input.key);
      let unit = stored.get(input.slug);
      if (unit) placeUnit(unit, folder);
      else {
        const html = readFileSync(path.join(folder, 'index.html'), 'utf8');
        unit = pageStore.put(input.key, folder, filesUnder(folder), { slug: input.slug, assets: assetsOf(html, base), characters: distinctCharacters(html) });
      }
      entryPages.set(input.slug, { rel: `${input.slug}/index.html`, sha256: unit.files['index.html']! });
      if (typeof unit.meta.characters === 'string') entryCharacters.set(`${input.slug}/index.html`, unit.meta.characters);
    }
    const astroMs = performance.now() - t;

    t = performance.now();
    let pdfs = 0;
    for (const { slug } of listsOnly ? [] : inputs) {
      const pdf = path.join(pdfDir, `${slug}.pdf`);
      if (!existsSync(pdf)) continue;
      if (lstatSync(pdf).isSymbolicLink()) throw new UnsafePublicationError(`${pdf}: PDF がシンボリックリンクです。ほかの場所のファイルを公開しないよう、コピーしません。`);
      copyFileSync(pdf, path.join(staging, slug, downloadNames(slug).pdf));
      pdfs++;
    }
    const pdfMs = performance.now() - t;

    t = performance.now();
    // The fonts are subset while pagefind (separate processes) indexes the pages; the pages get their @font-face
    // rules after pagefind has read them.
    // The site's own files, listed once: walking the whole site (every 評価書 folder, and later the search parts)
    // cost ~0.1 s each of the four times it was walked.
    const siteFiles = filesOutside(staging, new Set(inputs.map((i) => i.slug)));
    const sitePages = siteFiles.filter((f) => f.endsWith('.html')).map((rel) => ({ rel, sha256: sha256(readFileSync(path.join(staging, rel))) }));
    const pageFiles = [...sitePages.map((p) => p.rel), ...[...entryPages.values()].map((p) => p.rel)];
    const search = buildSearchParts({ site: staging, entries: entryPages, sitePages, store: searchStore, work, prefix: options.searchPartPrefix, partPages });
    const textFiles = [...pageFiles, ...siteFiles.filter((f) => f.endsWith('.js'))];
    const fonts = await writeSiteFonts(staging, base, cacheDir ? path.join(cacheDir, 'pia-fonts') : undefined, entryCharacters, textFiles).catch(async (error: unknown) => {
      await search.catch(() => undefined);
      throw error;
    });
    const searched = await search;
    // A 評価書 page with the same rules as in an earlier build is linked from the store of pages with their rules.
    const fontedPages = new Map([...entryPages.values()].map((p) => [p.rel, p.sha256]));
    const usedFonted = injectFontFaces(staging, fonts.css, { pages: fontedPages, store: fontedStore }, pageFiles);
    const searchMs = performance.now() - t;

    const pages = pageFiles.length;
    publishModes(staging);
    replaceFolder(staging, outDir);
    if (!listsOnly) {
      pageStore.prune(usedPages);
      searchStore.prune(new Set(searched.keys));
      fontedStore.prune(usedFonted);
    }
    const record: LastBuild = { siteKey, outDir, files: fileStates(outDir), pages, pdfs, searchParts: searched.parts, entries: inputs.length };
    writeFileSync(`${lastFile}.${process.pid}.partial`, JSON.stringify(record));
    renameSync(`${lastFile}.${process.pid}.partial`, lastFile);
    return {
      outDir,
      pages,
      pdfs,
      timings: { astro: astroMs, pdf: pdfMs, search: searchMs },
      reuse: { noop: false, rendered: toRender.size, reused: inputs.length - toRender.size, searchBuilt: searched.built, searchReused: searched.reused, searchParts: searched.parts },
      searchPeakRssBytes: searched.peakRssBytes,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
    handOverValidated(undefined);
    handOverLoaders(undefined);
    handOverSiteConfig(undefined);
    handOverSourceHashes(undefined);
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/** The loader's report of unrenderable assessments, carried through Astro's error as JSON after a marker. */
/**
 * After a failed Astro build: waits until Astro's debounced content-store save (500 ms after its last change) has
 * run and the top of the cache folder has been quiet for 500 ms (at most 10 s). A fixed wait was not enough on a loaded
 * machine: the save's timer had fired but its writes were still under way when the caller removed the folder.
 */
async function cacheSettled(cacheDir: string | undefined): Promise<void> {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  await sleep(700);
  if (!cacheDir) return;
  const state = () => {
    try {
      // Top level only: Astro's store (data-store.json) lives there; the page store below is ours and is idle.
      return readdirSync(cacheDir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => {
        const file = path.join(cacheDir, e.name);
        const st = statSync(file, { throwIfNoEntry: false });
        return `${file}:${st?.size}:${st?.mtimeMs}`;
      }).sort().join('|');
    } catch {
      return '';
    }
  };
  const deadline = Date.now() + 10_000;
  let last = state();
  let quietSince = Date.now();
  while (Date.now() < deadline && Date.now() - quietSince < 500) {
    await sleep(100);
    const now = state();
    if (now !== last || now.includes('.tmp:')) {
      last = now;
      quietSince = Date.now();
    }
  }
}

function invalidAssessmentsIn(error: unknown): InvalidAssessments | undefined {
  const message = error instanceof Error ? error.message : String(error);
  const at = message.indexOf(invalidAssessmentsMarker);
  if (at < 0) return undefined;
  const json = message.slice(at + invalidAssessmentsMarker.length).split('\n')[0]!;
  return JSON.parse(json) as InvalidAssessments;
}

/** Puts the finished site in place of `target`: a rename, or on another file system a copy renamed beside it. */
function replaceFolder(source: string, target: string): void {
  mkdirSync(path.dirname(target), { recursive: true });
  try {
    rmSync(target, { recursive: true, force: true });
    renameSync(source, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    const copy = mkdtempSync(path.join(path.dirname(target), `.${path.basename(target)}-`));
    try {
      cpSync(source, copy, { recursive: true });
      rmSync(target, { recursive: true, force: true });
      renameSync(copy, target);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }
}
