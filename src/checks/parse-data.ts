/**
 * Text of a configuration export → data, keeping where each value sits so a quoted value can be shown
 * as file:line. JSON is read by the YAML parser (JSON is YAML 1.2), CSV by csv-parse (one object per row).
 */
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { parse as parseCsv } from 'csv-parse/sync';
import { segmentsOf } from '../report/diagnostic.ts';
import type { DataFormat, Position } from './types.ts';

export type Parsed = { ok: true; data: unknown; locate: (pointer: string) => Position | undefined } | { ok: false; detail: string };

export function formatOf(file: string, declared?: DataFormat): DataFormat {
  if (declared) return declared;
  if (/\.csv$/i.test(file)) return 'csv';
  if (/\.ya?ml$/i.test(file)) return 'yaml';
  if (/\.json$/i.test(file)) return 'json';
  return 'text';
}

export function parseData(text: string, format: DataFormat): Parsed {
  if (format === 'text') return { ok: true, data: text, locate: () => undefined };
  if (format === 'csv') return parseCsvText(text);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    const { line, col } = lineCounter.linePos(doc.errors[0]!.pos[0]);
    return { ok: false, detail: `${format === 'json' ? 'JSON' : 'YAML'} として読めません(${line}行${col}列)` };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // The only failure here is the alias limit; keep the library's text as detail.
    return { ok: false, detail: `別名(エイリアス *)の展開が多すぎるため読めません(原文: ${(error as Error).message})` };
  }
  const locate = (pointer: string): Position | undefined => {
    let node: Node | null | undefined = doc.contents;
    for (const segment of segmentsOf(pointer)) {
      if (isMap(node)) {
        const pair: { key: unknown; value: unknown } | undefined = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === segment);
        node = (pair?.value as Node | null | undefined) ?? (pair?.key as Node | undefined);
      } else if (isSeq(node) && /^\d+$/.test(segment)) {
        node = node.items[Number(segment)] as Node | undefined;
      } else return undefined;
      if (!node) return undefined;
    }
    if (!node?.range) return undefined;
    const { line, col } = lineCounter.linePos(node.range[0]);
    return { line, col };
  };
  return { ok: true, data, locate };
}

function parseCsvText(text: string): Parsed {
  try {
    // Excel exports start with a BOM; `info` gives each row's first line for file:line.
    const rows = parseCsv(text, { bom: true, columns: true, skip_empty_lines: true, info: true }) as { record: Record<string, string>; info: { lines: number } }[];
    const lines = rows.map((r) => r.info.lines);
    return {
      ok: true,
      data: rows.map((r) => r.record),
      locate: (pointer) => {
        const index = segmentsOf(pointer)[0];
        const line = index !== undefined && /^\d+$/.test(index) ? lines[Number(index)] : undefined;
        return line === undefined ? undefined : { line, col: 1 };
      },
    };
  } catch (error) {
    return { ok: false, detail: `CSV として読めません(${(error as Error).message})` };
  }
}
