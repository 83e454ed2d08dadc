/**
 * (old data, new data) → Change[]: walks both versions along the form schema. Repeated blocks are matched by
 * their stable `ID`, so a reordered or moved block is one `moved` change, never a removal plus an addition;
 * lists of plain values (別添1 記録項目) are compared as multisets.
 */
import type { JsonSchema } from '../schema/registry.ts';
import { isSignificant, itemPath, resolveRef } from '../schema/walk.ts';
import { escapeSegment as escape, isObject } from '../model/access.ts';
import { fileCount as filesIn } from '../model/document.ts';
import { readRole } from '../model/roles.ts';
import { isEmptyValue } from '../model/printed.ts';
export { isEmptyValue };
import type { Change, ChangeKind } from './change.ts';

/**
 * Not compared. 公表日 and 変更箇所 record the publication of the changes rather than being changes of
 * the 評価書's content; hidden items (様式, $schema, 検証の例外) are tool metadata.
 */
const skippedRoles = new Set(['cover.published-on']);
const skippedRenders = new Set(['hidden', 'change-table']);

export function sameValue(a: unknown, b: unknown): boolean {
  if (isEmptyValue(a) && isEmptyValue(b)) return true;
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!sameValue(a[k], b[k])) return false;
    return true;
  }
  return false;
}


/** True when a value (a whole block) holds a non-empty value of a ※ item. */
function hasSignificantContent(root: JsonSchema, pointer: string, value: unknown): boolean {
  if (Array.isArray(value)) return value.some((v, i) => hasSignificantContent(root, `${pointer}/${i}`, v));
  if (isObject(value)) return Object.entries(value).some(([k, v]) => hasSignificantContent(root, `${pointer}/${escape(k)}`, v));
  return !isEmptyValue(value) && isSignificant(root, pointer);
}

interface Sides {
  oldPtr: string;
  newPtr: string;
}

export function diffAssessments(root: JsonSchema, oldData: unknown, newData: unknown): Change[] {
  const changes: Change[] = [];
  // The per-file repetition (特定個人情報ファイル2) is named only when either version has several files.
  const fileCount = Math.max(filesIn(root, oldData), filesIn(root, newData));
  const skippedPointers = new Set([...skippedRoles].flatMap((role) => readRole(root, newData, role).concat(readRole(root, oldData, role)).map((r) => r.pointer)));
  const label = (pointer: string, owner: unknown): string => {
    const base = itemPath(root, pointer, { fileCount });
    const name = isObject(owner) && typeof owner['名称'] === 'string' ? owner['名称'] : undefined;
    return name ? `${base}「${name}」` : base;
  };

  const push = (kind: ChangeKind, schema: JsonSchema, sides: Sides, before: unknown, after: unknown, owner?: unknown, block = false, side: 'old' | 'new' = kind === 'removed' ? 'old' : 'new'): void => {
    const pointer = side === 'old' ? sides.oldPtr : sides.newPtr;
    const value = kind === 'removed' ? before : after;
    changes.push({
      kind,
      pointer,
      side,
      oldPointer: kind === 'added' ? undefined : sides.oldPtr,
      newPointer: kind === 'removed' && side === 'old' ? undefined : sides.newPtr,
      before,
      after,
      schema,
      item: label(pointer, owner),
      significant: isSignificant(root, pointer) || (block && hasSignificantContent(root, pointer, value)),
    });
  };

  const leaf = (schema: JsonSchema, sides: Sides, before: unknown, after: unknown): void => {
    if (sameValue(before, after)) return;
    const kind: ChangeKind = isEmptyValue(before) ? 'added' : isEmptyValue(after) ? 'removed' : 'changed';
    // A value emptied in place (null, '') is located in the new file; only a key that disappeared points back.
    push(kind, schema, sides, before, after, undefined, false, kind === 'removed' && after === undefined ? 'old' : 'new');
  };

  const visit = (schema: JsonSchema, before: unknown, after: unknown, sides: Sides, owner: unknown): void => {
    if (skippedPointers.has(sides.newPtr) || (sides.newPtr !== '' && skippedRenders.has(schema['x-render'] ?? ''))) return;
    if (schema.type === 'array' || schema.items) {
      const items = schema.items ? resolveRef(root, schema.items) : {};
      const a = Array.isArray(before) ? before : [];
      const b = Array.isArray(after) ? after : [];
      if (items.properties?.['ID']) blocks(items, a, b, sides);
      else values(schema, a, b, sides, owner);
      return;
    }
    if (schema.properties && schema['x-render'] !== 'checkbox' && (isObject(before) || isObject(after))) {
      const a = isObject(before) ? before : {};
      const b = isObject(after) ? after : {};
      const keys = [...Object.keys(schema.properties)];
      for (const k of [...Object.keys(a), ...Object.keys(b)]) if (!keys.includes(k)) keys.push(k);
      for (const key of keys) {
        if (!(key in a) && !(key in b)) continue;
        const child = schema.properties[key];
        if (!child) continue;
        visit(resolveRef(root, child), a[key], b[key], { oldPtr: `${sides.oldPtr}/${escape(key)}`, newPtr: `${sides.newPtr}/${escape(key)}` }, b[key] === undefined ? a : b);
      }
      return;
    }
    leaf(schema, sides, before, after);
  };

  /** Repeated blocks, matched by ID. Blocks kept in the same relative order are compared in place. */
  const blocks = (items: JsonSchema, a: unknown[], b: unknown[], sides: Sides): void => {
    // A block without ID (the validator reports it) is matched by position.
    const idOf = (v: unknown, i: number) => (isObject(v) && typeof v['ID'] === 'string' ? v['ID'] : `#${i}`);
    const oldIds = a.map(idOf);
    const newIds = b.map(idOf);
    const oldIndex = new Map(oldIds.map((id, i) => [id, i]));
    const newIndex = new Map(newIds.map((id, i) => [id, i]));
    const commonOld = oldIds.filter((id) => newIndex.has(id));
    const commonNew = newIds.filter((id) => oldIndex.has(id));
    const stay = lcs(commonOld, commonNew);
    oldIds.forEach((id, i) => {
      if (!newIndex.has(id)) push('removed', items, { oldPtr: `${sides.oldPtr}/${i}`, newPtr: sides.newPtr }, a[i], undefined, a[i], true);
    });
    newIds.forEach((id, j) => {
      const entry = { oldPtr: `${sides.oldPtr}/${oldIndex.get(id) ?? ''}`, newPtr: `${sides.newPtr}/${j}` };
      const i = oldIndex.get(id);
      if (i === undefined) {
        push('added', items, { oldPtr: sides.oldPtr, newPtr: entry.newPtr }, undefined, b[j], b[j], true);
        return;
      }
      if (!stay.has(id)) push('moved', items, entry, a[i], b[j], b[j]);
      visit(items, a[i], b[j], entry, b[j]);
    });
  };

  /** Lists of plain values: entries added or removed (as a multiset); a pure reordering is one `moved`. */
  const values = (schema: JsonSchema, a: unknown[], b: unknown[], sides: Sides, owner: unknown): void => {
    const items = schema.items ? resolveRef(root, schema.items) : schema;
    const counts = new Map<string, number>();
    for (const v of a) counts.set(JSON.stringify(v), (counts.get(JSON.stringify(v)) ?? 0) + 1);
    const added: number[] = [];
    b.forEach((v, j) => {
      const key = JSON.stringify(v);
      const n = counts.get(key) ?? 0;
      if (n > 0) counts.set(key, n - 1);
      else added.push(j);
    });
    const removed: number[] = [];
    const remaining = new Map(counts);
    a.forEach((v, i) => {
      const key = JSON.stringify(v);
      const n = remaining.get(key) ?? 0;
      // Remove the last occurrences: the earlier ones were matched first.
      if (n > 0 && a.slice(i + 1).filter((w) => JSON.stringify(w) === key).length < n) {
        removed.push(i);
        remaining.set(key, n - 1);
      }
    });
    for (const i of removed) push('removed', items, { oldPtr: `${sides.oldPtr}/${i}`, newPtr: sides.newPtr }, a[i], undefined, owner);
    for (const j of added) push('added', items, { oldPtr: sides.oldPtr, newPtr: `${sides.newPtr}/${j}` }, undefined, b[j], owner);
    if (added.length === 0 && removed.length === 0 && !sameValue(a, b)) push('moved', schema, sides, a, b, owner);
  };

  visit(resolveRef(root, root), oldData, newData, { oldPtr: '', newPtr: '' }, undefined);
  return changes;
}

/** Longest common subsequence of two ID sequences (the blocks that did not move). */
function lcs(a: string[], b: string[]): Set<string> {
  const n = a.length;
  const m = b.length;
  const table: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) table[i]![j] = a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
  const out = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.add(a[i]!);
      i++;
      j++;
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  return out;
}
