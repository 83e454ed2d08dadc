/**
 * Where the items of a form are printed, derived from its schema only (numbers, titles, x-render, x-repeat,
 * x-group, in schema order, which is the form's order): the same walk the PDF renderer makes, kept as a tree of
 * the labels to look for. There is no copy of any form here.
 */
import type { JsonSchema } from '../schema/registry.ts';
import { itemLabel, resolveRef } from '../schema/walk.ts';
import { norm } from './text.ts';

export type PlanKind =
  /** The cover: labels are titles without numbers, two may share a row. */
  | 'cover'
  /** An object printed as a heading row and its rows. */
  | 'object'
  /** One value cell: text, date, choice, checkboxes, checkbox groups. */
  | 'leaf'
  /** A lone checkbox taking a whole row: 「[ ] 提供・移転しない」. */
  | 'lone'
  /** A repeated block: 委託事項{n}, 提供先{n}, システム{n}, 特定個人情報ファイル{n}. */
  | 'repeat'
  /** (別添) 記録項目 groups: a name, then numbered items. */
  | 'records'
  /** (別添) 変更箇所: a table with one row per change. */
  | 'changes'
  /** A printed row group (x-group) of flat items: only a separator. */
  | 'group';

export interface PlanNode {
  kind: PlanKind;
  /** Property name in the data ('' for the element of a repeat). */
  key: string;
  schema: JsonSchema;
  /** Normalised labels that may introduce the item, best first. */
  labels: string[];
  /** The printed label, for reports. */
  printed: string;
  children: PlanNode[];
  /** The item that follows this leaf on its row: 「[ 委託する ]　( 1 ) 件」. */
  count?: string;
  /** Repeat: the element's plan, and the template (委託事項{n}). */
  element?: PlanNode;
  template?: string;
  /** Repeat without a printed name when there is one element (per-file blocks). */
  namedOnlyIfSeveral?: boolean;
  /** Key of the element property printed in the repeat heading (x-render heading). */
  headingKey?: string;
  /** Whether a section title starts at the left margin (sections only). */
  section?: boolean;
}

const isPlainObject = (s: JsonSchema) => s.type === 'object' && !['checkbox', 'checkboxes', 'checkbox-groups', 'choice'].includes(s['x-render'] ?? '');

/** Label variants: the printed one, the title alone, and for 「リスク1: …」 the part before the colon. */
function labelsOf(schema: JsonSchema, key: string, extra: string[] = []): string[] {
  const printed = itemLabel(schema, key);
  const title = schema.title ?? key;
  const out = [norm(printed)];
  const colon = /^(.+?)[:：]/u.exec(title);
  if (colon && schema['x-item']) out.push(norm(`${schema['x-item']}${colon[1]}:`));
  else if (colon) out.push(norm(`${colon[1]}:`));
  if (schema['x-item'] && title.length >= 4) out.push(norm(title));
  for (const e of extra) out.push(norm(e));
  return [...new Set(out.filter((l) => l.length > 0))];
}

function objectChildren(root: JsonSchema, schema: JsonSchema): PlanNode[] {
  const out: PlanNode[] = [];
  const entries = Object.entries(schema.properties ?? {}).map(([key, raw]) => ({ key, sub: resolveRef(root, raw) }));
  let group: string | undefined;
  entries.forEach(({ key, sub }, i) => {
    const render = sub['x-render'];
    if (render === 'hidden' || render === 'heading' || key === 'ID') return;
    const previous = entries[i - 1];
    if (render === 'count' && previous && isLeafSchema(previous.sub)) return;
    if (sub['x-group'] !== group) {
      group = sub['x-group'];
      if (group) out.push({ kind: 'group', key: '', schema: sub, labels: [norm(group)], printed: group, children: [] });
    }
    const next = entries[i + 1];
    const node = planOf(root, sub, key);
    if (node.kind === 'leaf' && next && next.sub['x-render'] === 'count') node.count = next.key;
    out.push(node);
  });
  return out;
}

function isLeafSchema(schema: JsonSchema): boolean {
  if (schema.type === 'array') return schema['x-render'] === 'numbered-list';
  return !isPlainObject(schema);
}

function planOf(root: JsonSchema, sub: JsonSchema, key: string): PlanNode {
  const render = sub['x-render'];
  const printed = itemLabel(sub, key);
  if (render === 'checkbox' && !sub.properties) return { kind: 'lone', key, schema: sub, labels: labelsOf(sub, key), printed, children: [] };
  if (render === 'record-groups') return { kind: 'records', key, schema: sub, labels: labelsOf(sub, key), printed, children: [] };
  if (sub.type === 'array' && sub.items && render !== 'numbered-list') return repeatOf(root, sub, key, false);
  if (isPlainObject(sub)) return { kind: 'object', key, schema: sub, labels: labelsOf(sub, key), printed, children: objectChildren(root, sub) };
  return { kind: 'leaf', key, schema: sub, labels: labelsOf(sub, key), printed, children: [] };
}

function repeatOf(root: JsonSchema, sub: JsonSchema, key: string, namedOnlyIfSeveral: boolean): PlanNode {
  const items = resolveRef(root, sub.items!);
  const headingKey = Object.entries(items.properties ?? {}).find(([, s]) => resolveRef(root, s)['x-render'] === 'heading')?.[0];
  const element: PlanNode = { kind: 'object', key: '', schema: items, labels: [], printed: '', children: objectChildren(root, items) };
  const template = sub['x-repeat'];
  const labels = template ? [norm(template.replace('{n}', '1'))] : [];
  if (!namedOnlyIfSeveral) labels.push(...labelsOf(sub, key));
  return { kind: 'repeat', key, schema: sub, labels: [...new Set(labels)], printed: itemLabel(sub, key), children: [], element, template, namedOnlyIfSeveral, headingKey };
}

const plans = new WeakMap<JsonSchema, PlanNode[]>();

/** The plan of a whole form: its cover, sections and change table, in the form's order. */
export function formPlan(root: JsonSchema): PlanNode[] {
  const cached = plans.get(root);
  if (cached) return cached;
  const out: PlanNode[] = [];
  plans.set(root, out);
  for (const [key, raw] of Object.entries(root.properties ?? {})) {
    const sub = resolveRef(root, raw);
    const render = sub['x-render'];
    if (render === 'cover') {
      const children = Object.entries(sub.properties ?? {}).map(([k, r]) => {
        const s = resolveRef(root, r);
        return { kind: 'leaf' as const, key: k, schema: s, labels: [norm(s.title ?? k)], printed: s.title ?? k, children: [] };
      });
      out.push({ kind: 'cover', key, schema: sub, labels: [], printed: sub.title ?? key, children });
    } else if (render === 'section' || render === 'section-continued') {
      const number = sub['x-item'] ?? '';
      const title = sub.title ?? key;
      const printed = number.startsWith('別添') ? `(${number}) ${title}` : itemLabel(sub, key);
      const labels = [norm(printed), norm(`${number}${title}`)];
      if (sub.type === 'array') {
        const node = repeatOf(root, sub, key, true);
        out.push({ ...node, labels: [...new Set(labels)], printed, section: true });
      } else {
        const children: PlanNode[] = [];
        for (const [childKey, childRaw] of Object.entries(sub.properties ?? {})) {
          const child = resolveRef(root, childRaw);
          // Ⅲ's per-file block: files are named only when there are several.
          if (child.type === 'array' && child['x-repeat'] && !child['x-item']) children.push(repeatOf(root, child, childKey, true));
          else if (child['x-render'] !== 'hidden') children.push(...objectChildren(root, { properties: { [childKey]: childRaw } }));
        }
        out.push({ kind: 'object', key, schema: sub, labels: [...new Set(labels)], printed, children, section: true });
      }
    } else if (render === 'change-table') {
      const number = sub['x-item'] ?? '';
      const printed = `(${number}) ${sub.title ?? key}`;
      out.push({ kind: 'changes', key, schema: sub, labels: [...new Set([norm(printed), norm(`${number}${sub.title ?? key}`)])], printed, children: [], section: true });
    }
  }
  return out;
}

/** Every item a reader expects to find (leaves, lone checkboxes, records, changes), for the per-section count. */
export function expectedLeaves(node: PlanNode): number {
  if (node.kind === 'leaf' || node.kind === 'lone' || node.kind === 'records' || node.kind === 'changes') return 1;
  if (node.kind === 'repeat') return expectedLeaves(node.element!);
  return node.children.reduce((s, c) => s + expectedLeaves(c), 0);
}
