/**
 * Assessment → view tree for the web pages: every item of the form in schema order, with the printed label
 * (x-item + title), ※ mark, anchor, and a typed value. Pure; the Astro components only print this tree.
 * Labels, numbers, ※ marks and choice lists come from the schema, never from this file.
 */
import type { JsonSchema } from '../../schema/registry.ts';
import { itemLabel, resolveRef } from '../../schema/walk.ts';
import { isObject, checkState } from '../../model/access.ts';
import { formatWareki, parseDate } from '../../model/wareki.ts';
import { diffWordsJa, type DiffPart } from './diff.ts';
import { withheldMark } from '../../model/withhold.ts';

export type CheckState = true | false | '不明';

export interface Box {
  label: string;
  /** undefined: the checkbox is not written in the assessment (（未記載）). */
  state: CheckState | undefined;
  /** ( )内の記載 or 件数, when the form has one for this box. */
  detail?: { label: string; value: Value };
}

export type Value =
  | { kind: 'missing' }
  | { kind: 'blank' }
  /** An empty list of repeated blocks (提供先: []): written as "none". */
  | { kind: 'none' }
  | { kind: 'text'; text: string }
  | { kind: 'date'; text: string; iso?: string }
  | { kind: 'count'; count: number }
  | { kind: 'choice'; selected: string | null; options: { label: string; selected: boolean }[]; invalid?: boolean }
  | { kind: 'checkbox'; box: Box }
  | { kind: 'checkboxes'; boxes: Box[] }
  | { kind: 'checkbox-groups'; groups: { label: string; boxes: Box[] }[] }
  | { kind: 'numbered-list'; items: string[] }
  | { kind: 'record-groups'; groups: { id: string; label: string; items: string[] }[] }
  | { kind: 'change-table'; columns: Record<ChangeColumn, string>; rows: ChangeRow[] };

export type ChangeColumn = '変更日' | '項目' | '変更前の記載' | '変更後の記載' | '提出時期' | '提出時期に係る説明';

export interface ChangeRow {
  id: string;
  date: Value;
  item: Value;
  before: DiffPart[] | Value;
  after: DiffPart[] | Value;
  timing: Value;
  reason: Value;
}

export interface ViewNode {
  /** Anchor, built from official numbers (Ⅱ-3-①), repeat labels (委託事項1) or, for unnumbered items, the item name. */
  id: string;
  label: string;
  /** ※: changing this item is 重要な変更 (x-significant-change: true on the item itself). */
  significant: boolean;
  /** Explicitly excluded from an enclosing ※ (x-significant-change: false), e.g. Ⅲ 7.②. */
  notSignificant: boolean;
  /** Heading depth from 1 (Ⅰ, Ⅱ …). */
  depth: number;
  value?: Value;
  children?: ViewNode[];
}

export interface AssessmentView {
  title: string;
  sections: ViewNode[];
}

/** Renders that hold a value rather than child items. */
const leafRenders = new Set(['text', 'date', 'choice', 'checkbox', 'checkboxes', 'checkbox-groups', 'numbered-list', 'record-groups', 'change-table', 'count']);

function anchorPart(schema: JsonSchema, key: string): string {
  const number = schema['x-item'];
  if (number) return number.replace(/\.$/, '');
  return key.replace(/\s+/g, '');
}

function textValue(value: unknown): Value {
  if (value === undefined) return { kind: 'missing' };
  if (value === null) return { kind: 'blank' };
  return { kind: 'text', text: String(value) };
}

function dateValue(value: unknown): Value {
  if (typeof value !== 'string') return textValue(value);
  const parsed = parseDate(value);
  return parsed.ok ? { kind: 'date', text: formatWareki(parsed.iso), iso: parsed.iso } : { kind: 'text', text: value };
}

function choiceValue(schema: JsonSchema, value: unknown): Value {
  if (value === undefined) return { kind: 'missing' };
  const options = (schema.enum ?? []).filter((o): o is string => typeof o === 'string');
  return {
    kind: 'choice',
    selected: typeof value === 'string' ? value : null,
    options: options.map((label) => ({ label, selected: label === value })),
    // 「（非公表）」 (a withheld choice in the public version) is not a wrongly written choice.
    invalid: typeof value === 'string' && !options.includes(value) && value !== withheldMark,
  };
}

function box(root: JsonSchema, schema: JsonSchema, key: string, value: unknown): Box {
  const label = schema.title ?? key;
  const state = value === undefined ? undefined : (checkState(value) ?? undefined);
  const result: Box = { label, state };
  // 状態と内容 / 状態と件数: the second property is the ( ) text or count printed beside the box.
  const extra = Object.entries(schema.properties ?? {}).find(([k]) => k !== '選択');
  if (extra) {
    const [extraKey, extraSchema] = extra;
    const sub = resolveRef(root, extraSchema);
    const raw = isObject(value) ? value[extraKey] : undefined;
    const detail = sub['x-render'] === 'count' && typeof raw === 'number' ? { kind: 'count' as const, count: raw } : textValue(raw);
    result.detail = { label: sub.title ?? extraKey, value: detail };
  }
  return result;
}

function boxes(root: JsonSchema, schema: JsonSchema, value: unknown): Box[] {
  const data = isObject(value) ? value : {};
  return Object.entries(schema.properties ?? {}).map(([key, child]) => box(root, resolveRef(root, child), key, data[key]));
}

function leafValue(ctx: Context, schema: JsonSchema, value: unknown): Value {
  const root = ctx.root;
  const render = schema['x-render'];
  if (render === 'date') return dateValue(value);
  if (render === 'choice') return choiceValue(schema, value);
  if (render === 'count') return typeof value === 'number' ? { kind: 'count', count: value } : textValue(value);
  if (value === undefined) return { kind: 'missing' };
  if (render === 'checkbox') return { kind: 'checkbox', box: box(root, schema, '', value) };
  if (render === 'checkboxes') return { kind: 'checkboxes', boxes: boxes(root, schema, value) };
  if (render === 'checkbox-groups') {
    const data = isObject(value) ? value : {};
    return {
      kind: 'checkbox-groups',
      groups: Object.entries(schema.properties ?? {}).map(([key, child]) => {
        const sub = resolveRef(root, child);
        return { label: sub.title ?? key, boxes: boxes(root, sub, data[key]) };
      }),
    };
  }
  if (render === 'numbered-list') return { kind: 'numbered-list', items: Array.isArray(value) ? value.map(String) : [] };
  if (render === 'record-groups') {
    const groups = Array.isArray(value) ? value.filter(isObject) : [];
    return { kind: 'record-groups', groups: groups.map((g, i) => ({ id: typeof g['ID'] === 'string' ? g['ID'] : String(i + 1), label: typeof g['名称'] === 'string' ? g['名称'] : '', items: Array.isArray(g['項目']) ? g['項目'].map(String) : [] })) };
  }
  if (render === 'change-table') return changeTable(root, schema, value);
  return textValue(value);
}

function changeTable(root: JsonSchema, schema: JsonSchema, value: unknown): Value {
  const rowSchema = schema.items ? resolveRef(root, schema.items) : {};
  const props = rowSchema.properties ?? {};
  const title = (key: ChangeColumn): string => (props[key] ? resolveRef(root, props[key]).title : undefined) ?? key;
  const columns = { 変更日: title('変更日'), 項目: title('項目'), 変更前の記載: title('変更前の記載'), 変更後の記載: title('変更後の記載'), 提出時期: title('提出時期'), 提出時期に係る説明: title('提出時期に係る説明') };
  const rows = (Array.isArray(value) ? value.filter(isObject) : []).map((row, i): ChangeRow => {
    const before = row['変更前の記載'];
    const after = row['変更後の記載'];
    // Word-level diff where both sides are text.
    const parts = typeof before === 'string' && typeof after === 'string' ? diffWordsJa(before, after) : undefined;
    return {
      id: typeof row['ID'] === 'string' ? row['ID'] : String(i + 1),
      date: dateValue(row['変更日']),
      item: textValue(row['項目']),
      before: parts ? parts.filter((p) => !p.added) : textValue(before),
      after: parts ? parts.filter((p) => !p.removed) : textValue(after),
      timing: textValue(row['提出時期']),
      reason: textValue(row['提出時期に係る説明']),
    };
  });
  return { kind: 'change-table', columns, rows };
}

function isLeaf(schema: JsonSchema): boolean {
  const render = schema['x-render'];
  if (render && leafRenders.has(render)) return true;
  return schema.type !== 'object' && schema.type !== 'array' && !schema.properties && !schema.items;
}

function isHidden(schema: JsonSchema, key: string): boolean {
  // x-render heading: printed as the block's heading (委託事項1 福祉総合システムの保守運用), not as an item.
  return schema['x-render'] === 'hidden' || schema['x-render'] === 'heading' || key === 'ID';
}

interface Context {
  root: JsonSchema;
  fileCount: number;
  used: Set<string>;
}

function uniqueId(ctx: Context, id: string): string {
  let candidate = id;
  for (let n = 2; ctx.used.has(candidate); n++) candidate = `${id}_${n}`;
  ctx.used.add(candidate);
  return candidate;
}

function node(ctx: Context, schema: JsonSchema, key: string, value: unknown, parentId: string, depth: number): ViewNode {
  const id = uniqueId(ctx, parentId ? `${parentId}-${anchorPart(schema, key)}` : anchorPart(schema, key));
  const mark = schema['x-significant-change'];
  const base: ViewNode = { id, label: itemLabel(schema, key), significant: mark === true, notSignificant: mark === false, depth };
  if (isLeaf(schema)) return { ...base, value: leafValue(ctx, schema, value) };
  if (schema.items) return { ...base, ...repeated(ctx, schema, value, id, depth) };
  if (value === undefined) return { ...base, value: { kind: 'missing' } };
  if (value === null) return { ...base, value: { kind: 'blank' } };
  return { ...base, children: children(ctx, schema, value, id, depth + 1) };
}

/** Children of an object item, in the form's order; absent items stay in the tree as （未記載）. */
function children(ctx: Context, schema: JsonSchema, value: unknown, id: string, depth: number): ViewNode[] {
  const data = isObject(value) ? value : {};
  const out: ViewNode[] = [];
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    const sub = resolveRef(ctx.root, child);
    if (isHidden(sub, key)) continue;
    // A repeated block without its own number (Ⅲ 特定個人情報ファイル) is not a printed level of the form.
    if (sub.items && sub['x-repeat'] && !sub['x-item']) {
      // repeated() takes the depth of the array's own level; here the blocks stand at this level (depth).
      const repeat = repeated(ctx, sub, data[key], id, depth - 1);
      if (repeat.children) out.push(...repeat.children);
      else out.push({ id: uniqueId(ctx, `${id}-${key}`), label: itemLabel(sub, key), significant: false, notSignificant: false, depth, value: repeat.value });
      continue;
    }
    out.push(node(ctx, sub, key, data[key], id, depth));
  }
  return out;
}

/** An array of blocks (特定個人情報ファイル1, 委託事項1 …); one block per file is not labelled, as on the form. */
function repeated(ctx: Context, schema: JsonSchema, value: unknown, id: string, depth: number): Pick<ViewNode, 'children' | 'value'> {
  if (value === undefined) return { value: { kind: 'missing' } };
  if (!Array.isArray(value) || value.length === 0) return { value: { kind: 'none' } };
  const itemSchema = resolveRef(ctx.root, schema.items!);
  const template = schema['x-repeat'];
  const perFile = template?.startsWith('特定個人情報ファイル') ?? false;
  if (perFile && ctx.fileCount <= 1 && value.length === 1) return { children: children(ctx, itemSchema, value[0], id, depth + 1) };
  return {
    children: value.map((element, i) => {
      const label = template ? template.replace('{n}', String(i + 1)) : String(i + 1);
      const blockId = uniqueId(ctx, `${id}-${label}`);
      const heading = isObject(element) && typeof element['名称'] === 'string' && itemSchema.properties?.['名称']?.['x-render'] === 'heading' ? `${label} ${element['名称']}` : label;
      return { id: blockId, label: heading, significant: false, notSignificant: false, depth: depth + 1, children: children(ctx, itemSchema, element, blockId, depth + 2) };
    }),
  };
}

export function assessmentView(schema: JsonSchema, data: Record<string, unknown>): AssessmentView {
  const root = resolveRef(schema, schema);
  const files = data['特定個人情報ファイルの概要'];
  const ctx: Context = { root: schema, fileCount: Array.isArray(files) ? files.length : 0, used: new Set() };
  const sections: ViewNode[] = [];
  for (const [key, child] of Object.entries(root.properties ?? {})) {
    const sub = resolveRef(schema, child);
    if (isHidden(sub, key)) continue;
    sections.push(node(ctx, sub, key, data[key], '', 1));
  }
  const cover = isObject(data['表紙']) ? data['表紙'] : {};
  return { title: typeof cover['評価書名'] === 'string' ? cover['評価書名'] : '', sections };
}

export type Block = { kind: 'items'; nodes: ViewNode[] } | { kind: 'group'; node: ViewNode };

/** Consecutive value items print as one list (label | value); items with sub-items get their own heading. */
export function blocksOf(nodes: readonly ViewNode[]): Block[] {
  const blocks: Block[] = [];
  for (const n of nodes) {
    const last = blocks.at(-1);
    if (n.children) blocks.push({ kind: 'group', node: n });
    else if (last?.kind === 'items') last.nodes.push(n);
    else blocks.push({ kind: 'items', nodes: [n] });
  }
  return blocks;
}

/** Table of contents: the sections and their numbered parts (Ⅱ, Ⅱ-3 …), or repeated blocks. */
export function tableOfContents(view: AssessmentView): { id: string; label: string; children: { id: string; label: string }[] }[] {
  return view.sections.map((s) => ({ id: s.id, label: s.label, children: (s.children ?? []).filter((c) => c.children || c.depth === 2 && /^[0-9]/.test(c.label)).map((c) => ({ id: c.id, label: c.label })) }));
}
