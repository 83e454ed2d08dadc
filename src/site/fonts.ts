/**
 * Web fonts of the site, subset to the characters its pages use. The 評価書 are Japanese; the full BIZ UDPゴシック
 * is 4.5 MB per weight, and @fontsource's unicode-range split still meant one 299 KB stylesheet of 372 @font-face
 * rules and ~94 font files (1.4 MB) on an assessment page. After the Astro build, the text of every page and
 * script is scanned, and each face is cut to those characters as one WOFF file (harfbuzz's hb-subset through the
 * subset-font package). WOFF, not WOFF2: WOFF2's Brotli runs in WebAssembly here and took 1.7 s per face (3.3 s of
 * CPU on every cold build, +8 % on 1,000 評価書), WOFF's zlib 0.1 s; the files are ~35 % larger (278 KB against
 * 206 KB per face for the reference), and they are fetched after the first page has loaded (below). Characters BIZ UDPゴシック lacks (e.g. 𠮷) go to a Noto Sans JP subset, declared with a
 * unicode-range of exactly those characters, so a page fetches it only when it shows one of them.
 * File names carry a hash of their content: a browser never combines a cached font with a page that needs more.
 *
 * Loading: the first page of a visit is drawn in the system's Japanese font, and the fonts are fetched after the
 * page has loaded (Base.astro); once they are in the browser's cache, later pages use them from the first paint
 * (the `webfont` class on <html>, set before the first paint). Fonts on the critical path cost the assessment
 * page its Lighthouse score (FCP and LCP wait for ~400 KB) or shifted the layout when they arrived (CLS 0.25–0.47).
 */
import { createHash } from 'node:crypto';
import { existsSync, globSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { create as openFont } from 'fontkit';
import subsetFont from 'subset-font';
import { linkOrCopy, sha256, type Store } from './store.ts';

const require = createRequire(import.meta.url);

interface Face {
  family: string;
  weight: number;
  /** TTF file in an npm font package (OFL). */
  file: string;
  stem: string;
}

const faces: Face[] = [
  { family: 'PIA BIZ UDPGothic', weight: 400, file: require.resolve('@expo-google-fonts/biz-udpgothic/400Regular/BIZUDPGothic_400Regular.ttf'), stem: 'biz-udpgothic-400' },
  { family: 'PIA BIZ UDPGothic', weight: 700, file: require.resolve('@expo-google-fonts/biz-udpgothic/700Bold/BIZUDPGothic_700Bold.ttf'), stem: 'biz-udpgothic-700' },
];
const fallback: Face = { family: 'PIA Noto Sans JP', weight: 400, file: require.resolve('@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf'), stem: 'noto-sans-jp-400' };

/** The folder of the site that holds the fonts, and the placeholder the pages carry for their @font-face rules. */
export const fontDir = 'fonts';
export const fontFacePlaceholder = '/*pia-font-faces*/';

/** Marks the non-ASCII code points of `text` in `used`; `added` (optional) gets those not marked before. */
function markCodePoints(text: string, used: Uint8Array, added?: number[]): void {
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      c = text.codePointAt(i)!;
      i++;
    }
    if (added && used[c] === 0) added.push(c);
    used[c] = 1;
  }
}

/** distinctCharacters' marks, cleared after each call. */
const seen = new Uint8Array(0x110000);

/** The distinct non-ASCII characters of a text, in code point order (what a page adds to the site's fonts). */
export function distinctCharacters(text: string): string {
  const points: number[] = [];
  markCodePoints(text, seen, points);
  for (const c of points) seen[c] = 0;
  return String.fromCodePoint(...points.sort((a, b) => a - b));
}

/**
 * Code points used in the text of the site's HTML and JavaScript files (the search page's messages are in
 * its script). Markup is ASCII, so every non-ASCII character is text; printable ASCII is always included.
 * `known`: pages (relative, '/'-separated) whose characters are already known (distinctCharacters of the page, kept
 * in the page store), so they are not read again. `files`: the site's HTML and JavaScript files, relative and
 * '/'-separated, when the caller has listed them (default: found under `site`).
 */
export function usedCodePoints(site: string, known: ReadonlyMap<string, string> = new Map(), files: readonly string[] = filesOf(site, '**/*.{html,js}')): Set<number> {
  const used = new Uint8Array(0x110000);
  for (let c = 0x20; c < 0x7f; c++) used[c] = 1;
  for (const chars of known.values()) markCodePoints(chars, used);
  for (const file of files) {
    if (known.has(file)) continue;
    markCodePoints(readFileSync(path.join(site, file), 'utf8'), used);
  }
  const out = new Set<number>();
  for (let c = 0; c < used.length; c++) if (used[c]) out.add(c);
  return out;
}

/** The files under `site` that match `pattern` (not pagefind's), relative and '/'-separated. */
function filesOf(site: string, pattern: string): string[] {
  return globSync(pattern, { cwd: site, exclude: ['pagefind/**'] }).map((f) => f.split(path.sep).join('/'));
}

export interface SiteFonts {
  /** The @font-face rules, with URLs under the site's base path. */
  css: string;
  files: { name: string; bytes: number; glyphs: number }[];
}

/** One subset, read from the cache folder when the same font and characters were subset before. */
async function subset(face: Face, text: string, cacheDir: string | undefined): Promise<Buffer> {
  const key = createHash('sha256').update(`${face.file}\u0000${text}`).digest('hex').slice(0, 32);
  const cached = cacheDir ? path.join(cacheDir, `${face.stem}-${key}.woff`) : undefined;
  if (cached && existsSync(cached)) return readFileSync(cached);
  const woff = await subsetFont(readFileSync(face.file), text, { targetFormat: 'woff' });
  if (cached) {
    mkdirSync(cacheDir!, { recursive: true });
    writeFileSync(`${cached}.${process.pid}.partial`, woff);
    renameSync(`${cached}.${process.pid}.partial`, cached);
  }
  return woff;
}

/** unicode-range value for a sorted list of code points, as ranges (U+3041-3096). */
export function unicodeRange(points: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < points.length; i++) {
    let j = i;
    while (j + 1 < points.length && points[j + 1] === points[j]! + 1) j++;
    const hex = (n: number) => n.toString(16).toUpperCase();
    parts.push(i === j ? `U+${hex(points[i]!)}` : `U+${hex(points[i]!)}-${hex(points[j]!)}`);
    i = j;
  }
  return parts.join(', ');
}

/**
 * Writes <site>/fonts/*.woff for the characters the site uses and returns the @font-face rules that point at them.
 * cacheDir (optional) keeps subsets between builds: the same characters are not subset again. known, textFiles:
 * as usedCodePoints takes them.
 */
export async function writeSiteFonts(site: string, base: string, cacheDir?: string, known?: ReadonlyMap<string, string>, textFiles?: readonly string[]): Promise<SiteFonts> {
  const points = [...usedCodePoints(site, known, textFiles)].sort((a, b) => a - b);
  const primary = openFont(readFileSync(faces[0]!.file));
  const missing = points.filter((c) => c > 0x7f && !/\s/u.test(String.fromCodePoint(c)) && !primary.hasGlyphForCodePoint(c));
  const text = String.fromCodePoint(...points);
  const out = path.join(site, fontDir);
  mkdirSync(out, { recursive: true });
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const rules: string[] = [];
  const files: SiteFonts['files'] = [];
  const write = async (face: Face, chars: string, range?: string) => {
    const woff = await subset(face, chars, cacheDir);
    const name = `${face.stem}-${createHash('sha256').update(woff).digest('hex').slice(0, 10)}.woff`;
    writeFileSync(path.join(out, name), woff);
    files.push({ name, bytes: woff.length, glyphs: [...chars].length });
    // Used only on pages drawn after the fonts are in the browser's cache (html.webfont, see site.css), so swap
    // costs no visible shift; `optional` left those pages in the system font when the cache answered in > 100 ms.
    rules.push(`@font-face{font-family:'${face.family}';font-style:normal;font-weight:${face.weight};font-display:swap;src:url(${prefix}${fontDir}/${name}) format('woff')${range ? `;unicode-range:${range}` : ''}}`);
  };
  for (const face of faces) await write(face, text);
  if (missing.length > 0) await write(fallback, String.fromCodePoint(...missing), unicodeRange(missing));
  return { css: rules.join(''), files };
}

/**
 * Writes the @font-face rules into each page's placeholder (pages without one are left as they are).
 * `stored`: pages (relative, '/'-separated) with the SHA-256 of their text as built, and a store of pages with
 * their rules written in, keyed by that hash and the rules: a page whose result is there is linked from it rather
 * than read and written again, and a page written here is put there for the next build. Returns the store keys
 * the site uses (the others may be pruned). `pages`: the site's HTML files, relative and '/'-separated, when the
 * caller has listed them (default: found under `site`).
 */
export function injectFontFaces(site: string, css: string, stored?: { pages: ReadonlyMap<string, string>; store: Store }, pages: readonly string[] = filesOf(site, '**/*.html')): Set<string> {
  const used = new Set<string>();
  const cssKey = sha256(css);
  for (const file of pages) {
    const full = path.join(site, file);
    const built = stored?.pages.get(file);
    const key = built === undefined ? undefined : sha256(`${built}\u0000${cssKey}`);
    const unit = key === undefined ? undefined : stored!.store.get(key);
    if (unit) {
      rmSync(full, { force: true });
      linkOrCopy(path.join(unit.dir, path.basename(full)), full);
      used.add(key!);
      continue;
    }
    const html = readFileSync(full, 'utf8');
    const at = html.indexOf(fontFacePlaceholder);
    if (at < 0) continue;
    // A new file renamed into place: the page may be a hard link into the page store (store.ts), which must not change.
    writeFileSync(`${full}.fonts`, html.slice(0, at) + css + html.slice(at + fontFacePlaceholder.length));
    renameSync(`${full}.fonts`, full);
    if (key !== undefined) {
      stored!.store.put(key, path.dirname(full), [path.basename(full)]);
      used.add(key);
    }
  }
  return used;
}
