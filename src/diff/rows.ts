/**
 * The 変更箇所 rows a city can publish, drafted from the classified changes: one row per logical change (a
 * checkbox group such as 入手元, or the items of one printed group such as 再委託 ④⑤⑥, are one row) with the
 * strictest class of its parts, values as the form prints them (no tool marks), and a draft 提出時期に係る説明
 * in the form's register, marked 「（下書き）」 until a person confirms or rewrites it (validate --strict reports
 * the mark: the draft-change-explanation rule). A reviewer's recorded decision is written as it is, unmarked.
 */
import type { JsonSchema } from '../schema/registry.ts';
import { itemPath, resolveRef, schemaAt } from '../schema/walk.ts';
import { formatValue } from '../model/printed.ts';
import { resolvePointer } from '../model/pointer.ts';
import { formatWareki } from '../model/wareki.ts';
import { fileCount } from '../model/document.ts';
import { timingRank, type Timing } from '../classify/rule.ts';
import type { Classified } from '../classify/classify.ts';
import type { Comparison } from './compare.ts';

import { draftMark } from '../model/document.ts';

export interface DraftRow {
  date: string;
  item: string;
  before: string;
  after: string;
  timing: 'before' | 'after';
  explanation: string;
  /** Pointer the row is about (the group, or the single item): its identity across versions. */
  pointer: string;
  parts: Classified[];
}

const parentOf = (pointer: string) => pointer.slice(0, pointer.lastIndexOf('/'));

/** The logical change a change belongs to: its checkbox group, its printed group (x-group), or itself. */
function groupOf(root: JsonSchema, c: Classified): { pointer: string; xGroup?: string } {
  const pointer = c.change.pointer;
  const parent = parentOf(pointer);
  const parentSchema = schemaAt(root, parent);
  if (parentSchema?.['x-render'] === 'checkboxes') {
    const grand = parentOf(parent);
    return { pointer: schemaAt(root, grand)?.['x-render'] === 'checkbox-groups' ? grand : parent };
  }
  const xGroup = c.change.schema['x-group'];
  if (xGroup) return { pointer: parent, xGroup };
  return { pointer };
}

function printGroup(root: JsonSchema, data: unknown, pointer: string, xGroup: string | undefined, fallback: { schema: JsonSchema; value: unknown }): string {
  const found = resolvePointer(data, pointer);
  const schema = schemaAt(root, pointer);
  if (!found.ok || !schema) return formatValue(root, fallback.schema, fallback.value, undefined, { publication: true });
  if (!xGroup) return formatValue(root, schema, found.value, undefined, { publication: true });
  // The items of one printed group, in the form's order: 「④再委託の有無: 再委託する\n⑤…」.
  const members = Object.entries(schema.properties ?? {}).filter(([, s]) => resolveRef(root, s)['x-group'] === xGroup).map(([k]) => k);
  const value = typeof found.value === 'object' && found.value !== null ? Object.fromEntries(members.filter((k) => k in (found.value as object)).map((k) => [k, (found.value as Record<string, unknown>)[k]])) : undefined;
  return formatValue(root, { ...schema, properties: Object.fromEntries(members.map((k) => [k, schema.properties![k]!])) }, value, undefined, { publication: true });
}

/** The hit that explains the row: a reviewer's decision, else the most specific rule of the strictest class. */
function explanationOf(parts: Classified[], timing: Timing): string {
  const decided = parts.find((c) => c.decision && c.timing === timing);
  if (decided?.decision) return decided.decision.reason;
  const hits = parts.flatMap((c) => c.hits).filter((h) => h.timing === timing);
  // 事前: the legal reason (重要な変更, しきい値) first; 事後: the most specific reason before the generic non-※ one.
  const rank = (rule: string) => (timing === 'after' ? (rule === 'non-significant-item' ? 1 : 0) : rule === 'significant-item-changed' ? 1 : 0);
  const best = [...hits].sort((a, b) => rank(a.rule) - rank(b.rule))[0];
  return `${draftMark}${best?.explanation ?? ''}`;
}

/** One drafted row per logical change (moves renumber only and get none). */
export function draftRows(comparison: Comparison, dateIso: string): DraftRow[] {
  const root = comparison.form.schema;
  const files = Math.max(fileCount(root, comparison.oldData), fileCount(root, comparison.newData));
  const groups = new Map<string, { pointer: string; xGroup?: string; parts: Classified[] }>();
  for (const c of comparison.classified) {
    if (c.change.kind === 'moved' || !c.timing) continue;
    const group = groupOf(root, c);
    const key = `${group.pointer}#${group.xGroup ?? ''}`;
    const entry = groups.get(key) ?? { ...group, parts: [] };
    entry.parts.push(c);
    groups.set(key, entry);
  }
  const rows: DraftRow[] = [];
  for (const { pointer, xGroup, parts } of groups.values()) {
    const timing = parts.map((c) => c.timing!).reduce((a, b) => (timingRank[b] > timingRank[a] ? b : a));
    const single = parts.length === 1 && !xGroup && parts[0]!.change.pointer === pointer;
    const first = parts[0]!.change;
    const item = single ? first.item : xGroup ? `${itemPath(root, pointer, { fileCount: files })} ${xGroup}` : itemPath(root, pointer, { fileCount: files });
    const before = single ? formatValue(root, first.schema, first.before, undefined, { publication: true }) : printGroup(root, comparison.oldData, first.oldPointer ? parentOrSelf(first.oldPointer, pointer, first.pointer) : pointer, xGroup, { schema: first.schema, value: first.before });
    const after = single ? formatValue(root, first.schema, first.after, undefined, { publication: true }) : printGroup(root, comparison.newData, pointer, xGroup, { schema: first.schema, value: first.after });
    // 再評価 is filed before the change like 事前: the 変更箇所 has only 事前 and 事後.
    rows.push({ date: formatWareki(dateIso), item, before, after, timing: timing === 'after' ? 'after' : 'before', explanation: explanationOf(parts, timing), pointer, parts });
  }
  return rows;
}

/** The group pointer on the old side: the same group as the new side, but under the old positions of its entries. */
function parentOrSelf(oldPointer: string, groupPointer: string, newPointer: string): string {
  const depth = newPointer.split('/').length - groupPointer.split('/').length;
  return oldPointer.split('/').slice(0, oldPointer.split('/').length - depth).join('/');
}
