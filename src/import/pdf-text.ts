/**
 * The text of a PDF in reading order, with pdfjs-dist (Mozilla's PDF reader, the Node "legacy" build; fonts
 * and CMaps from the package, no network, no eval). Text is taken in the order it is drawn, which for table
 * layouts is cell by cell; it is cut into runs (a new run where the line changes or a gap opens between two
 * cells). Page furniture is left out: text marked as an Artifact (tagged PDFs mark footers and header rows
 * repeated on a new page that way) and lines repeated on most pages at the same height near the page's edge.
 * Also returns the attached files (a PDF made by pia attaches its canonical JSON).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { SourceLine } from './text.ts';

export interface PdfText {
  lines: SourceLine[];
  pages: number;
  /** Smallest left edge of a run: the page's left margin. */
  leftMargin: number;
  attachments: { name: string; bytes: Uint8Array }[];
  /** The SHA-256 the document information declares for its source (Keywords 「sha256:…」, as pia writes it). */
  declaredSha256?: string;
  tagged: boolean;
}

export interface PdfLimits {
  maxPages: number;
  /** Abort when this time (Date.now()) has passed. */
  deadline: number;
  maxAttachmentBytes: number;
}

export type PdfReadErrorKind = 'unreadable' | 'encrypted' | 'too-many-pages' | 'timeout';

export class PdfReadError extends Error {
  readonly kind: PdfReadErrorKind;
  readonly page: number | undefined;
  readonly detail: string;
  constructor(kind: PdfReadErrorKind, page: number | undefined, detail: string) {
    super(detail);
    this.kind = kind;
    this.page = page;
    this.detail = detail;
  }
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: PdfJs | undefined;

function packageDir(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve('pdfjs-dist/package.json'));
}

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Items of one page → runs: same line and no wide gap. */
function runsOf(items: Item[], page: number): (SourceLine & { y: number })[] {
  const out: (SourceLine & { y: number })[] = [];
  let current: (SourceLine & { y: number; size: number }) | undefined;
  for (const item of items) {
    if (item.str.trim() === '') continue;
    const size = Math.max(1, item.height);
    const sameLine = current && Math.abs(current.y - item.y) <= size * 0.3;
    const gap = current ? item.x - current.right! : 0;
    if (current && sameLine && gap > -size * 0.3 && gap <= size * 1.2) {
      current.text += gap > size * 0.15 && !current.text.endsWith(' ') ? ` ${item.str}` : item.str;
      current.right = item.x + item.width;
    } else {
      if (current) out.push({ text: current.text, x: current.x, right: current.right, page, y: current.y });
      current = { text: item.str, x: item.x, right: item.x + item.width, page, y: item.y, size };
    }
  }
  if (current) out.push({ text: current.text, x: current.x, right: current.right, page, y: current.y });
  return out;
}

/**
 * Lines in the top or bottom tenth of the page that stand on at least half of the pages (3 or more) at the same
 * height, digits ignored: headers and footers a producer did not mark as artifacts.
 */
function dropFurniture(pages: { lines: (SourceLine & { y: number })[]; height: number }[]): void {
  if (pages.length < 3) return;
  const edge = (l: SourceLine & { y: number }, height: number) => l.y < height * 0.1 || l.y > height * 0.9;
  const key = (l: SourceLine & { y: number }) => `${Math.round(l.y)}|${l.text.replace(/\d+/g, '#')}`;
  const counts = new Map<string, number>();
  for (const p of pages) for (const k of new Set(p.lines.filter((l) => edge(l, p.height)).map(key))) counts.set(k, (counts.get(k) ?? 0) + 1);
  for (const p of pages) p.lines = p.lines.filter((l) => !edge(l, p.height) || (counts.get(key(l)) ?? 0) < Math.max(3, pages.length / 2));
}

export async function readPdfText(bytes: Uint8Array, limits: PdfLimits): Promise<PdfText> {
  pdfjs ??= await import('pdfjs-dist/legacy/build/pdf.mjs');
  const dist = packageDir();
  const task = pdfjs.getDocument({
    // pdfjs takes a plain Uint8Array (not a Buffer) and may detach it: it gets its own copy.
    data: new Uint8Array(bytes),
    verbosity: 0,
    isEvalSupported: false,
    stopAtErrors: false,
    standardFontDataUrl: path.join(dist, 'standard_fonts') + path.sep,
    cMapUrl: path.join(dist, 'cmaps') + path.sep,
    wasmUrl: path.join(dist, 'wasm') + path.sep,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (error) {
    const name = (error as Error)?.name;
    await task.destroy().catch(() => undefined);
    throw new PdfReadError(name === 'PasswordException' ? 'encrypted' : 'unreadable', undefined, (error as Error)?.message ?? String(error));
  }
  try {
    if (doc.numPages > limits.maxPages) throw new PdfReadError('too-many-pages', undefined, String(doc.numPages));
    const pages: { lines: (SourceLine & { y: number })[]; height: number }[] = [];
    let tagged = false;
    for (let n = 1; n <= doc.numPages; n++) {
      if (Date.now() > limits.deadline) throw new PdfReadError('timeout', n, '');
      let content;
      let height = 842;
      try {
        const page = await doc.getPage(n);
        height = page.view[3]! - page.view[1]!;
        content = await page.getTextContent({ includeMarkedContent: true });
        page.cleanup();
      } catch (error) {
        if (error instanceof PdfReadError) throw error;
        throw new PdfReadError('unreadable', n, (error as Error)?.message ?? String(error));
      }
      const items: Item[] = [];
      const stack: boolean[] = [];
      for (const raw of content.items) {
        const item = raw as { type?: string; tag?: string; str?: string; transform?: number[]; width?: number; height?: number };
        if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') {
          if (item.tag && item.tag !== 'Artifact') tagged = true;
          stack.push(item.tag === 'Artifact' || (stack.at(-1) ?? false));
          continue;
        }
        if (item.type === 'endMarkedContent') {
          stack.pop();
          continue;
        }
        if (stack.at(-1) || typeof item.str !== 'string' || !item.transform) continue;
        const [a, b, , , e, f] = item.transform;
        const size = Math.hypot(a ?? 0, b ?? 0) || item.height || 1;
        // Glyphs without a Unicode mapping come out as control characters: they are not text.
        const str = item.str.replace(/[\u0000-\u0008\u000b-\u001f\ufffd]/gu, '');
        if (str === '') continue;
        items.push({ str, x: e ?? 0, y: f ?? 0, width: item.width ?? 0, height: size });
      }
      pages.push({ lines: runsOf(items, n), height });
    }
    dropFurniture(pages);
    const lines = pages.flatMap((p) => p.lines);
    const leftMargin = lines.reduce((m, l) => Math.min(m, l.x ?? Infinity), Infinity);
    const attachments: { name: string; bytes: Uint8Array }[] = [];
    try {
      const files = (await doc.getAttachments()) as Record<string, { filename?: string; content?: Uint8Array }> | null;
      for (const [key, file] of Object.entries(files ?? {})) {
        if (file.content && file.content.length <= limits.maxAttachmentBytes) attachments.push({ name: file.filename ?? key, bytes: file.content });
      }
    } catch {
      // An unreadable attachment is ignored: the text is imported instead.
    }
    let declaredSha256: string | undefined;
    try {
      const info = (await doc.getMetadata()).info as { Keywords?: unknown };
      declaredSha256 = typeof info.Keywords === 'string' ? /sha256:([0-9a-f]{64})/.exec(info.Keywords)?.[1] : undefined;
    } catch {
      // No readable document information.
    }
    return { lines, pages: doc.numPages, leftMargin: Number.isFinite(leftMargin) ? leftMargin : 0, attachments, declaredSha256, tagged };
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}
