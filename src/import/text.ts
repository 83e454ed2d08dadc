/**
 * The text an importer reads: lines (with the horizontal position of each when it comes from a PDF), joined into
 * one stream, and a normalised copy of that stream for matching the form's labels. Normalisation is the
 * project's formal one (normalizeFormal: NFKC 全角/半角, no white space, one form of each punctuation mark),
 * applied character by character so that every normalised position maps back to the original text.
 */
import { normalizeFormal } from '../model/formal.ts';

export interface SourceLine {
  text: string;
  /** Left edge in points (PDF only). */
  x?: number;
  /** Right edge in points (PDF only). */
  right?: number;
  /** 1-based page (PDF only). */
  page?: number;
  /** Baseline height from the page's bottom (PDF only): runs with the same y share a row. */
  y?: number;
}

export interface Stream {
  /** Lines joined with \n; a line that does not start at the page's left margin begins with \t (a cell). */
  text: string;
  lines: SourceLine[];
  /** Offset in `text` where each line starts. */
  lineStarts: number[];
  /** Normalised text and, for each of its characters, the offset in `text` it came from. */
  norm: string;
  map: number[];
  /** Normalised offsets where a cell begins (start of a line, after a tab or a checkbox mark). */
  cellStarts: Set<number>;
  /** The same, sorted. */
  cellStartList: number[];
  /** Normalised offsets where a line begins at the left margin (section titles are printed there). */
  lineStartsNorm: Set<number>;
}

const charCache = new Map<string, string>();

/** The normalised form of one character (may be empty, or several characters: ① → 1, Ⅲ → III). */
export function normChar(ch: string): string {
  let n = charCache.get(ch);
  if (n === undefined) {
    // ※ and circled numbers (①) stay as they are: NFKC would make ① the digit 1, and 「提供先1」「①法令上の根拠」
    // would read 「提供先11」.
    n = ch === '※' || (ch >= '\u2460' && ch <= '\u2473') ? ch : normalizeFormal(ch);
    if (charCache.size < 20000) charCache.set(ch, n);
  }
  return n;
}

export function norm(text: string): string {
  let out = '';
  for (const ch of text) out += normChar(ch);
  return out;
}

/** Checkbox marks as printed or as extracted: checked, unchecked, unreadable. */
export const markPattern = /\[\s*(?:○|〇|◯|O|o|0|✓|✔|x|X|×|レ|\?|？|　| )*\]|☑|☒|☐|□|■|●|◯/gu;

export function buildStream(lines: SourceLine[], leftMargin?: number): Stream {
  const parts: string[] = [];
  const lineStarts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    const indented = leftMargin !== undefined && line.x !== undefined && line.x > leftMargin + 12;
    const t = (indented ? '\t' : '') + line.text;
    lineStarts.push(offset);
    parts.push(t);
    offset += t.length + 1;
  }
  const text = parts.join('\n');
  let normText = '';
  const map: number[] = [];
  const cellStarts = new Set<number>();
  const lineStartsNorm = new Set<number>();
  let pendingCell = true;
  let pendingLine = true;
  let i = 0;
  for (const ch of text) {
    if (ch === '\n') {
      pendingCell = true;
      pendingLine = true;
    } else if (ch === '\t') {
      pendingCell = true;
      pendingLine = false;
    }
    const n = normChar(ch);
    if (n.length > 0) {
      if (pendingCell) cellStarts.add(normText.length);
      if (pendingLine) lineStartsNorm.add(normText.length);
      pendingCell = false;
      pendingLine = false;
      for (const c of n) {
        normText += c;
        map.push(i);
      }
    }
    i += ch.length;
  }
  map.push(text.length);
  // A cell also begins right after a checkbox mark (「[ ] 提供・移転しない」).
  for (const m of normText.matchAll(/\[(?:○|O|o|0|✓|✔|x|X|×|レ|\?|？)?\]|☑|☒|☐|□|■/gu)) cellStarts.add(m.index + m[0].length);
  return { text, lines, lineStarts, norm: normText, map, cellStarts, cellStartList: [...cellStarts].sort((a, b) => a - b), lineStartsNorm };
}

/** Original text between two normalised offsets. */
export function slice(stream: Stream, from: number, to: number): string {
  if (to <= from) return '';
  return stream.text.slice(stream.map[from]!, stream.map[to]!);
}

/** The line number (0-based) of a normalised offset. */
export function lineOf(stream: Stream, at: number): number {
  const offset = stream.map[Math.min(at, stream.map.length - 1)]!;
  let lo = 0;
  let hi = stream.lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (stream.lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const htmlTag = /<\/?(?:p|ul|ol|li|br|div|span|table|tr|td|th|tbody|thead|b|strong|em|i|u|font)\b[^>]*>/giu;

/**
 * Already extracted text (for example a PDF copied to text, or HTML-ish output of a converter): checkbox inputs
 * become marks (checked → [○], a box whose state was lost → [？]), paragraph tags become line breaks inside
 * the cell, other tags are dropped.
 */
export function linesFromText(raw: string): SourceLine[] {
  const text = raw
    .replace(/^\uFEFF/u, '')
    .replace(/\r\n?/g, '\n')
    .replace(/\[?\s*<input\b[^>]*\bchecked\b[^>]*>\s*\]?/giu, '[○]')
    .replace(/\[?\s*<input\b[^>]*>\s*\]?/giu, '[？]')
    .replace(/<\/p>[ \u3000]*<p\b[^>]*>/giu, '\u2028')
    .replace(htmlTag, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return dropTextFurniture(text.split('\f').map((page) => page.split('\n'))).map((t) => ({ text: t }));
}

/**
 * Page headers and footers of extracted text (pages separated by form feeds, as pdftotext writes them): a line
 * among the first or last two of a page that, digits ignored, stands there on at least half of the pages (3 or more).
 */
function dropTextFurniture(pages: string[][]): string[] {
  if (pages.length < 3) return pages.flat();
  const key = (l: string) => l.trim().replace(/[0-9０-９]+/gu, '#');
  const edges = (page: string[]) => {
    const filled = page.map((l, i) => ({ l, i })).filter((x) => x.l.trim() !== '');
    return [...filled.slice(0, 2), ...filled.slice(-2)];
  };
  const counts = new Map<string, number>();
  for (const page of pages) for (const k of new Set(edges(page).map((x) => key(x.l)))) counts.set(k, (counts.get(k) ?? 0) + 1);
  const limit = Math.max(3, pages.length / 2);
  return pages.flatMap((page) => {
    const drop = new Set(edges(page).filter((x) => (counts.get(key(x.l)) ?? 0) >= limit).map((x) => x.i));
    return page.filter((_, i) => !drop.has(i));
  });
}

/** A value as written to the draft: cells and wrapped lines joined, paragraph marks kept as line breaks. */
export function cleanValue(text: string, fromPdf: boolean): string {
  let lines = text.split(/\n/);
  if (fromPdf) {
    // Lines wrapped by the layout are joined; a Latin word split at a wrap keeps a space.
    let out = '';
    for (const line of lines.map((l) => l.replace(/\t/g, ' ').trim()).filter((l) => l !== '')) {
      if (out === '') out = line;
      else out += /[\x21-\x7e]$/.test(out) && /^[\x21-\x7e]/.test(line) ? ` ${line}` : line;
    }
    lines = [out];
  }
  return lines
    .map((l) => l.replace(/\t+/g, ' ').replace(/[ \u3000]{2,}/g, ' ').trim())
    .filter((l) => l !== '')
    .join(' ')
    .split('\u2028')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('\n');
}
