/**
 * The pairs of items that state one fact (a form's x-links), and whether two values agree. Read by the
 * linked-facts validation rule and by classification (a change on one side implies one on the other).
 */
import type { FormLink, JsonSchema } from '../schema/registry.ts';
import { readRole, type RoleRead } from './roles.ts';

/** The pairs a link compares: per file (Ⅱ entry and Ⅲ entry with the same ID), or one left value for every right value. */
export function linkPairs(root: JsonSchema, data: unknown, link: FormLink): [RoleRead, RoleRead][] {
  const lefts = readRole(root, data, link.left);
  const rights = readRole(root, data, link.right);
  if (link.scope === 'document') return lefts.length === 0 ? [] : rights.map((r) => [lefts[0]!, r]);
  const idOf = (read: RoleRead) => fileIdOf(root, data, read.pointer);
  return lefts.flatMap((l) => rights.filter((r) => idOf(r) !== undefined && idOf(r) === idOf(l)).map((r): [RoleRead, RoleRead] => [l, r]));
}

/** ID of the file entry (Ⅱ or Ⅲ) that holds a pointer: the first list entry on the way down that has an ID. */
export function fileIdOf(root: JsonSchema, data: unknown, pointer: string): string | undefined {
  const segments = pointer.slice(1).split('/');
  let current: unknown = data;
  for (const segment of segments) {
    if (Array.isArray(current)) {
      const entry = current[Number(segment)];
      const id = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>)['ID'] : undefined;
      if (typeof id === 'string') return id;
      current = entry;
    } else current = typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[segment.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  }
  return undefined;
}

export function agrees(link: FormLink, left: unknown, right: unknown): boolean {
  return link.agree.some(([l, r]) => l === left && r === right);
}

/** The values one side of a link can take: those its agreeing pairs name (a checkbox: true and false). */
export function candidates(link: FormLink, side: 0 | 1): unknown[] {
  const values = new Set(link.agree.map((pair) => pair[side]));
  if (values.has(true) || values.has(false)) values.add(true).add(false);
  return [...values];
}

