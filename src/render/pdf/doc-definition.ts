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
import { fontRuns } from './fonts.ts';

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
  coverLabel: { bold: true, fillColor: colors.heading, alignment: 'center' },
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

/**
 * One checkbox as the 様式 prints it: 「[○] 紙」 checked (bold), 「[　] 紙」 not checked. A state that could not
 * be read from the original (不明) is coloured and marked 「[？] … [不明]」.
 */
function checkbox(root: JsonSchema, schema: JsonSchema, key: string, value: unknown, present: boolean): Node {
  const title = schema.title ?? key;
  if (!present) return inline([boxes.unchecked, title, ' ', missing()]);
  const state = stateOf(value);
  const extras: (string | Node)[] = [];
  if (isObject(value)) {
    for (const [k, sub] of Object.entries(resolveRef(root, schema).properties ?? {})) {
      if (k === '選択') continue;
      const content = value[k];
      const kind = resolveRef(root, sub)['x-render'];
      if (kind === 'count') extras.push(` (${content === null || content === undefined ? '　' : String(content)}) 件`);
      else if (typeof content === 'string' && content !== '') extras.push(` (${content})`);
    }
  }
  if (state === true) return inline([boxes.checked, title, ...extras], { bold: true });
  if (state === false) return inline([boxes.unchecked, title, ...extras]);
  if (state === '不明') return inline([boxes.unknown, title, ...extras, ' ', { text: `[${state}]`, bold: true }], { color: colors.unknown });
  return inline([boxes.unchecked, title, ...extras]);
}

function checkboxList(root: JsonSchema, schema: JsonSchema, value: unknown): Node {
  const entries = Object.entries(schema.properties ?? {}).map(([k, sub]) => {
    const resolved = resolveRef(root, sub);
    const present = isObject(value) && k in value;
    return checkbox(root, resolved, k, present ? (value as Record<string, unknown>)[k] : undefined, present);
  });
  return { stack: entries };
}

function checkboxGroups(root: JsonSchema, schema: JsonSchema, value: unknown): Node {
  const groups = Object.entries(schema.properties ?? {}).map(([k, sub], i) => {
    const resolved = resolveRef(root, sub);
    const present = isObject(value) && k in value;
    const inner = present ? (value as Record<string, unknown>)[k] : undefined;
    return {
      stack: [text(`<${resolved.title ?? k}>`, { bold: true }), present ? checkboxList(root, resolved, inner) : missing()],
      margin: [0, i === 0 ? 0 : 4, 0, 0],
    };
  });
  return { stack: groups };
}

/** 「[ 十分である ]」 then 「<選択肢> 1) … 2) …」, the way the 様式 prints a choice. */
function choice(schema: JsonSchema, value: unknown): Node {
  const options = (schema.enum ?? []).filter((o): o is string => typeof o === 'string');
  const selected = typeof value === 'string' ? value : '　　　　';
  return {
    stack: [
      text(`[ ${selected} ]`, { bold: typeof value === 'string' }),
      text(`<選択肢> ${options.map((o, i) => `${i + 1}) ${o}`).join('  ')}`, styles.choices),
    ],
  };
}

/** Numbered items in a grid, row by row (so text extraction reads them in order). */
function numberedList(items: unknown[], columns = 2): Node {
  const cells = items.map((item, i) => text(`${i + 1}. ${String(item)}`));
  const rows: Node[][] = [];
  for (let i = 0; i < cells.length; i += columns) rows.push(Array.from({ length: columns }, (_, j) => cells[i + j] ?? { text: '' }));
  if (rows.length === 0) return text('—');
  return { table: { widths: Array(columns).fill('*'), body: rows }, layout: 'noBorders' };
}

/** Value cell of a leaf item (text, date, choice, count, checkbox). */
function leafValue(root: JsonSchema, schema: JsonSchema, key: string, value: unknown, present: boolean): Node {
  if (!present) return missing();
  const kind = schema['x-render'];
  if (kind === 'choice') return choice(schema, value);
  if (kind === 'checkbox') return checkbox(root, schema, key, value, present);
  if (kind === 'checkboxes') return checkboxList(root, schema, value);
  if (kind === 'checkbox-groups') return checkboxGroups(root, schema, value);
  if (kind === 'numbered-list' && Array.isArray(value)) return numberedList(value);
  if (value === null || value === undefined) return blank();
  if (kind === 'date' && typeof value === 'string') return text(dateText(value));
  return text(String(value));
}

function valueHeight(schema: JsonSchema, value: unknown, width: number): number {
  if (typeof value === 'string' && schema['x-render'] !== 'choice') return estimateHeight(value, width);
  if (schema['x-render'] === 'checkboxes' || schema['x-render'] === 'checkbox-groups') return 24 * lineHeight;
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
    cells: [text(label, { colSpan: 2, bold: true, fillColor: depth === 0 ? colors.heading : colors.subheading, margin: [depth * 6, 0, 0, 0] }), {}],
    height: lineHeight + 6,
  };
}

function labelCell(label: string, depth: number): Node {
  return text(label, { fillColor: colors.label, margin: [depth * 6, 0, 0, 0] });
}

function valueRow(label: string, value: Node, depth: number, height: number): Row {
  return { kind: 'row', depth, cells: [labelCell(label, depth), value], height };
}

function isPlainObject(schema: JsonSchema): boolean {
  return schema.type === 'object' && !['checkbox', 'checkboxes', 'checkbox-groups'].includes(schema['x-render'] ?? '');
}

/** The rows of an object, in schema order. Nested objects and repeated blocks open a heading row. */
function objectRows(root: JsonSchema, schema: JsonSchema, value: Record<string, unknown>, depth: number): Row[] {
  const rows: Row[] = [];
  let group: string | undefined;
  for (const [key, raw] of Object.entries(schema.properties ?? {})) {
    const sub = resolveRef(root, raw);
    if (sub['x-render'] === 'hidden' || sub['x-render'] === 'heading') continue;
    const present = key in value;
    const item = value[key];
    const label = itemLabel(sub, key) + significant(sub);
    const valueWidth = contentWidth - labelWidth;

    if (sub['x-group'] !== group) {
      group = sub['x-group'];
      if (group) rows.push(headingRow(group, depth));
    }
    const inner = group ? depth + 1 : depth;

    if (sub['x-render'] === 'checkbox' && !sub.properties) {
      // A lone checkbox (「[ ] 提供・移転しない」) takes the whole row.
      rows.push({ kind: 'row', depth: inner, cells: [{ ...checkbox(root, sub, key, item, present), colSpan: 2, margin: [inner * 6, 0, 0, 0] }, {}], height: lineHeight + 6 });
    } else if (sub['x-render'] === 'record-groups') {
      rows.push(...recordGroupRows(root, sub, key, item, present, inner));
    } else if (sub.type === 'array' && sub.items && sub['x-render'] !== 'numbered-list') {
      rows.push(...repeatRows(root, sub, key, item, present, inner));
    } else if (isPlainObject(sub)) {
      if (!present || !isObject(item)) {
        rows.push(valueRow(label, present ? blank() : missing(), inner, lineHeight + 6));
      } else {
        rows.push(headingRow(label, inner));
        rows.push(...objectRows(root, sub, item, inner + 1));
      }
    } else {
      rows.push(valueRow(label, leafValue(root, sub, key, item, present), inner, valueHeight(sub, item, valueWidth)));
    }
  }
  return rows;
}

/** Repeated blocks (委託事項1, 提供先1, 特定個人情報ファイル1 …): a heading per element, then its rows. */
function repeatRows(root: JsonSchema, schema: JsonSchema, key: string, value: unknown, present: boolean, depth: number, nameRepeat = true): Row[] {
  const label = itemLabel(schema, key) + significant(schema);
  if (!present) return [valueRow(label, missing(), depth, lineHeight + 6)];
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
function recordGroupRows(root: JsonSchema, schema: JsonSchema, key: string, value: unknown, present: boolean, depth: number): Row[] {
  const label = itemLabel(schema, key);
  if (!present) return [valueRow(label, missing(), depth, lineHeight + 6)];
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
 * Rows → bordered tables. A table holds its heading rows (repeated on a new page, kept with the first row)
 * and consecutive rows of one depth; rows never split across pages unless taller than a page. Tables
 * follow each other without a gap, so they read as one table.
 */
function tables(rows: Row[]): Node[] {
  const out: Node[] = [];
  let headings: Row[] = [];
  let current: { headings: Row[]; rows: Row[]; long: boolean } | undefined;
  const flush = () => {
    if (!current) return;
    const body = [...current.headings, ...current.rows].map((r) => r.cells);
    const table: Node = { widths: [labelWidth, '*'], body };
    if (current.headings.length > 0) {
      table.headerRows = current.headings.length;
      if (!current.long) table.keepWithHeaderRows = 1;
    }
    if (!current.long) table.dontBreakRows = true;
    out.push({ table, layout: 'form' });
    current = undefined;
  };
  for (const row of rows) {
    if (row.kind === 'heading') {
      flush();
      headings.push(row);
      continue;
    }
    const long = row.height > longRowHeight;
    const last = current?.rows.at(-1);
    if (!current || headings.length > 0 || long || current.long || (last && last.depth !== row.depth)) {
      flush();
      current = { headings, rows: [], long };
      headings = [];
    }
    current.rows.push(row);
  }
  if (headings.length > 0) {
    current = { headings: headings.slice(0, -1), rows: [], long: false };
    const lastHeading = headings.at(-1)!;
    current.rows.push({ ...lastHeading, kind: 'row' });
  }
  flush();
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Pages

/** Each section starts a page, so its title is never left at a page foot. */
/** A section starts a page; `section-continued` (x-render) follows the previous section on its page, as 様式2 Ⅲ does. */
function sectionTitle(label: string, continued = false): Node {
  return continued ? text(label, { ...styles.section, margin: [0, 18, 0, 6] }) : text(label, { ...styles.section, pageBreak: 'before' });
}

function coverPage(root: JsonSchema, schema: JsonSchema, value: unknown): Node[] {
  const data = isObject(value) ? value : {};
  const fields = Object.entries(schema.properties ?? {}).map(([key, raw]) => {
    const sub = resolveRef(root, raw);
    return { label: sub.title ?? key, value: leafValue(root, sub, key, data[key], key in data) };
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
  const form = root['x-form'];
  return [
    form ? text(`[${form.code}]`, { alignment: 'right', fontSize: 8, color: colors.faint }) : { text: '' },
    text(root.title ?? '', styles.title),
    { table: { widths: [90, '*'], body, dontBreakRows: true }, layout: 'form' },
  ];
}

function contentsPage(root: JsonSchema): Node[] {
  const entries = Object.entries(root.properties ?? {})
    .map(([key, raw]) => ({ key, sub: resolveRef(root, raw) }))
    .filter(({ sub }) => sub['x-render'] === 'section' || sub['x-render'] === 'section-continued' || sub['x-render'] === 'change-table')
    .map(({ key, sub }) => text(sectionLabel(sub, key), { margin: [20, 4, 0, 4], fontSize: 11 }));
  const legend = [
    inline([boxes.checked, 'チェックあり'], { bold: true }),
    inline([boxes.unchecked, 'チェックなし']),
    inline([boxes.unknown, '状態不明(原本で読み取れないもの) ', { text: '[不明]', bold: true }], { color: colors.unknown }),
    inline([missing(), ' 記載のない項目(空欄は何も表示しません)']),
    text('※ 重要な変更の対象である項目'),
  ];
  return [
    sectionTitle('項目一覧'),
    ...entries,
    text('表示について', { bold: true, margin: [0, 24, 0, 4] }),
    { stack: legend, fontSize: 8, margin: [20, 0, 0, 0] },
  ];
}

function sectionContent(root: JsonSchema, key: string, schema: JsonSchema, value: unknown, present: boolean): Node[] {
  const title = sectionTitle(sectionLabel(schema, key) + sectionMark(root, schema), schema['x-render'] === 'section-continued');
  if (!present) return [title, ...tables([valueRow(schema.title ?? key, missing(), 0, lineHeight + 6)])];
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
  for (const [childKey, raw] of Object.entries(schema.properties ?? {})) {
    const sub = resolveRef(root, raw);
    // Ⅲ's per-file block: files are named only when there are several.
    if (sub.type === 'array' && sub['x-repeat'] && !sub['x-item']) {
      const list = value[childKey];
      rows.push(...repeatRows(root, sub, childKey, list, childKey in value, 0, Array.isArray(list) && list.length > 1));
    } else {
      rows.push(...objectRows(root, { properties: { [childKey]: raw } }, value, 0));
    }
  }
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
      if (!(c.key in row)) return missing();
      if (cell === null || cell === undefined) return blank();
      return text(c.sub['x-render'] === 'date' ? dateText(String(cell)) : String(cell));
    }));
    const height = Math.max(...columns.map((c, i) => estimateHeight(String(row[c.key] ?? ''), widths[i]!, size)));
    if (height > longRowHeight) long = true;
  }
  if (!present || rows.length === 0) body.push([{ ...(present ? text('—') : missing()), colSpan: columns.length }, ...columns.slice(1).map(() => ({}))]);
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

export function buildDocDefinition(source: PdfSource): DocDefinition {
  const { data, schema: root, canonical } = source;
  const title = documentTitle(data, root);
  const date = documentDate(data, root);
  const content: Node[] = [];
  for (const [key, raw] of Object.entries(root.properties ?? {})) {
    const sub = resolveRef(root, raw);
    const kind = sub['x-render'];
    if (kind === 'cover') content.push(...coverPage(root, sub, data[key]), ...contentsPage(root));
    else if (kind === 'section' || kind === 'section-continued') content.push(...sectionContent(root, key, sub, data[key], key in data));
    else if (kind === 'change-table') content.push(...changeTable(root, key, sub, data[key], key in data));
  }
  const shortHash = canonical.sha256.slice(0, 12);
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: margins,
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
    footer: (currentPage: number, pageCount: number): Node => ({
      columns: [
        { ...text(title), width: '*' },
        { text: `SHA-256 ${shortHash}`, width: 'auto', color: colors.faint },
        { text: `${currentPage} / ${pageCount}`, width: 50, alignment: 'right' },
      ],
      columnGap: 12,
      fontSize: 7,
      margin: [margins[0], 16, margins[2], 0],
    }),
  };
}
