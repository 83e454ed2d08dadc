/**
 * Text → assessment data, by the form's plan (plan.ts). Each item is found by its printed label at the start of a
 * cell, inside the range of its parent (section → item → sub-item), choosing the labels that appear in the form's
 * order (an alignment, so a label missing from the text, or a word that repeats a label inside a value, does not
 * shift the others). A value is the text from the end of its label to the next label found.
 */
import type { JsonSchema } from '../schema/registry.ts';
import { resolveRef } from '../schema/walk.ts';
import { pointerOf } from '../model/pointer.ts';
import { escapeSegment } from '../model/access.ts';
import { parseDate } from '../model/wareki.ts';
import { perFileRoles } from '../schema/walk.ts';
import { type PlanNode } from './plan.ts';
import { cleanValue, lineOf, norm, slice, type Stream } from './text.ts';
import { markBefore, notWritten, readCheckboxes, readCheckboxGroups, readChoice, readCount, readNumbered, type Doubt } from './values.ts';

export interface Note {
  pointer: string;
  note: string;
}

export interface SectionStat {
  section: string;
  recognised: number;
  expected: number;
  missing: string[];
}

export interface Unplaced {
  line: number;
  page?: number;
  text: string;
}

export interface ParseResult {
  data: Record<string, unknown>;
  notes: Note[];
  sections: SectionStat[];
  unknown: string[];
  unplaced: Unplaced[];
}

interface Hit {
  pos: number;
  end: number;
  /** Matched with one character different. */
  fuzzy?: boolean;
}

interface Ctx {
  root: JsonSchema;
  stream: Stream;
  fromPdf: boolean;
  notes: Note[];
  unknown: string[];
  unplaced: Unplaced[];
  stat?: SectionStat;
  /** Per-file entries get the same ID in every section (Ⅱ, 別添, Ⅲ), as the form links them. */
  fileIds: string[];
  /** Labels of the form's items (6 characters or more): a value never runs over one at the start of a cell. */
  strong: string[];
  /** Cover labels side by side (評価書番号 | 評価書名): the offset of the cell the first label took, by the second's position. */
  sharedRow: Map<number, number>;
}

/** Text that is only the ※ mark, its exceptions 「※(7. ②を除く。)」, a dash, or layout. */
const ignorable = (t: string) => t.replace(/※[(（][^)）]*除く[^)）]*[)）]|※|\[不明\]|（未記載）|[\s\u3000]/gu, '') === '';

function cellCandidates(ctx: Ctx, labels: string[], from: number, to: number, lineStart = false): Hit[] {
  const { norm: n, cellStarts, lineStartsNorm } = ctx.stream;
  const out: Hit[] = [];
  const starts = lineStart ? lineStartsNorm : cellStarts;
  for (const label of labels) {
    for (let at = n.indexOf(label, from); at >= 0 && at < to; at = n.indexOf(label, at + 1)) {
      if (!starts.has(at)) continue;
      const end = at + label.length;
      // 「委託事項1」 is not 「委託事項12」 nor 「委託事項1～5」.
      if (/\d$/.test(label) && /^[\d~〜～０-９-]/u.test(ctx.stream.text.slice(ctx.stream.map[end - 1]! + 1, ctx.stream.map[end - 1]! + 2))) continue;
      if (end > to) continue;
      out.push({ pos: at, end });
    }
  }
  if (out.length === 0) {
    // A label misprinted by one character (「従業員」 for 「従業者」): accepted for labels of 8 characters or more.
    for (const label of labels) {
      if ([...label].length < 8) continue;
      for (const at of ctx.stream.cellStartList) {
        if (at < from) continue;
        if (at + label.length > to) break;
        if (!starts.has(at)) continue;
        let diff = 0;
        for (let k = 0; k < label.length && diff <= 1; k++) if (n.charCodeAt(at + k) !== label.charCodeAt(k)) diff++;
        if (diff === 1) out.push({ pos: at, end: at + label.length, fuzzy: true });
      }
    }
  }
  // One hit per position: the longest label.
  const best = new Map<number, Hit>();
  for (const h of out) if (!best.has(h.pos) || best.get(h.pos)!.end < h.end) best.set(h.pos, h);
  return [...best.values()].sort((a, b) => a.pos - b.pos);
}

/**
 * The longest chain of label hits in the children's order with increasing positions (earliest chain among the
 * longest). Children not in the chain are not in the text.
 */
function align(ctx: Ctx, children: PlanNode[], from: number, to: number, lineStart = false, latest = false): (Hit | undefined)[] {
  const pairs: { child: number; hit: Hit }[] = [];
  children.forEach((c, i) => {
    if (c.labels.length === 0) return;
    for (const hit of cellCandidates(ctx, c.labels, from, to, lineStart)) pairs.push({ child: i, hit });
  });
  pairs.sort((a, b) => a.hit.pos - b.hit.pos || a.child - b.child);
  const best = new Array<number>(pairs.length).fill(1);
  const next = new Array<number>(pairs.length).fill(-1);
  for (let i = pairs.length - 1; i >= 0; i--) {
    for (let j = i + 1; j < pairs.length; j++) {
      if (pairs[j]!.child > pairs[i]!.child && pairs[j]!.hit.pos >= pairs[i]!.hit.end && best[j]! + 1 > best[i]!) {
        best[i] = best[j]! + 1;
        next[i] = j;
      }
    }
  }
  const out: (Hit | undefined)[] = children.map(() => undefined);
  if (latest) {
    // The same from the end: the longest chain of the latest hits (section titles: the 項目一覧 lists them first).
    const bestL = new Array<number>(pairs.length).fill(1);
    const prev = new Array<number>(pairs.length).fill(-1);
    for (let i = 0; i < pairs.length; i++) {
      for (let j = i - 1; j >= 0; j--) {
        if (pairs[j]!.child < pairs[i]!.child && pairs[j]!.hit.end <= pairs[i]!.hit.pos && bestL[j]! + 1 > bestL[i]!) {
          bestL[i] = bestL[j]! + 1;
          prev[i] = j;
        }
      }
    }
    let end = -1;
    for (let i = pairs.length - 1; i >= 0; i--) if (end < 0 || bestL[i]! > bestL[end]!) end = i;
    for (let i = end; i >= 0; i = prev[i]!) out[pairs[i]!.child] = pairs[i]!.hit;
    return out;
  }
  let start = -1;
  for (let i = 0; i < pairs.length; i++) if (start < 0 || best[i]! > best[start]!) start = i;
  for (let i = start; i >= 0; i = next[i]!) out[pairs[i]!.child] = pairs[i]!.hit;
  return out;
}

function note(ctx: Ctx, pointer: string, text: string): void {
  ctx.notes.push({ pointer, note: text });
}

function addUnplaced(ctx: Ctx, from: number, to: number): void {
  const text = slice(ctx.stream, from, to);
  if (ignorable(text)) return;
  const line = lineOf(ctx.stream, from);
  const cleaned = cleanValue(text, ctx.fromPdf);
  if (cleaned === '' || ignorable(cleaned)) return;
  ctx.unplaced.push({ line: line + 1, page: ctx.stream.lines[line]?.page, text: cleaned.slice(0, 200) });
}

function isBlank(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === '') return true;
  if (Array.isArray(value)) return value.every(isBlank);
  if (typeof value === 'object') return Object.values(value as Record<string, unknown>).every(isBlank);
  return false;
}

const allows = (schema: JsonSchema, type: string) => schema.type === type || (Array.isArray(schema.type) && schema.type.includes(type));

/** A leaf's value from its cell text. undefined: not readable (left out, with a note). */
function leafValue(ctx: Ctx, node: PlanNode, raw: string, pointer: string, doubts: Doubt[], fromPos = 0): unknown {
  const schema = node.schema;
  const render = schema['x-render'];
  if (render === 'choice') return readChoice(schema, cleanValue(raw, ctx.fromPdf), doubts);
  if (render === 'checkboxes') return readCheckboxes(ctx.root, schema, cleanValue(raw, ctx.fromPdf), doubts, '');
  if (render === 'checkbox-groups') return readCheckboxGroups(ctx.root, schema, cleanValue(raw, ctx.fromPdf), doubts, '');
  if (render === 'numbered-list') return readNumbered(raw);
  const text = cleanValue(raw, ctx.fromPdf);
  if (text === '') return null;
  if (text === notWritten) return undefined;
  if (render === 'date') {
    const date = dateText(text, doubts);
    if (date !== text && date !== text.normalize('NFKC')) {
      // The text after the date belongs to no item found here.
      const line = lineOf(ctx.stream, fromPos);
      ctx.unplaced.push({ line: line + 1, page: ctx.stream.lines[line]?.page, text: text.slice(text.indexOf(' ') + 1).slice(0, 200) });
    }
    return date;
  }
  if (allows(schema, 'integer') && /^[0-9０-９]+$/u.test(text)) return Number(text.normalize('NFKC'));
  return text;
}

/** A date as printed; 全角の数字 (令和８年３月３０日) is the same date, written in the width the validator reads. */
function dateText(text: string, doubts: Doubt[]): string {
  if (parseDate(text).ok) return text;
  if (parseDate(text.normalize('NFKC')).ok) return text.normalize('NFKC');
  // A date followed by other text (a heading that was not recognised): the date alone, with a note.
  const first = /^\S+/u.exec(text)?.[0] ?? '';
  if (first !== text && parseDate(first.normalize('NFKC')).ok) {
    doubts.push({ note: `日付の後ろの「${text.slice(first.length).trim().slice(0, 40)}」は取り込んでいません` });
    return first.normalize('NFKC');
  }
  if (text !== '—' && text !== '-') doubts.push({ note: `日付として読めません(「${text}」)` });
  return text;
}

function collectUnknown(ctx: Ctx, pointer: string, value: unknown): void {
  if (value === '不明') ctx.unknown.push(pointer);
  else if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) collectUnknown(ctx, k === '選択' ? pointer : `${pointer}/${escapeSegment(k)}`, v);
  }
}

function countLeaves(ctx: Ctx, found: boolean, node: PlanNode): void {
  if (!ctx.stat) return;
  ctx.stat.expected++;
  if (found) ctx.stat.recognised++;
  else ctx.stat.missing.push(node.printed);
}

/** The children of an object in [from, to): their values in schema order. */
function parseChildren(ctx: Ctx, children: PlanNode[], from: number, to: number, pointer: string[], out: Record<string, unknown>, cover = false): void {
  const hits = align(ctx, children, from, to);
  // Ⅲ's per-file block has no heading when there is one file: it runs from the start to the next item found.
  children.forEach((c, i) => {
    // So do (別添) 記録項目 groups printed without the 「記録項目」 label.
    if (((c.kind === 'repeat' && c.namedOnlyIfSeveral) || c.kind === 'records') && !hits[i] && hits.slice(0, i).every((h) => h === undefined)) hits[i] = { pos: from, end: from };
  });
  hits.forEach((h, i) => {
    if (h?.fuzzy) note(ctx, pointerOf([...pointer, children[i]!.key]), `見出し「${cleanValue(slice(ctx.stream, h.pos, h.end), ctx.fromPdf)}」を様式の「${children[i]!.printed}」とみなしました(1 文字違い)`);
  });
  /** Where the text before a child ends: before the mark of a lone checkbox (「[ ] 提供・移転しない」). */
  const endBefore = (i: number, h: Hit): number => {
    if (children[i]!.kind !== 'lone') return h.pos;
    const mark = markBefore(ctx.stream.text, ctx.stream.map[h.pos]!);
    return mark ? normPos(ctx.stream, mark.start) : h.pos;
  };
  const found = hits.map((h, i) => ({ h, i })).filter((x): x is { h: Hit; i: number } => x.h !== undefined);
  if (found.length > 0) addUnplaced(ctx, from, endBefore(found[0]!.i, found[0]!.h));
  else addUnplaced(ctx, from, to);
  // Side-by-side labels with nothing between them (評価書番号 | 評価書名): their values share the next row.
  children.forEach((child, i) => {
    const hit = hits[i];
    if (child.kind === 'group') return;
    if (!hit) {
      markMissing(ctx, child);
      return;
    }
    const nextChild = found.find((f) => f.i > i);
    let end = nextChild ? endBefore(nextChild.i, nextChild.h) : to;
    const here = [...pointer, child.key];
    if (cover && nextChild && child.kind === 'leaf' && children[nextChild.i]!.kind === 'leaf' && ignorable(slice(ctx.stream, hit.end, nextChild.h.pos))) {
      // This label's value is the first cell after the next label.
      const afterNext = found.find((f) => f.i > nextChild.i)?.h.pos ?? to;
      const region = slice(ctx.stream, nextChild.h.end, afterNext);
      const cells = region.split(/[\t\n]/u).map((c) => c.trim()).filter((c) => c !== '');
      if (cells.length >= 2) {
        const value = leafValue(ctx, child, cells[0]!, pointerOf(here), []);
        if (value !== undefined) out[child.key] = value;
        countLeaves(ctx, value !== undefined, child);
        ctx.sharedRow.set(nextChild.h.pos, region.indexOf(cells[0]!) + cells[0]!.length);
        return;
      }
    }
    let start = hit.end;
    const shared = ctx.sharedRow.get(hit.pos);
    if (shared !== undefined) {
      // Skip the cell the previous label took.
      const offset = ctx.stream.map[hit.end]! + shared;
      while (start < end && ctx.stream.map[start]! < offset) start++;
    }
    end = Math.max(start, end);
    parseNode(ctx, child, hit, start, end, here, out);
  });
}

function markMissing(ctx: Ctx, node: PlanNode): void {
  if (node.kind === 'object') for (const c of node.children) markMissing(ctx, c);
  else if (node.kind === 'repeat') markMissing(ctx, node.element!);
  else if (node.kind !== 'group') countLeaves(ctx, false, node);
}

function parseNode(ctx: Ctx, node: PlanNode, hit: Hit, from: number, to: number, pointer: string[], out: Record<string, unknown>): void {
  const ptr = pointerOf(pointer);
  if (node.kind === 'object') {
    const obj: Record<string, unknown> = {};
    parseChildren(ctx, node.children, from, to, pointer, obj);
    if (Object.keys(obj).length > 0) out[node.key] = obj;
    return;
  }
  if (node.kind === 'lone') {
    const mark = markBefore(ctx.stream.text, ctx.stream.map[hit.pos]!);
    const state = mark?.state ?? '不明';
    if (!mark) note(ctx, ptr, 'チェック欄の印が読めないため「不明」にしました');
    out[node.key] = state;
    collectUnknown(ctx, ptr, state);
    countLeaves(ctx, true, node);
    addUnplaced(ctx, from, to);
    return;
  }
  if (node.kind === 'repeat') {
    out[node.key] = parseRepeat(ctx, node, hit, to, pointer);
    return;
  }
  if (node.kind === 'records') {
    out[node.key] = parseRecords(ctx, from, to, pointer);
    countLeaves(ctx, true, node);
    return;
  }
  // leaf: a value ends before another item's label at the start of a cell (an item that was not found where the
  // form puts it; its text is reported as not placed rather than read into this value).
  const cut = strongLabelIn(ctx, from, to);
  if (cut !== undefined) {
    addUnplaced(ctx, cut, to);
    to = cut;
  }
  let raw = slice(ctx.stream, from, to);
  if (node.schema['x-significant-change'] === true) raw = raw.replace(/^[\s\u3000]*※/u, '');
  const doubts: Doubt[] = [];
  let count: number | null | undefined;
  if (node.count) {
    const c = readCount(raw);
    if (c) {
      count = c.count;
      raw = c.rest;
    }
  }
  const value = leafValue(ctx, node, raw, ptr, doubts, from);
  if (value !== undefined) out[node.key] = value;
  if (node.count) out[node.count] = count ?? null;
  for (const d of doubts) note(ctx, ptr, d.note);
  collectUnknown(ctx, ptr, value);
  countLeaves(ctx, value !== undefined, node);
}

function strongLabelIn(ctx: Ctx, from: number, to: number): number | undefined {
  const list = ctx.stream.cellStartList;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! <= from) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < list.length && list[i]! < to; i++) {
    const at = list[i]!;
    for (const label of ctx.strong) if (ctx.stream.norm.startsWith(label, at)) return at;
  }
  return undefined;
}

function entryId(node: PlanNode, index: number): string {
  const role = node.schema['x-role'] ?? '';
  if (perFileRoles.has(role)) return `file-${index + 1}`;
  const prefix = (role.split('.')[0] ?? '').replace(/[^a-z0-9-]/g, '') || 'entry';
  return `${prefix}-${index + 1}`;
}

/** A repeated block: its elements start at 「委託事項1」「委託事項2」…; 「委託事項2～5」 lines are empty templates. */
function parseRepeat(ctx: Ctx, node: PlanNode, hit: Hit, to: number, pointer: string[]): unknown[] {
  const { norm: n } = ctx.stream;
  const prefix = node.template ? norm(node.template.split('{n}')[0]!) : '';
  const bounds: { pos: number; end: number; index?: number }[] = [];
  if (prefix) {
    for (let at = n.indexOf(prefix, hit.pos); at >= 0 && at < to; at = n.indexOf(prefix, at + 1)) {
      if (!ctx.stream.cellStarts.has(at)) continue;
      // The number as printed, on the same line (「特定個人情報ファイル1」 then 「1. 特定個人情報ファイル名」 is not 11).
      const after = ctx.stream.map[at + prefix.length - 1]! + 1;
      const m = /^[ \u3000]*([0-9０-９]+)([ \u3000]*[~〜～-][ \u3000]*[0-9０-９]+)?/u.exec(ctx.stream.text.slice(after, after + 16));
      if (!m) continue;
      const digits = norm(m[0]).length;
      bounds.push({ pos: at, end: at + prefix.length + digits, index: m[2] ? undefined : Number(m[1]!.normalize('NFKC')) });
    }
  }
  const elements: { from: number; to: number; nameFrom: number }[] = [];
  if (bounds.length === 0) {
    const text = cleanValue(slice(ctx.stream, hit.end, to), ctx.fromPdf);
    if (text === '—' || text === '-' || text === '') {
      if (text === '') markMissing(ctx, node.element!);
      return [];
    }
    if (!node.namedOnlyIfSeveral) {
      // A label without numbers: nothing to split on.
      addUnplaced(ctx, hit.end, to);
      markMissing(ctx, node.element!);
      return [];
    }
    elements.push({ from: hit.pos === hit.end ? hit.pos : hit.end, to, nameFrom: -1 });
  } else {
    bounds.forEach((b, i) => {
      const end = bounds[i + 1]?.pos ?? to;
      if (b.index === undefined) return;
      elements.push({ from: b.end, to: end, nameFrom: b.end });
    });
    if (bounds[0]!.pos > hit.end) addUnplaced(ctx, hit.end, bounds[0]!.pos);
  }
  const out: unknown[] = [];
  for (const element of elements) {
    const index = out.length;
    const entry: Record<string, unknown> = {};
    let from = element.from;
    if (node.headingKey && element.nameFrom >= 0) {
      // The name printed on the heading row, up to the end of that line.
      const text = ctx.stream.text;
      // Right after the label's last character (not at the next printed character, which may be on the next line).
      const start = ctx.stream.map[element.nameFrom - 1]! + 1;
      const eol = text.indexOf('\n', start);
      let lineEnd = eol < 0 ? text.length : eol;
      let name = cleanValue(text.slice(start, lineEnd), false);
      // In a PDF the name may be the next cell of the same row (the same page and baseline).
      const row = lineOf(ctx.stream, element.nameFrom - 1);
      const here = ctx.stream.lines[row];
      if (name === '' && here?.y !== undefined) {
        const cells: string[] = [];
        for (let k = row + 1; k < ctx.stream.lines.length; k++) {
          const next = ctx.stream.lines[k]!;
          if (next.page !== here.page || Math.abs((next.y ?? -1e9) - here.y) > 1) break;
          cells.push(next.text);
          const e = ctx.stream.text.indexOf('\n', ctx.stream.lineStarts[k]!);
          lineEnd = e < 0 ? text.length : e;
        }
        // And the lines the name cell wraps onto (the same left edge, before the next label).
        const x = ctx.stream.lines[row + cells.length]?.x;
        for (let k = row + cells.length + 1; cells.length > 0 && x !== undefined && k < ctx.stream.lines.length; k++) {
          const next = ctx.stream.lines[k]!;
          if (next.page !== here.page || Math.abs((next.x ?? -1e9) - x) > 1) break;
          cells.push(next.text);
          const e = ctx.stream.text.indexOf('\n', ctx.stream.lineStarts[k]!);
          lineEnd = e < 0 ? text.length : e;
        }
        name = cleanValue(cells.join('\n'), true);
      }
      entry[node.headingKey] = name === '' ? null : name;
      while (from < element.to && ctx.stream.map[from]! < lineEnd) from++;
    }
    const here = [...pointer, String(index)];
    const saved = ctx.stat ? { ...ctx.stat, missing: [...ctx.stat.missing] } : undefined;
    parseChildren(ctx, node.element!.children, from, element.to, here, entry);
    if (isBlank(entry)) {
      // An empty template block (提供先1 with nothing filled in): not an entry.
      if (ctx.stat && saved) Object.assign(ctx.stat, saved);
      continue;
    }
    const fileRole = perFileRoles.has(node.schema['x-role'] ?? '');
    const id = fileRole ? (ctx.fileIds[index] ??= entryId(node, index)) : entryId(node, index);
    out.push({ ID: id, ...entry });
  }
  return out;
}

/** (別添) 記録項目: group names 「(1) 資格履歴」「◆資格履歴」, each followed by its numbered items. */
function parseRecords(ctx: Ctx, from: number, to: number, pointer: string[]): unknown[] {
  const first = lineOf(ctx.stream, from);
  const last = lineOf(ctx.stream, Math.max(from, to - 1));
  const sourceLines = ctx.stream.lines.slice(first, last + 1).filter((l) => l.text.trim() !== '');
  const lines = sourceLines.map((l) => l.text.replace(/\t/g, ' ').trim());
  // The right edge of the widest line starting at each left edge: a line that reaches it was wrapped.
  const widest = new Map<number, number>();
  for (const l of sourceLines) if (l.x !== undefined) widest.set(Math.round(l.x), Math.max(widest.get(Math.round(l.x)) ?? 0, l.right ?? 0));
  const wrapped = (i: number) => {
    const l = sourceLines[i];
    return l?.x !== undefined && (l.right ?? 0) >= (widest.get(Math.round(l.x)) ?? Infinity) - 15;
  };
  const groups: { name: string; body: string[] }[] = [];
  const marked = (line: string) => /^(?:[(（][0-9０-９]+[)）]|[◆■●◇□○])/u.test(line);
  for (const [i, line] of lines.entries()) {
    const items = /^[0-9０-９]+[.．]/u.test(line);
    // A group name stands on its own line: marked (「(1) 資格履歴」「◆資格履歴」), or a line with no numbered item
    // and no separator that does not continue a wrapped line (PDF: the line before it reached its cell's edge).
    const continues = ctx.fromPdf && i > 0 && (groups.at(-1)?.body.length ?? 0) > 0 && wrapped(i - 1);
    const name = marked(line) || (!items && !continues && !/[0-9０-９]+[.．]|[,、，]/u.test(line));
    if (!name) {
      if (groups.length === 0) groups.push({ name: '', body: [] });
      groups.at(-1)!.body.push(line);
    } else {
      groups.push({ name: line.replace(/^(?:[(（][0-9０-９]+[)）]|[◆■●◇□○])[\s\u3000]*/u, '').trim(), body: [] });
    }
  }
  const joined = (body: string[]) => {
    if (!ctx.fromPdf) return body.join(' ');
    // In a PDF, each item is a cell and a wrapped cell continues on the next line without a number.
    let out = '';
    for (const line of body) out += /^[0-9]+[.．]/u.test(line) ? ` ${line}` : line;
    return out;
  };
  void pointer;
  return groups
    .filter((g) => g.name !== '' || g.body.length > 0)
    .map((g, i) => {
      const items = readNumbered(joined(g.body));
      return { ID: `records-${i + 1}`, 名称: g.name === '' ? null : g.name, 項目: items };
    });
}

/** (別添) 変更箇所: the header row names the columns; each following row is a change. */
function parseChanges(ctx: Ctx, node: PlanNode, from: number, to: number): unknown[] {
  const items = resolveRef(ctx.root, node.schema.items ?? {});
  const columns = Object.entries(items.properties ?? {})
    .map(([key, raw]) => ({ key, sub: resolveRef(ctx.root, raw) }))
    .filter(({ sub }) => sub['x-render'] !== 'hidden');
  const titles = columns.map((c) => norm(c.sub.title ?? c.key));
  // The section title's line is not part of the table.
  const first = lineOf(ctx.stream, Math.max(0, from - 1)) + 1;
  const last = lineOf(ctx.stream, Math.max(from, to - 1));
  const lines = ctx.stream.lines.slice(first, last + 1);
  const rows: string[][] = [];
  if (!ctx.fromPdf) {
    // Cells are separated by tabs; a line break inside a cell continues that cell on the next line, so a row
    // is complete when it has a cell for every column. A date in the first cell also starts a row.
    let header = false;
    const dateFirst = columns[0]?.sub['x-render'] === 'date';
    let current: string[] | undefined;
    for (const line of lines) {
      const cells = line.text.split('\t').map((c) => c.trim());
      if (!header && cells.map(norm).filter((c) => titles.includes(c)).length >= Math.min(3, titles.length)) {
        header = true;
        continue;
      }
      if (!header || cells.every((c) => c === '')) continue;
      const startsRow = !current || current.length >= columns.length || (dateFirst && current.length >= 2 && parseDate(cells[0]!.normalize('NFKC')).ok && cells.length >= 2);
      if (startsRow) {
        current = [...cells];
        rows.push(current);
      } else {
        current![current!.length - 1] = `${current!.at(-1)}\n${cells[0]}`;
        current!.push(...cells.slice(1));
      }
    }
    for (let r = 0; r < rows.length; r++) rows[r] = rows[r]!.slice(0, columns.length);
  } else {
    // Header cells (possibly wrapped) give the columns: a body cell belongs to the column whose header text ends
    // last before the cell starts.
    const rights: number[] = [];
    let i = 0;
    let acc = '';
    let right = 0;
    for (; i < lines.length && rights.length < titles.length; i++) {
      const t = norm(lines[i]!.text);
      if (t === '') continue;
      acc += t;
      right = Math.max(right, lines[i]!.right ?? 0);
      const want = titles[rights.length]!;
      if (acc === want) {
        rights.push(right);
        acc = '';
        right = 0;
      } else if (!want.startsWith(acc)) {
        acc = '';
        right = 0;
        if (rights.length > 0) break;
      }
    }
    if (rights.length < titles.length) {
      note(ctx, pointerOf([node.key]), '変更箇所の表の見出し行が読めないため、行を取り込んでいません');
      addUnplaced(ctx, from, to);
      return [];
    }
    const headerText = new Set(titles);
    let row: string[][] | undefined;
    let col = -1;
    let pendingHeader = '';
    for (; i < lines.length; i++) {
      const line = lines[i]!;
      const t = norm(line.text);
      // The header row repeats on every page.
      if (headerText.has(t) || titles.some((h) => h.startsWith(pendingHeader + t) && pendingHeader + t !== '' && h !== pendingHeader + t && line.x !== undefined && (line.right ?? 0) <= rights[titles.indexOf(h)]! + 1)) {
        pendingHeader = headerText.has(t) ? '' : pendingHeader + t;
        continue;
      }
      if (pendingHeader !== '' && titles.includes(pendingHeader + t)) {
        pendingHeader = '';
        continue;
      }
      pendingHeader = '';
      const x = line.x ?? 0;
      let c = 0;
      while (c < rights.length - 1 && rights[c]! < x) c++;
      if (c === 0 && (col > 0 || !row)) {
        row = columns.map(() => []);
        rows.push(row as unknown as string[]);
      }
      col = c;
      if (row) row[c]!.push(line.text);
    }
    for (let r = 0; r < rows.length; r++) rows[r] = (rows[r] as unknown as string[][]).map((cell) => cell.join('\n'));
  }
  // An empty table prints one row 「—」.
  const filled = rows.filter((cells) => cells.some((c) => !/^[\s\u3000—-]*$/u.test(c ?? '')));
  return filled.map((cells, r) => {
    const entry: Record<string, unknown> = { ID: `change-${r + 1}` };
    columns.forEach((c, k) => {
      const text = cleanValue(cells[k] ?? '', ctx.fromPdf);
      const ptr = pointerOf([node.key, String(r), c.key]);
      if (c.sub['x-render'] === 'choice') {
        const doubts: Doubt[] = [];
        const value = text === '' ? null : readChoice(c.sub, text, doubts);
        for (const d of doubts) note(ctx, ptr, d.note);
        if (value !== undefined) entry[c.key] = value;
      } else if (text === notWritten) {
        // left out
      } else if (c.sub['x-render'] === 'date' && text !== '') {
        const doubts: Doubt[] = [];
        entry[c.key] = dateText(text, doubts);
        for (const d of doubts) note(ctx, ptr, d.note);
      } else entry[c.key] = text === '' ? null : text;
      if (ctx.stat) {
        ctx.stat.expected++;
        if (c.key in entry) ctx.stat.recognised++;
        else ctx.stat.missing.push(`${r + 1} 行目 ${c.sub.title ?? c.key}`);
      }
    });
    return entry;
  });
}

/** Parses the stream by the plan of the chosen form. */
export function parseStream(root: JsonSchema, plan: PlanNode[], stream: Stream, fromPdf: boolean): ParseResult {
  const strong = new Set<string>();
  const collect = (node: PlanNode) => {
    if (node.kind !== 'group' && node.kind !== 'cover') for (const l of node.labels) if (l.length >= 6) strong.add(l);
    node.children.forEach(collect);
    if (node.element) collect(node.element);
  };
  plan.forEach(collect);
  const ctx: Ctx = { root, stream, fromPdf, notes: [], unknown: [], unplaced: [], fileIds: [], strong: [...strong], sharedRow: new Map() };
  const data: Record<string, unknown> = {};
  const formName = root.properties?.['様式']?.const;
  if (typeof formName === 'string') data['様式'] = formName;
  const sections: SectionStat[] = [];
  const n = stream.norm;
  const cover = plan.find((p) => p.kind === 'cover');
  const body = plan.filter((p) => p.section);
  // The 項目一覧 lists the section titles: they are skipped before looking for the sections themselves.
  let tocEnd = 0;
  const toc = cellCandidates(ctx, [norm('項目一覧')], 0, n.length)[0];
  const sectionLabels = body.flatMap((s) => s.labels);
  if (toc) {
    tocEnd = toc.end;
    let line = lineOf(stream, toc.pos) + 1;
    while (line < stream.lines.length) {
      const t = norm(stream.lines[line]!.text);
      if (t !== '' && !sectionLabels.some((l) => t === l || t.startsWith(l))) break;
      line++;
      tocEnd = line < stream.lines.length ? Math.max(tocEnd, posOfLine(stream, line)) : n.length;
    }
  }
  const hits = align(ctx, body, tocEnd, n.length, true, true);
  const firstFound = hits.findIndex((h) => h !== undefined);
  if (cover) {
    const stat: SectionStat = { section: cover.printed, recognised: 0, expected: 0, missing: [] };
    ctx.stat = stat;
    const coverEnd = toc?.pos ?? hits[firstFound]?.pos ?? n.length;
    const obj: Record<string, unknown> = {};
    // The cover heading (特定個人情報保護評価書(…)) and the 様式 tag are not items.
    const title = cellCandidates(ctx, [norm(root.title ?? '')], 0, coverEnd)[0];
    parseChildren(ctx, cover.children, title?.end ?? 0, coverEnd, [cover.key], obj, true);
    if (Object.keys(obj).length > 0) data[cover.key] = obj;
    sections.push(stat);
  }
  body.forEach((section, i) => {
    const stat: SectionStat = { section: section.printed, recognised: 0, expected: 0, missing: [] };
    ctx.stat = stat;
    sections.push(stat);
    let hit = hits[i];
    const nextPos = hits.slice(i + 1).find((h) => h !== undefined)?.pos ?? n.length;
    if (!hit && i === firstFound - 1 && i >= 0) {
      // The section's title is lost, but its items stand between the 項目一覧 and the next section.
      hit = { pos: tocEnd, end: tocEnd };
      note(ctx, pointerOf([section.key]), `見出し「${section.printed}」が見つからないため、項目一覧の後から次の見出しまでをこの部として読みました`);
    }
    if (!hit) {
      markMissing(ctx, section.kind === 'repeat' ? section.element! : section);
      if (section.kind === 'changes') countLeaves(ctx, false, section);
      return;
    }
    if (section.kind === 'changes') {
      data[section.key] = parseChanges(ctx, section, hit.end, nextPos);
      return;
    }
    parseNode(ctx, section, hit, hit.end, nextPos, [section.key], data);
  });
  if (firstFound < 0 && !cover) addUnplaced(ctx, tocEnd, n.length);
  return { data, notes: ctx.notes, sections, unknown: ctx.unknown, unplaced: ctx.unplaced };
}

/** The first normalised position at or after an offset of the original text. */
function normPos(stream: Stream, offset: number): number {
  let lo = 0;
  let hi = stream.map.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (stream.map[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first normalised position at or after the start of a line. */
function posOfLine(stream: Stream, line: number): number {
  return normPos(stream, stream.lineStarts[line]!);
}
