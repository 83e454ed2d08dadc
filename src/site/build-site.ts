/**
 * The publishable site: astro build (pages through the content loader) → copy the PDFs beside their pages →
 * pagefind index for offline full-text search. Runs inside `pia build` (Node 24), or from tests and bench.
 */
import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, globSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadNames } from '../render/web/url.ts';
import { findAssessments, handOverValidated, invalidAssessmentsMarker, type InvalidAssessments } from './loader.ts';
import { slugOf } from '../model/slug.ts';
import type { Edition } from '../validate/edition.ts';
import type { Validated } from '../validate/validate-many.ts';
import { formatText } from '../report/format.ts';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface SiteOptions {
  /** Folder with <slug>/assessment.yaml (default assessments/). */
  assessmentsDir?: string;
  /** Output folder (default dist/). Replaced only when the build succeeded. */
  outDir?: string;
  /** Path the site is published under, e.g. /kurashi/hyoka/ (default PIA_BASE or /). */
  base?: string;
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
}

export interface SiteResult {
  outDir: string;
  /** HTML pages in the site. */
  pages: number;
  pdfs: number;
  /** Milliseconds per step. */
  timings: { astro: number; pdf: number; search: number };
}

/** The loader found assessments that cannot be rendered; `message` holds the file:line:col diagnostics. */
export class InvalidAssessmentsError extends Error {}

/** The inputs cannot be published safely (folder names, slug collisions, symlinks out of the project); nothing was written. */
export class UnsafePublicationError extends Error {}

/**
 * A folder name that is safe as a URL path segment and a file name on every server: letters (Japanese too),
 * digits, '-', '_' and '.', not starting with '.'. Refused: %, #, ?, spaces, '\\', control characters.
 */
const safeSlug = /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u;

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
  const show = (f: string) => path.relative(process.cwd(), f) || f;
  const realAssessments = existsSync(assessmentsDir) ? realpathSync(assessmentsDir) : path.resolve(assessmentsDir);
  for (const file of files) {
    const slug = slugOf(file);
    const folder = path.dirname(path.resolve(file));
    if (!safeSlug.test(slug)) {
      problems.push(`${show(folder)}: フォルダ名「${slug}」はページのアドレスとファイル名に使えません。半角英数字・ハイフン(-)・下線(_)・点(.)と日本語の文字で名前を付けてください(%、#、?、空白、先頭の点は使えません)。`);
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

export async function buildSite(options: SiteOptions = {}): Promise<SiteResult> {
  const assessmentsDir = path.resolve(options.assessmentsDir ?? 'assessments');
  const outDir = path.resolve(options.outDir ?? 'dist');
  const pdfDir = path.resolve(options.pdfDir ?? 'out/pdf');
  const base = options.base ?? process.env.PIA_BASE ?? '/';
  const edition = options.edition ?? 'public';
  const cacheDir = options.cacheDir ? path.resolve(options.cacheDir) : edition === 'submission' ? path.join(projectRoot, 'node_modules', '.astro-submission') : undefined;
  if (edition === 'submission') assertNotPublic(outDir);
  checkPublicationInputs(findAssessments(assessmentsDir), assessmentsDir);
  // Astro imports the pages it prerenders from <outDir>/.prerender/, and resolves their packages from there and
  // from the working directory: the build runs in the project folder, into a fresh folder inside it, and the
  // result replaces outDir only at the end (a failed build leaves the previous site untouched).
  mkdirSync(path.join(projectRoot, '.astro'), { recursive: true });
  const staging = mkdtempSync(path.join(projectRoot, '.astro', 'site-build-'));
  // The loader runs in this process and reads its inputs from the environment (astro.config.mjs reads PIA_BASE).
  const saved = { PIA_ASSESSMENTS: process.env.PIA_ASSESSMENTS, PIA_PDF_DIR: process.env.PIA_PDF_DIR, PIA_BASE: process.env.PIA_BASE, PIA_EDITION: process.env.PIA_EDITION, ASTRO_TELEMETRY_DISABLED: process.env.ASTRO_TELEMETRY_DISABLED };
  Object.assign(process.env, { PIA_ASSESSMENTS: assessmentsDir, PIA_PDF_DIR: pdfDir, PIA_BASE: base, PIA_EDITION: edition, ASTRO_TELEMETRY_DISABLED: '1' });
  const cwd = process.cwd();
  handOverValidated(options.validated);
  try {
    let t = performance.now();
    const { build } = await import('astro');
    try {
      process.chdir(projectRoot);
      await build({ root: projectRoot, outDir: staging, base, cacheDir, logLevel: options.verbose ? 'info' : 'error' });
    } catch (error) {
      // Astro's content store still saves itself 500 ms after its last change when the build failed; let it
      // finish, so that the caller may remove the cache folder without an unhandled rejection later.
      await new Promise((resolve) => setTimeout(resolve, 700));
      const invalid = invalidAssessmentsIn(error);
      if (invalid) {
        process.chdir(cwd);
        throw new InvalidAssessmentsError(`${formatText(invalid.diagnostics, invalid.fileCount)}様式の構造に合わない評価書があるため、サイトを作成しませんでした。`);
      }
      throw error;
    } finally {
      process.chdir(cwd);
    }
    const astroMs = performance.now() - t;

    t = performance.now();
    let pdfs = 0;
    const slugs = readdirSync(staging, { withFileTypes: true }).filter((d) => d.isDirectory() && existsSync(path.join(staging, d.name, 'index.html'))).map((d) => d.name);
    for (const slug of slugs) {
      const pdf = path.join(pdfDir, `${slug}.pdf`);
      if (!existsSync(pdf)) continue;
      if (lstatSync(pdf).isSymbolicLink()) throw new UnsafePublicationError(`${pdf}: PDF がシンボリックリンクです。ほかの場所のファイルを公開しないよう、コピーしません。`);
      copyFileSync(pdf, path.join(staging, slug, downloadNames(slug).pdf));
      pdfs++;
    }
    const pdfMs = performance.now() - t;

    t = performance.now();
    await indexForSearch(staging);
    // The pages use pagefind.js directly (src/pages/search.astro); pagefind's prebuilt UIs are not served. They
    // also carry credits with URLs of other hosts, which the site must not contain.
    for (const name of readdirSync(path.join(staging, 'pagefind'))) {
      if (/^pagefind-(ui|component-ui|modular-ui|highlight)\./.test(name)) rmSync(path.join(staging, 'pagefind', name));
    }
    const searchMs = performance.now() - t;

    const pages = globSync('**/*.html', { cwd: staging, exclude: ['pagefind/**'] }).length;
    publishModes(staging);
    replaceFolder(staging, outDir);
    return { outDir, pages, pdfs, timings: { astro: astroMs, pdf: pdfMs, search: searchMs } };
  } finally {
    rmSync(staging, { recursive: true, force: true });
    handOverValidated(undefined);
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/**
 * Builds the pagefind index in <site>/pagefind. Runs pagefind's own
 * command line (its extended binary, which segments Japanese): on the same 1,000 評価書 pages it took 7.7–9.8 s,
 * against 12–13 s through pagefind's Node API (createIndex → addDirectory → writeFiles).
 */
async function indexForSearch(site: string): Promise<void> {
  const runner = path.join(path.dirname(fileURLToPath(import.meta.resolve('pagefind'))), 'runner', 'bin.cjs');
  const args = [runner, '--site', site, '--output-subdir', 'pagefind', '--force-language', 'ja'];
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`pagefind: ${stderr.trim() || stdout.trim() || error.message}`));
      else resolve();
    });
  });
}

/** The loader's report of unrenderable assessments, carried through Astro's error as JSON after a marker. */
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
