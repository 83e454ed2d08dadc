/**
 * A complete draft of an assessment, generated from the form schema only: every item of the form in the form's
 * order, blank as the form prints it (null for a text, date, choice or count; false for an empty checkbox; one entry
 * of each repeated block with a generated ID; no 変更箇所 row), each key with a comment giving its number and label
 * (※ when a change of it is a 重要な変更, the choices of a choice item). With `data`, the values of an existing
 * assessment fill the draft where the form has the item (src/new/copy.ts clears what must not be copied first).
 */
import { Document, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import type { JsonSchema } from '../schema/registry.ts';
import { isSignificant, itemLabel, perFileRoles, resolveRef } from '../schema/walk.ts';
import { pointerOf } from '../report/diagnostic.ts';
import { isObject } from '../model/access.ts';

/** The key that selects the form and the key of every entry's identifier (convention keys of every form). */
const formKey = '様式';
const idKey = 'ID';
/** Every per-file list (Ⅱ, 別添 記録項目, Ⅲ) names its one 特定個人情報ファイル with the same ID. */
export const fileId = 'file-1';

/** The ID of the first entry of a list: the shared file ID for per-file lists, else named after the list's role. */
export function entryId(list: JsonSchema, n = 1): string {
  const role = list['x-role'];
  if (role && perFileRoles.has(role)) return n === 1 ? fileId : `file-${n}`;
  const stem = (role ?? 'entry').replace(/\.entries$/, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'entry';
  return `${stem}-${n}`;
}

const isCheckbox = (s: JsonSchema) => Array.isArray(s.enum) && s.enum.includes(true) && s.enum.includes(false);
const isHidden = (s: JsonSchema) => s['x-render'] === 'hidden';
const isChangeTable = (s: JsonSchema) => s['x-render'] === 'change-table';

/** The comment of an item: its number and label as printed, ※, and the choices of a choice item. */
export function itemComment(root: JsonSchema, schema: JsonSchema, key: string, pointer: string): string {
  const form = root['x-form'];
  if (key === formKey && pointer === `/${formKey}`) return ` ${form?.code ?? formKey}(この行は変えないでください)`;
  let text = itemLabel(schema, key);
  if (isSignificant(root, pointer)) text += ' ※';
  const choices = (schema.enum ?? []).filter((v) => v !== null && typeof v !== 'boolean' && v !== '不明');
  if (choices.length > 0 && !isCheckbox(schema)) text += ` <選択肢> ${choices.map((v, i) => `${i + 1}) ${String(v)}`).join(' ')}`;
  if (schema['x-render'] === 'date') text += '(令和8年4月1日 または 2026-04-01 の形)';
  if (isHidden(schema)) text += '(様式には印字されない管理用の記録)';
  return ` ${text}`;
}

function scalar(value: unknown): Scalar {
  return new Scalar(value === undefined ? null : value);
}

interface Context {
  root: JsonSchema;
  depth: number;
  /** Items written (every key but the form selector and the IDs), and entries of repeated blocks. */
  stats: { items: number; entries: number };
}

/** The YAML node of one value: the given data where it fits the schema's shape, else the form's blank. */
function nodeFor(ctx: Context, node: JsonSchema, pointer: string, data: unknown): Node {
  if (ctx.depth > 24) throw new Error(`${pointer}: schema nested too deep`);
  const s = resolveRef(ctx.root, node);
  if (s.properties) {
    const map = new YAMLMap();
    const given = isObject(data) ? data : {};
    // Hidden lists (非公表, 検証の例外) are not items of the form: kept only when the data has them. A hidden value
    // is the tool's record of something the form does not print (基礎項目評価の実施日): it is written, blank.
    const keys = Object.keys(s.properties).filter((k) => {
      if (k === '$schema') return false;
      const child = resolveRef(ctx.root, s.properties![k]!);
      return k === formKey || k === idKey || !isHidden(child) || !(child.items || child.type === 'array') || given[k] !== undefined;
    });
    for (const key of keys) {
      const childSchema = s.properties[key]!;
      const child = resolveRef(ctx.root, childSchema);
      const childPointer = pointer + pointerOf([key]);
      const value = nodeFor({ ...ctx, depth: ctx.depth + 1 }, childSchema, childPointer, given[key]);
      const keyNode = new Scalar(key);
      if (key !== idKey && key !== formKey) ctx.stats.items++;
      const comment = key === idKey ? undefined : itemComment(ctx.root, child, key, childPointer);
      if (comment) {
        if (value instanceof Scalar || (value instanceof YAMLSeq && value.flow)) value.comment = comment;
        else keyNode.comment = comment;
      }
      if (pointer === '' && map.items.length > 0 && (child.properties || child.items)) keyNode.spaceBefore = true;
      map.add(new Pair(keyNode, value));
    }
    return map;
  }
  if (s.items || s.type === 'array') {
    const seq = new YAMLSeq();
    const items = s.items ? resolveRef(ctx.root, s.items) : undefined;
    const entries = Array.isArray(data) ? data : undefined;
    if (entries) {
      entries.forEach((entry, i) => seq.items.push(entryNode(ctx, s, `${pointer}/${i}`, entry)));
    } else if (items?.properties && !isChangeTable(s) && !isHidden(s)) {
      seq.items.push(entryNode(ctx, s, `${pointer}/0`, { [idKey]: entryId(s) }));
    }
    if (seq.items.length === 0) seq.flow = true;
    return seq;
  }
  if (data !== undefined && data !== null && typeof data !== 'object') return scalar(data);
  if (s.const !== undefined) return scalar(s.const);
  if (isCheckbox(s)) return scalar(false);
  return scalar(null);
}

/** One entry of a list, its first line commented with the block's printed label (委託事項1). */
function entryNode(ctx: Context, list: JsonSchema, pointer: string, entry: unknown): Node {
  const items = resolveRef(ctx.root, list.items!);
  const node = nodeFor({ ...ctx, depth: ctx.depth + 1 }, list.items!, pointer, entry);
  ctx.stats.entries++;
  const index = Number(pointer.slice(pointer.lastIndexOf('/') + 1)) + 1;
  const label = list['x-repeat']?.replace('{n}', String(index));
  if (label && node instanceof YAMLMap && items.properties && node.items[0]) {
    const first = node.items[0] as Pair<Scalar, Node>;
    if (first.value instanceof Scalar) first.value.comment = ` ${label}`;
  }
  return node;
}

export interface DraftOptions {
  /** The `$schema=` target of the yaml-language-server modeline (the editor schema, relative to the file). */
  editorSchema?: string;
  /** Lines for the head comment (without `#`). */
  header?: readonly string[];
  /** Values to start from (an existing assessment of the same form, already cleared by copy.ts). */
  data?: Record<string, unknown>;
}

/** The draft's YAML text and the number of items in it. Pure: the same schema and options give the same bytes. */
export function draft(root: JsonSchema, options: DraftOptions = {}): { text: string; items: number; entries: number } {
  const doc = new Document();
  const stats = { items: 0, entries: 0 };
  doc.contents = nodeFor({ root, depth: 0, stats }, root, '', options.data ?? {}) as YAMLMap;
  const head: string[] = [];
  if (options.editorSchema) head.push(`# yaml-language-server: $schema=${options.editorSchema}`, '#');
  for (const line of options.header ?? []) head.push(line === '' ? '#' : `# ${line}`);
  return { text: (head.length > 0 ? head.join('\n') + '\n' : '') + doc.toString({ lineWidth: 0 }), items: stats.items, entries: stats.entries };
}

export function draftText(root: JsonSchema, options: DraftOptions = {}): string {
  return draft(root, options).text;
}
