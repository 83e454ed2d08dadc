/**
 * Assessment data + form schema → pdfmake document definition (pure; no I/O except the font coverage table).
 *
 * The layout follows the official 様式: cover page, 項目一覧, sections Ⅰ–Ⅴ as bordered label/value tables,
 * (別添1) 記録項目 and (別添2) 変更箇所. Every label, item number, ※ mark and choice list comes from the
 * schema (title, x-item, x-significant-change, enum, x-render, x-repeat, x-group); properties are walked in
 * schema order, which is the form's order.
 */
import type { JsonSchema } from '../../schema/registry.ts';
import { itemLabel, resolveRef } from '../../schema/walk.ts';
import { formatWareki, parseDate } from '../../model/wareki.ts';
import { isObject } from '../../model/access.ts';
import { fontRuns, textWidth } from './fonts.ts';
import { footerArtifact, stamp, tagContent } from './structure.ts';

/** A pdfmake node. pdfmake's own types reject many valid combinations; the writer casts once. */
export type Node = Record<string, unknown>;

export interface PdfSource {
  data: Record<string, unknown>;
  schema: JsonSchema;
  /** Canonical JSON of the data (canonicalJson) and its SHA-256, embedded so a reader can verify the PDF. */
  canonical: { json: string; sha256: string };
  /** Name of the embedded source file, e.g. koshigaya-48-kodomo-iryohi.json. */
  slug: string;
}

export interface DocDefinition {
  pageSize: 'A4';
  pageOrientation: 'portrait';
  pageMargins: [number, number, number, number];
  /** PDF 1.7, tagged (structure tree: structure.ts), identified as PDF/A-3a (PDFKit) and PDF/UA-1 (metadata.ts). */
  version: '1.7';
  tagged: boolean;
  subset?: 'PDF/A-3a';
  language: string;
  displayTitle: boolean;
  info: Record<string, unknown>;
  files: Record<string, Node>;
  defaultStyle: Node;
  content: Node[];
  footer: (currentPage: number, pageCount: number) => Node;
}

// A4 = 595.28 × 841.89 pt. Widths are in points.
const margins: [number, number, number, number] = [40, 40, 40, 48];
const contentWidth = 595.28 - margins[0] - margins[2];
const contentHeight = 841.89 - margins[1] - margins[3];
const labelWidth = 150;
/** Width of every table rule (write.ts's form layout): one width for all lines, so borders look even. */
export const formLine = 0.5;
const fontSize = 9;
const lineHeight = fontSize * 1.35;
/** A row estimated taller than this may split across pages: pdfmake cannot draw an unbreakable block taller than a page. */
const longRowHeight = contentHeight * 0.8;

const colors = { heading: '#d9d9d9', subheading: '#efefef', label: '#f7f7f7', missing: '#b00020', unknown: '#b35c00', faint: '#555555' };

/**
 * Styles as plain properties, not pdfmake named styles: pdfmake resolves every style property of every
 * line-break unit (each CJK character) through the style stack, and a named style costs a lookup with an
 * allocation each time. Inline properties keep a warm render well under 200 ms.
 */
const styles = {
  title: { fontSize: 16, bold: true, alignment: 'center', margin: [0, 40, 0, 24] },
  section: { fontSize: 12, bold: true, margin: [0, 0, 0, 6] },
  missing: { color: colors.missing, bold: true },
  choices: { fontSize: 7.5, color: colors.faint },
  tableHeader: { bold: true, fillColor: colors.heading, alignment: 'center' },
  coverLabel: { tag: 'TH', scope: 'Column', bold: true, fillColor: colors.heading, alignment: 'center' },
  coverValue: { margin: [4, 6, 4, 6] },
} satisfies Record<string, Node>;

/** Text with fallback-font runs (𠮷 → Noto Sans JP, ☑ → Noto Sans Symbols 2). */
/**
 * pdfmake lays out a paragraph in time quadratic in its length (each line copies the rest of the paragraph's
 * inlines): a 100,000-character value took over a minute. A value longer than this is laid out as a stack of
 * paragraphs of at most this length, cut at its line breaks, else after a 。, else between characters.
 */
const maxParagraph = 2000;

function paragraphs(value: string): string[] {
  const out: string[] = [];
  for (let rest of value.split('\n')) {
    while (rest.length > maxParagraph) {
      let cut = rest.lastIndexOf('。', maxParagraph - 1) + 1;
      if (cut <= maxParagraph / 2) cut = maxParagraph;
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut--; // never between the two halves of a surrogate pair
      out.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    out.push(rest);
  }
  return out;
}

function text(value: string, style: Node = {}): Node {
  if (value.length > maxParagraph) return { stack: paragraphs(value).map((p) => text(p)), ...style };
  const runs = fontRuns(value);
  if (runs.length === 1 && !runs[0]!.font) return { text: value, ...style };
  return { text: runs.map((r) => (r.font ? { text: r.text, font: r.font } : r.text)), ...style };
}

function inline(parts: (string | Node)[], style: Node = {}): Node {
  const flat = parts.flatMap((p): (string | Node)[] => {
    if (typeof p !== 'string') return [p];
    const node = text(p);
    return Array.isArray(node.text) ? (node.text as (string | Node)[]) : [node.text as string];
  });
  return { text: flat, ...style };
}

const missing = (): Node => text('（未記載）', styles.missing);
/** A null is a blank on the form: an empty cell, distinct from （未記載）. */
const blank = (): Node => ({ text: '' });

function dateText(value: string): string {
  const parsed = parseDate(value);
  return parsed.ok ? formatWareki(parsed.iso) : value;
}

/** Estimated height of a text in a column (full-width characters; one line per paragraph at least). */
function estimateHeight(value: string, width: number, size = fontSize): number {
  const perLine = Math.max(1, Math.floor((width - 8) / size));
  const lines = value.split('\n').reduce((sum, p) => sum + Math.max(1, Math.ceil([...p].length / perLine)), 0);
  return lines * size * 1.35 + 6;
}

// ---------------------------------------------------------------------------------------------------------
// Labels

function significant(schema: JsonSchema): string {
  return schema['x-significant-change'] === true ? ' ※' : '';
}

/** 「(別添1) 特定個人情報ファイル記録項目」「Ⅱ 特定個人情報ファイルの概要」 */
function sectionLabel(schema: JsonSchema, key: string): string {
  const number = schema['x-item'];
  const title = schema.title ?? key;
  if (number?.startsWith('別添')) return `(${number}) ${title}`;
  return itemLabel(schema, key);
}

/**
 * The ※ of a section with its exceptions, derived from the descendants marked x-significant-change: false:
 * 「※(7. ②を除く。)」 for Ⅲ.
 */
function sectionMark(root: JsonSchema, schema: JsonSchema): string {
  if (schema['x-significant-change'] !== true) return '';
  const exceptions: string[] = [];
  // The form schema has no recursive $ref, so a plain descent ends.
  const visit = (node: JsonSchema, numbers: string[]): void => {
    for (const child of Object.values(node.properties ?? {})) {
      const resolved = resolveRef(root, child);
      const path = resolved['x-item'] ? [...numbers, resolved['x-item']] : numbers;
      if (resolved['x-significant-change'] === false && resolved['x-item']) exceptions.push(path.join(' '));
      visit(resolved, path);
    }
    if (node.items) visit(resolveRef(root, node.items), numbers);
  };
  visit(schema, []);
  return exceptions.length > 0 ? ` ※(${exceptions.join('、')}を除く。)` : ' ※';
}

// ---------------------------------------------------------------------------------------------------------
// Values

type CheckState = true | false | '不明';

const boxes = { checked: '[○] ', unchecked: '[　] ', unknown: '[？] ' };

function stateOf(value: unknown): CheckState | undefined {
  const state = isObject(value) ? value['選択'] : value;
  return state === true || state === false || state === '不明' ? state : undefined;
}

/** 「( 1 ) 件」, or 「(　) 件」 when the count is blank, as the 様式 prints a count. */
function countText(value: unknown): string {
  return typeof value === 'number' ? `( ${value} ) 件` : '(　) 件';
}

/** The part of a value cell narrower than this is kept on one line in a flowing list. */
const valueWidth = contentWidth - labelWidth - 8;

interface Checkbox {
  parts: (string | Node)[];
  style: Node;
  plain: string;
}

/**
 * One checkbox as the 様式 prints it: 「[○] 紙」 checked (bold), 「[　] 紙」 not checked, with its 内容 and
 * 「( 1 ) 件」. A state that could not be read from the original (不明) is coloured and marked 「[？] … [不明]」.
 * An absent checkbox is an unchecked one, as on the 様式.
 */
function checkboxParts(root: JsonSchema, schema: JsonSchema, key: string, value: unknown): Checkbox {
  const title = schema.title ?? key;
  const state = stateOf(value);
  const extras: string[] = [];
  for (const [k, sub] of Object.entries(resolveRef(root, schema).properties ?? {})) {
    if (k === '選択') continue;
    const content = isObject(value) ? value[k] : undefined;
    if (resolveRef(root, sub)['x-render'] === 'count') extras.push(` ${countText(content)}`);
    else if (typeof content === 'string' && content !== '') extras.push(` (${content})`);
  }
  const box = state === true ? boxes.checked : state === '不明' ? boxes.unknown : boxes.unchecked;
  // One run per box, so a box that fits on a line is never split (see checkboxList).
  const plain = [box, title, ...extras, state === '不明' ? ' [不明]' : ''].join('');
  const style: Node = state === true ? { bold: true } : state === '不明' ? { color: colors.unknown } : {};
  return { parts: [plain], style, plain };
}

function checkbox(root: JsonSchema, schema: JsonSchema, key: string, value: unknown): Node {
  const { parts, style } = checkboxParts(root, schema, key, value);
  return inline(parts, style);
}

/** Text runs (with fallback fonts) of parts, each run carrying the style and extra properties. */
function runsOf(parts: (string | Node)[], properties: Node): Node[] {
  return parts.flatMap((part): Node[] => {
    if (typeof part !== 'string') return [{ ...properties, ...part }];
    return fontRuns(part).map((r) => (r.font ? { ...properties, text: r.text, font: r.font } : { ...properties, text: r.text }));
  });
}

/**
 * Checkboxes flow side by side, as on the 様式, wrapping between boxes: a box that fits on a line is never split.
 * Each box is one list item of the structure tree (`listItem` on its runs, see structure.ts).
 */
function checkboxList(root: JsonSchema, schema: JsonSchema, value: unknown): Node {
  const runs: Node[] = [];
  const entries = Object.entries(schema.properties ?? {});
  entries.forEach(([k, sub], i) => {
    const resolved = resolveRef(root, sub);
    const box = checkboxParts(root, resolved, k, isObject(value) ? value[k] : undefined);
    const noWrap = textWidth(box.plain, fontSize) < valueWidth - 8;
    runs.push(...runsOf(box.parts, { ...box.style, listItem: i, ...(noWrap ? { noWrap: true } : {}) }));
    if (i < entries.length - 1) runs.push({ text: '　 ', listItem: i });
  });
  return { text: runs, tag: 'L' };
}

function checkboxListText(root: JsonSchema, schema: JsonSchema): string {
  return Object.entries(schema.properties ?? {}).map(([k, sub]) => checkboxParts(root, resolveRef(root, sub), k, undefined).plain).join('　 ');
}

function checkboxGroups(root: JsonSchema, schema: JsonSchema, value: unknown): Node {
  const groups = Object.entries(schema.properties ?? {}).map(([k, sub], i) => {
    const resolved = resolveRef(root, sub);
    const inner = isObject(value) ? value[k] : undefined;
    return {
      stack: [text(`<${resolved.title ?? k}>`, { bold: true }), checkboxList(root, resolved, inner)],
      margin: [0, i === 0 ? 0 : 3, 0, 0],
    };
  });
  return { stack: groups };
}

/** 「[ 十分である ]」 then 「<選択肢> 1) … 2) …」, the way the 様式 prints a choice; a count follows the selection. */
function choice(schema: JsonSchema, value: unknown, suffix?: string): Node {
  const options = (schema.enum ?? []).filter((o): o is string => typeof o === 'string');
  const selected = typeof value === 'string' ? value : '　　　　';
  const first = suffix
    ? inline([{ text: `[ ${selected} ]`, bold: typeof value === 'string' }, `　${suffix}`])
    : text(`[ ${selected} ]`, { bold: typeof value === 'string' });
  return { stack: [first, text(`<選択肢> ${options.map((o, i) => `${i + 1}) ${o}`).join('  ')}`, styles.choices)] };
}

/** Numbered items in a grid, row by row (so text extraction reads them in order). */
function numberedList(items: unknown[], columns = 2): Node {
  const cells = items.map((item, i) => text(`${i + 1}. ${String(item)}`));
  const rows: Node[][] = [];
  for (let i = 0; i < cells.length; i += columns) rows.push(Array.from({ length: columns }, (_, j) => cells[i + j] ?? { text: '' }));
  if (rows.length === 0) return text('—');
  return { table: { widths: Array(columns).fill('*'), body: rows }, layout: 'noBorders', tag: 'L' };
}

/**
 * Value cell of a leaf item (text, date, choice, count, checkbox). An absent item prints （未記載） only when
 * the schema requires it (an error the validator reports); an absent optional item prints as the 様式 prints
 * a blank: an empty cell, unchecked boxes, a choice with nothing selected.
 */
function leafValue(root: JsonSchema, schema: JsonSchema, key: string, value: unknown, present: boolean, required: boolean, suffix?: string): Node {
  if (!present && required) return suffix ? inline([missing(), `　${suffix}`]) : missing();
  const kind = schema['x-render'];
  if (kind === 'choice') return choice(schema, value, suffix);
  let node: Node;
  if (kind === 'checkbox') node = checkbox(root, schema, key, value);
  else if (kind === 'checkboxes') node = checkboxList(root, schema, value);
  else if (kind === 'checkbox-groups') node = checkboxGroups(root, schema, value);
  else if (kind === 'numbered-list' && Array.isArray(value)) node = numberedList(value);
  else if (value === null || value === undefined) node = blank();
  else if (kind === 'date' && typeof value === 'string') node = text(dateText(value));
  else node = text(String(value));
  if (!suffix) return node;
  return node.text === '' ? text(suffix) : { stack: [node, text(suffix)] };
}

function valueHeight(root: JsonSchema, schema: JsonSchema, value: unknown, width: number): number {
  const kind = schema['x-render'];
  if (typeof value === 'string' && kind !== 'choice') return estimateHeight(value, width);
  if (kind === 'checkboxes') return estimateHeight(checkboxListText(root, schema), width);
  if (kind === 'checkbox-groups') {
    return Object.values(schema.properties ?? {}).reduce((sum, sub) => sum + lineHeight + estimateHeight(checkboxListText(root, resolveRef(root, sub)), width), 0);
  }
  return 2 * lineHeight + 6;
}

// ---------------------------------------------------------------------------------------------------------
// Rows and tables

interface Row {
  kind: 'heading' | 'row';
  /** Nesting level: 0 = item of the section (1., 2. …), 1 = inside it … */
  depth: number;
  cells: Node[];
  height: number;
}

function headingRow(label: string, depth: number): Row {
  return {
    kind: 'heading',
    depth,
    cells: [text(label, { tag: `H${Math.min(6, 3 + depth)}`, colSpan: 2, bold: true, fillColor: depth === 0 ? colors.heading : colors.subheading, margin: [depth * 6, 0, 0, 0] }), {}],
    height: lineHeight + 6,
  };
}

function labelCell(label: string, depth: number): Node {
  return text(label, { tag: 'TH', scope: 'Row', fillColor: colors.label, margin: [depth * 6, 0, 0, 0] });
}

function valueRow(label: string, value: Node, depth: number, height: number): Row {
  return { kind: 'row', depth, cells: [labelCell(label, depth), value], height };
}

function isPlainObject(schema: JsonSchema): boolean {
  return schema.type === 'object' && !['checkbox', 'checkboxes', 'checkbox-groups'].includes(schema['x-render'] ?? '');
}

/** An absent item: （未記載） when the schema requires it, else the blank the 様式 prints. */
function absent(required: boolean): Node {
  return required ? missing() : blank();
}

/**
 * The rows of an object, in schema order. Nested objects and repeated blocks open a heading row. A count
 * (x-render: count) prints inline after the item before it: 「[ 委託する ]　( 1 ) 件」. With `optional`, every
 * absent item prints blank (the object itself is absent, so nothing in it is required).
 */
function objectRows(root: JsonSchema, schema: JsonSchema, value: Record<string, unknown>, depth: number, optional = false): Row[] {
  const rows: Row[] = [];
  const required = new Set(optional ? [] : (schema.required ?? []));
  const entries = Object.entries(schema.properties ?? {}).map(([key, raw]) => ({ key, sub: resolveRef(root, raw) }));
  let group: string | undefined;
  entries.forEach(({ key, sub }, i) => {
    if (sub['x-render'] === 'hidden' || sub['x-render'] === 'heading') return;
    const previous = entries[i - 1];
    if (sub['x-render'] === 'count' && previous && isLeaf(previous.sub)) return; // printed with the previous item
    const present = key in value;
    const item = value[key];
    const label = itemLabel(sub, key) + significant(sub);
    const next = entries[i + 1];
    const suffix = next && next.sub['x-render'] === 'count' && isLeaf(sub) ? countText(value[next.key]) : undefined;

    if (sub['x-group'] !== group) {
      group = sub['x-group'];
      if (group) rows.push(headingRow(group, depth));
    }
    const inner = group ? depth + 1 : depth;

    if (sub['x-render'] === 'checkbox' && !sub.properties) {
      // A lone checkbox (「[ ] 提供・移転しない」) takes the whole row.
      const box = !present && required.has(key) ? inline([checkbox(root, sub, key, item), ' ', missing()]) : checkbox(root, sub, key, item);
      rows.push({ kind: 'row', depth: inner, cells: [{ ...box, colSpan: 2, margin: [inner * 6, 0, 0, 0] }, {}], height: lineHeight + 6 });
    } else if (sub['x-render'] === 'record-groups') {
      rows.push(...recordGroupRows(root, sub, key, item, present, required.has(key), inner));
    } else if (sub.type === 'array' && sub.items && sub['x-render'] !== 'numbered-list') {
      rows.push(...repeatRows(root, sub, key, item, present, required.has(key), inner));
    } else if (isPlainObject(sub)) {
      if (!present && required.has(key)) {
        rows.push(valueRow(label, missing(), inner, lineHeight + 6));
      } else if (present && !isObject(item)) {
        rows.push(valueRow(label, blank(), inner, lineHeight + 6));
      } else {
        rows.push(headingRow(label, inner));
        rows.push(...objectRows(root, sub, isObject(item) ? item : {}, inner + 1, optional || !present));
      }
    } else {
      const cell = leafValue(root, sub, key, item, present, required.has(key), suffix);
      rows.push(valueRow(label, cell, inner, valueHeight(root, sub, item, contentWidth - labelWidth)));
    }
  });
  return rows;
}

/** An item printed in one value cell (not a heading with rows of its own). */
function isLeaf(schema: JsonSchema): boolean {
  if (schema.type === 'array') return schema['x-render'] === 'numbered-list';
  return !isPlainObject(schema) || schema['x-render'] === 'choice';
}

/** Repeated blocks (委託事項1, 提供先1, 特定個人情報ファイル1 …): a heading per element, then its rows. */
function repeatRows(root: JsonSchema, schema: JsonSchema, key: string, value: unknown, present: boolean, required: boolean, depth: number, nameRepeat = true): Row[] {
  const label = itemLabel(schema, key) + significant(schema);
  if (!present) return [valueRow(label, absent(required), depth, lineHeight + 6)];
  if (!Array.isArray(value) || value.length === 0) return [valueRow(label, text('—'), depth, lineHeight + 6)];
  const items = resolveRef(root, schema.items!);
  const template = schema['x-repeat'];
  const rows: Row[] = [];
  const named = nameRepeat || value.length > 1;
  value.forEach((element, i) => {
    const headingKey = Object.entries(items.properties ?? {}).find(([, s]) => resolveRef(root, s)['x-render'] === 'heading')?.[0];
    const name = headingKey && isObject(element) && typeof element[headingKey] === 'string' ? element[headingKey] : '';
    const childDepth = named ? depth + 1 : depth;
    if (named && template) rows.push(headingRow([template.replace('{n}', String(i + 1)), name].filter(Boolean).join(' '), depth));
    if (isObject(element)) rows.push(...objectRows(root, items, element, childDepth));
  });
  return rows;
}

/** (別添1): per 記録項目 group a heading with its name, then its numbered items across the full width. */
function recordGroupRows(root: JsonSchema, schema: JsonSchema, key: string, value: unknown, present: boolean, required: boolean, depth: number): Row[] {
  const label = itemLabel(schema, key);
  if (!present) return [valueRow(label, absent(required), depth, lineHeight + 6)];
  if (!Array.isArray(value) || value.length === 0) return [valueRow(label, text('—'), depth, lineHeight + 6)];
  const items = resolveRef(root, schema.items!);
  const listKey = Object.entries(items.properties ?? {}).find(([, s]) => resolveRef(root, s)['x-render'] === 'numbered-list')?.[0];
  const nameKey = Object.entries(items.properties ?? {}).find(([k, s]) => k !== listKey && resolveRef(root, s)['x-render'] !== 'hidden')?.[0];
  const rows: Row[] = [headingRow(label, depth)];
  value.forEach((group, i) => {
    if (!isObject(group)) return;
    const name = nameKey && typeof group[nameKey] === 'string' ? group[nameKey] : '';
    const list = listKey && Array.isArray(group[listKey]) ? (group[listKey] as unknown[]) : [];
    rows.push(headingRow(`(${i + 1}) ${name}`, depth + 1));
    rows.push({ kind: 'row', depth: depth + 1, cells: [{ ...numberedList(list, 3), colSpan: 2 }, {}], height: Math.ceil(list.length / 3) * lineHeight + 8 });
  });
  return rows;
}

/**
 * Rows → bordered tables, one per top-level group: a table starts at each heading of depth 0 and holds all
 * rows of its group, nested headings included; depth-0 rows outside any group share a table. The group's
 * leading heading rows repeat at the top of every page the group continues on, and stay with its first row.
 * A nested heading is kept with the row after it by drawing both in one table row (an inner table without
 * outer borders, see `pair`). Rows never split across pages, unless the group has a row taller than a page.
 * Tables follow each other without a gap, so they read as one table.
 */
function tables(rows: Row[]): Node[] {
  const out: Node[] = [];
  let current: Row[] = [];
  const flush = () => {
    if (current.length === 0) return;
    // Header rows: the leading headings that enclose the whole group (no later heading is as shallow).
    let headerRows = 0;
    while (current[headerRows]?.kind === 'heading' && current.slice(headerRows + 1).every((r) => r.kind !== 'heading' || r.depth > current[headerRows]!.depth)) headerRows++;
    if (headerRows === current.length) headerRows = 0;
    const long = current.some((r) => r.height > longRowHeight);
    const body: Node[][] = current.slice(0, headerRows).map((r) => r.cells);
    for (let i = headerRows; i < current.length; i++) {
      if (current[i]!.kind !== 'heading') {
        body.push(current[i]!.cells);
        continue;
      }
      let end = i;
      while (current[end]?.kind === 'heading') end++;
      const next = current[end];
      if (!next || next.height > longRowHeight) {
        body.push(...current.slice(i, end).map((r) => r.cells));
        i = end - 1;
      } else {
        body.push(pair(current.slice(i, end + 1)));
        i = end;
      }
    }
    const table: Node = { widths: [labelWidth, '*'], body };
    if (headerRows > 0) {
      table.headerRows = headerRows;
      if (!long) table.keepWithHeaderRows = 1;
    }
    if (!long) table.dontBreakRows = true;
    // The first table's top border is drawn; later tables overlap the previous bottom border (even lines).
    out.push({ table, layout: 'form', ...(out.length > 0 ? { margin: [0, -formLine, 0, 0] } : {}) });
    current = [];
  };
  for (const row of rows) {
    const grouped = current.length > 0 && (current[0]!.kind === 'heading' || current.some((r) => r.depth > 0));
    if (row.depth === 0 && (row.kind === 'heading' || grouped)) flush();
    current.push(row);
  }
  flush();
  return out;
}

/**
 * Heading rows and the row after them as one row of the outer table: an inner table over the whole row
 * (margins cancel the cell padding) that draws only its inner lines, so it looks like the rows it holds and
 * cannot be split from them. The structure tree reads its rows as rows of the outer table ('Flatten').
 */
function pair(rows: Row[]): Node[] {
  return [{ table: { widths: [labelWidth, '*'], body: rows.map((r) => r.cells), dontBreakRows: true }, layout: 'formInner', tag: 'Flatten', colSpan: 2, margin: [-4, -3, -4, -3] }, {}];
}

// ---------------------------------------------------------------------------------------------------------
// Pages

/** Each section starts a page, so its title is never left at a page foot. */
/** A section starts a page; `section-continued` (x-render) follows the previous section on its page, as 様式2 Ⅲ does. */
function sectionTitle(label: string, continued = false): Node {
  return continued ? text(label, { ...styles.section, tag: 'H2', margin: [0, 18, 0, 6] }) : text(label, { ...styles.section, tag: 'H2', pageBreak: 'before' });
}

function coverPage(root: JsonSchema, schema: JsonSchema, value: unknown): Node[] {
  const data = isObject(value) ? value : {};
  const fields = Object.entries(schema.properties ?? {}).map(([key, raw]) => {
    const sub = resolveRef(root, raw);
    return { label: sub.title ?? key, value: leafValue(root, sub, key, data[key], key in data, (schema.required ?? []).includes(key)) };
  });
  const [first, second, ...rest] = fields;
  const body: Node[][] = [];
  if (first && second) {
    body.push([text(first.label, styles.coverLabel), text(second.label, styles.coverLabel)]);
    body.push([{ ...first.value, ...styles.coverValue, alignment: 'center' }, { ...second.value, ...styles.coverValue }]);
  }
  for (const field of rest) {
    body.push([text(field.label, { ...styles.coverLabel, colSpan: 2 }), {}]);
    body.push([{ ...field.value, ...styles.coverValue, colSpan: 2 }, {}]);
  }
  const tag = formTag(root);
  return [
    tag ? text(tag, { alignment: 'right', fontSize: 8, color: colors.faint }) : { text: '' },
    text(root.title ?? '', { ...styles.title, tag: 'H1' }),
    { table: { widths: [90, '*'], body, dontBreakRows: true }, layout: 'form' },
  ];
}

/**
 * The corner tag of the 様式 with its edition, 「[令和6年10月 様式3]」: x-form.tag if the schema gives one, else
 * the 和暦 month the edition starts with and the form code.
 */
export function formTag(root: JsonSchema): string | undefined {
  const form = root['x-form'] as { code?: string; edition?: string; tag?: string } | undefined;
  if (!form) return undefined;
  if (form.tag) return form.tag;
  const edition = /^((?:令和|平成)(?:\d+|元)年\d+月)/.exec(form.edition ?? '')?.[1];
  return `[${[edition, form.code].filter(Boolean).join(' ')}]`;
}

function contentsPage(root: JsonSchema): Node[] {
  const entries = Object.entries(root.properties ?? {})
    .map(([key, raw]) => ({ key, sub: resolveRef(root, raw) }))
    .filter(({ sub }) => sub['x-render'] === 'section' || sub['x-render'] === 'section-continued' || sub['x-render'] === 'change-table')
    .map(({ key, sub }) => text(sectionLabel(sub, key), { margin: [20, 4, 0, 4], fontSize: 11 }));
  return [sectionTitle('項目一覧'), { stack: entries, tag: 'L' }];
}

function sectionContent(root: JsonSchema, key: string, schema: JsonSchema, value: unknown, present: boolean): Node[] {
  const title = sectionTitle(sectionLabel(schema, key) + sectionMark(root, schema), schema['x-render'] === 'section-continued');
  if (!present) return [title, ...tables([valueRow(schema.title ?? key, absent((root.required ?? []).includes(key)), 0, lineHeight + 6)])];
  if (schema.type === 'array') {
    // Per-file sections (Ⅱ, 別添1): the file is named only when there are several, as in itemPath.
    if (!Array.isArray(value) || value.length === 0) return [title, ...tables([valueRow(schema.title ?? key, text('—'), 0, lineHeight + 6)])];
    const items = resolveRef(root, schema.items!);
    const rows: Row[] = [];
    value.forEach((element, i) => {
      if (value.length > 1 && schema['x-repeat']) rows.push(headingRow(schema['x-repeat'].replace('{n}', String(i + 1)), 0));
      if (isObject(element)) rows.push(...objectRows(root, items, element, 0));
    });
    return [title, ...tables(rows)];
  }
  if (!isObject(value)) return [title, ...tables([valueRow(schema.title ?? key, blank(), 0, lineHeight + 6)])];
  const rows: Row[] = [];
  // Items are printed by objectRows in runs between Ⅲ's per-file blocks (so a count still follows its item).
  let run: Record<string, JsonSchema> = {};
  const flush = () => {
    rows.push(...objectRows(root, { properties: run, required: schema.required ?? [] }, value, 0));
    run = {};
  };
  for (const [childKey, raw] of Object.entries(schema.properties ?? {})) {
    const sub = resolveRef(root, raw);
    // Ⅲ's per-file block: files are named only when there are several.
    if (sub.type === 'array' && sub['x-repeat'] && !sub['x-item']) {
      flush();
      const list = value[childKey];
      rows.push(...repeatRows(root, sub, childKey, list, childKey in value, (schema.required ?? []).includes(childKey), 0, Array.isArray(list) && list.length > 1));
    } else {
      run[childKey] = raw;
    }
  }
  flush();
  return [title, ...tables(rows)];
}

/** (別添2) 変更箇所: one row per change, all columns from the schema; the header row repeats on every page. */
function changeTable(root: JsonSchema, key: string, schema: JsonSchema, value: unknown, present: boolean): Node[] {
  const title = sectionTitle(sectionLabel(schema, key));
  const items = resolveRef(root, schema.items ?? {});
  const columns = Object.entries(items.properties ?? {})
    .map(([k, raw]) => ({ key: k, sub: resolveRef(root, raw) }))
    .filter(({ sub }) => sub['x-render'] !== 'hidden');
  const rows = Array.isArray(value) ? value.filter(isObject) : [];
  // Column widths: fixed for dates and choices; text columns get a minimum, the rest by average text length.
  const fixed = (c: { sub: JsonSchema }) => (c.sub['x-render'] === 'date' ? 72 : c.sub['x-render'] === 'choice' ? 30 : 0);
  const minimum = 60;
  const weight = (c: { key: string }) => Math.max(8, rows.reduce((s, r) => s + [...String(r[c.key] ?? '')].length, 0) / Math.max(1, rows.length));
  const textColumns = columns.filter((c) => !fixed(c));
  const free = contentWidth - columns.reduce((s, c) => s + fixed(c), 0) - columns.length * 8 - textColumns.length * minimum;
  const totalWeight = textColumns.reduce((s, c) => s + weight(c), 0);
  const widths = columns.map((c) => fixed(c) || minimum + Math.floor((free * weight(c)) / totalWeight));
  const size = 7.5;
  const header = columns.map((c) => text(c.sub.title ?? c.key, styles.tableHeader));
  const body: Node[][] = [header];
  let long = false;
  for (const row of rows) {
    body.push(columns.map((c) => {
      const cell = row[c.key];
      if (!(c.key in row)) return absent((items.required ?? []).includes(c.key));
      if (cell === null || cell === undefined) return blank();
      return text(c.sub['x-render'] === 'date' ? dateText(String(cell)) : String(cell));
    }));
    const height = Math.max(...columns.map((c, i) => estimateHeight(String(row[c.key] ?? ''), widths[i]!, size)));
    if (height > longRowHeight) long = true;
  }
  if (!present || rows.length === 0) body.push([{ ...(present ? text('—') : absent((root.required ?? []).includes(key))), colSpan: columns.length }, ...columns.slice(1).map(() => ({}))]);
  return [title, { table: { widths, headerRows: 1, dontBreakRows: !long, body }, layout: 'form', fontSize: size }];
}

// ---------------------------------------------------------------------------------------------------------

/** The PDF's dates: 公表日 at midnight in Japan, so the same source gives the same bytes. */
export function documentDate(data: Record<string, unknown>, root: JsonSchema): Date {
  for (const [key, raw] of Object.entries(root.properties ?? {})) {
    const sub = resolveRef(root, raw);
    if (sub['x-render'] !== 'cover') continue;
    const cover = data[key];
    for (const [field, fieldRaw] of Object.entries(sub.properties ?? {})) {
      const value = isObject(cover) ? cover[field] : undefined;
      if (resolveRef(root, fieldRaw)['x-render'] === 'date' && typeof value === 'string') {
        const parsed = parseDate(value);
        if (parsed.ok) return new Date(`${parsed.iso}T00:00:00+09:00`);
      }
    }
  }
  return new Date('2000-01-01T00:00:00+09:00');
}

/** The cover's name of the assessment (評価書名): the first text field of the cover after its number. */
export function documentTitle(data: Record<string, unknown>, root: JsonSchema): string {
  for (const [key, raw] of Object.entries(root.properties ?? {})) {
    const sub = resolveRef(root, raw);
    if (sub['x-render'] !== 'cover') continue;
    const cover = data[key];
    const name = Object.entries(sub.properties ?? {}).find(([, s]) => resolveRef(root, s).type?.includes('string') && resolveRef(root, s)['x-render'] === 'text' && !resolveRef(root, s).type?.includes('integer'));
    if (name && isObject(cover) && typeof cover[name[0]] === 'string') return cover[name[0]] as string;
  }
  return root.title ?? '';
}

/**
 * `tagged: false` leaves out the structure tree, PDF/A and PDF/UA (only the bench uses it, to measure what
 * tagging costs).
 */
export function buildDocDefinition(source: PdfSource, options: { tagged?: boolean } = {}): DocDefinition {
  const tagged = options.tagged ?? true;
  const { data, schema: root, canonical } = source;
  const title = documentTitle(data, root);
  const date = documentDate(data, root);
  const content: Node[] = [];
  for (const [key, raw] of Object.entries(root.properties ?? {})) {
    const sub = resolveRef(root, raw);
    const kind = sub['x-render'];
    // Each part is a Sect of the structure tree.
    if (kind === 'cover') content.push({ stack: coverPage(root, sub, data[key]), tag: 'Sect' }, { stack: contentsPage(root), tag: 'Sect' });
    else if (kind === 'section' || kind === 'section-continued') content.push({ stack: sectionContent(root, key, sub, data[key], key in data), tag: 'Sect' });
    else if (kind === 'change-table') content.push({ stack: changeTable(root, key, sub, data[key], key in data), tag: 'Sect' });
  }
  if (tagged) tagContent(content);
  const shortHash = canonical.sha256.slice(0, 12);
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: margins,
    version: '1.7',
    tagged,
    ...(tagged ? { subset: 'PDF/A-3a' as const } : {}),
    language: 'ja-JP',
    displayTitle: true,
    info: {
      title,
      subject: root.title ?? '',
      keywords: `sha256:${canonical.sha256}`,
      creator: 'pia',
      producer: 'pia (pdfmake)',
      creationDate: date,
      modDate: date,
      SourceSHA256: canonical.sha256,
    },
    files: {
      [`${source.slug}.json`]: {
        src: `data:application/json;base64,${Buffer.from(canonical.json, 'utf8').toString('base64')}`,
        name: `${source.slug}.json`,
        type: 'application/json',
        description: `評価書の原本(正規形 JSON)。SHA-256: ${canonical.sha256}`,
        creationDate: date,
        modifiedDate: date,
        relationship: 'Source',
      },
    },
    defaultStyle: { font: 'BIZUDPGothic', fontSize, lineHeight: 1.15 },
    content,
    footer: (currentPage: number, pageCount: number): Node => {
      const columns: Node[] = [
        { ...text(title), width: '*' },
        { text: `SHA-256 ${shortHash}`, width: 'auto', color: colors.faint },
        { text: `${currentPage} / ${pageCount}`, width: 50, alignment: 'right' },
      ];
      if (tagged) for (const column of columns) stamp(column, footerArtifact);
      return { columns, columnGap: 12, fontSize: 7, margin: [margins[0], 16, margins[2], 0] };
    },
  };
}
