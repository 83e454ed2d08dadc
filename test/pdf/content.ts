/**
 * Just enough PDF reading to check marked content: the decoded content stream of every page of a PDF as
 * PDFKit writes it (no object streams, no encryption, Flate streams), and a scan of its operators.
 */
import { inflateSync } from 'node:zlib';

/** The decoded content streams, one per page, in page order. */
export function pageContents(bytes: Uint8Array): string[] {
  const buffer = Buffer.from(bytes);
  const text = buffer.toString('latin1');
  const objects = new Map<string, number>();
  for (const m of text.matchAll(/\n(\d+) 0 obj\n/g)) objects.set(m[1]!, m.index! + m[0].length);
  const kids = /\/Type \/Pages\n\/Count \d+\n\/Kids \[([^\]]*)\]/.exec(text)?.[1] ?? '';
  return [...kids.matchAll(/(\d+) 0 R/g)].map(([, page]) => {
    const start = objects.get(page!)!;
    const contents = /\/Contents (\d+) 0 R/.exec(text.slice(start, text.indexOf('endobj', start)))![1]!;
    const at = objects.get(contents)!;
    const head = /^<<([\s\S]*?)>>\nstream\n/.exec(text.slice(at))!;
    const length = Number(/\/Length (\d+)/.exec(head[1]!)![1]);
    const raw = buffer.subarray(at + head[0].length, at + head[0].length + length);
    return (/\/Filter \/FlateDecode/.test(head[1]!) ? inflateSync(raw) : raw).toString('latin1');
  });
}

export interface MarkedContentScan {
  /** Operators that draw (text objects, paths painted) outside any marked-content sequence. */
  unmarked: string[];
  /** Marked-content sequences by tag: P, TD, Artifact … */
  tags: Record<string, number>;
  /** The nesting never went below zero and ended at zero. */
  balanced: boolean;
  /** Marked content nested in marked content (PDFKit's sequences here are never nested). */
  nested: number;
}

const drawing = new Set(['BT', 'f', 'F', 'f*', 'S', 's', 'B', 'B*', 'b', 'b*', 'Do', 'sh']);

export function scanMarkedContent(content: string): MarkedContentScan {
  let depth = 0;
  let balanced = true;
  let nested = 0;
  const unmarked: string[] = [];
  const tags: Record<string, number> = {};
  let previous: string[] = [];
  // Strings in PDFKit's content are hex (<…>), so splitting on white space does not cut through text.
  for (const token of content.split(/\s+/)) {
    if (token === 'BDC' || token === 'BMC') {
      // `/P <</MCID 3>> BDC` splits into /P, <</MCID, 3>>: the tag is the token before the property list.
      const list = previous.findLastIndex((t) => t.startsWith('<<'));
      const tag = (token === 'BMC' ? previous.at(-1) : previous[list - 1]) ?? '';
      tags[tag.slice(1)] = (tags[tag.slice(1)] ?? 0) + 1;
      if (depth > 0) nested++;
      depth++;
      previous = [];
      continue;
    }
    if (token === 'EMC') {
      depth--;
      if (depth < 0) balanced = false;
    } else if (drawing.has(token) && depth === 0) unmarked.push(token);
    previous.push(token);
    if (previous.length > 12) previous.shift();
  }
  return { unmarked, tags, balanced: balanced && depth === 0, nested };
}
