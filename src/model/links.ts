/**
 * The pairs of items that state one fact (a form's x-links), and whether two values agree. Read by the
 * linked-facts validation rule and by classification (a change on one side implies one on the other).
 */
import type { CoverLink, JsonSchema, RecordTerms, StateLink } from '../schema/registry.ts';
import { canonicalOf, coverBoxes, fileEntryOf, formLinks, readRole, type CoverBox, type RoleRead } from './roles.ts';
import { escapeSegment } from './access.ts';

export { fileEntryOf };

/** The pairs a link compares: per file (Ⅱ entry and Ⅲ entry with the same ID), or one left value for every right value. */
export function linkPairs(root: JsonSchema, data: unknown, link: StateLink): [RoleRead, RoleRead][] {
  const lefts = readRole(root, data, link.left);
  const rights = readRole(root, data, link.right);
  if (link.scope === 'document') return lefts.length === 0 ? [] : rights.map((r) => [lefts[0]!, r]);
  // Each read knows its file entry (readRole finds it on the way down).
  const rightIds = rights.map((r) => r.fileEntry?.id);
  return lefts.flatMap((l) => {
    const id = l.fileEntry?.id;
    return rights.filter((_, i) => rightIds[i] !== undefined && rightIds[i] === id).map((r): [RoleRead, RoleRead] => [l, r]);
  });
}

/** ID of the file entry (Ⅱ or Ⅲ) that holds a pointer: the first list entry on the way down that has an ID. */
export function fileIdOf(root: JsonSchema, data: unknown, pointer: string): string | undefined {
  return fileEntryOf(data, pointer)?.id;
}

export function agrees(link: StateLink, left: unknown, right: unknown): boolean {
  return link.agree.some(([l, r]) => l === left && r === right);
}

/** The values one side of a link can take: those its agreeing pairs name (a checkbox: true and false). */
export function candidates(link: StateLink, side: 0 | 1): unknown[] {
  const values = new Set(link.agree.map((pair) => pair[side]));
  if (values.has(true) || values.has(false)) values.add(true).add(false);
  return [...values];
}


/** The links that pair two states (the default kind). */
export function stateLinks(root: JsonSchema): StateLink[] {
  return formLinks(root).filter((l): l is StateLink => l.kind === undefined || l.kind === 'states');
}

/** The links between a summary and the list it summarises (kind covers: 主な記録項目 and 別添1). */
export function coverLinks(root: JsonSchema): CoverLink[] {
  return formLinks(root).filter((l): l is CoverLink => l.kind === 'covers');
}

/** Whether a record item's name is of the kind the terms describe. */
export function namesKind(terms: RecordTerms, item: string): boolean {
  return terms.terms.some((t) => item.includes(t)) && !(terms.except ?? []).some((t) => item.includes(t));
}

const checkbox: JsonSchema = { 'x-render': 'checkbox' };

/** A checkbox's raw value and state (true, false, 'unknown' or undefined) in the summary's value. */
export function boxState(summary: unknown, box: Pick<CoverBox, 'path'>): { raw: unknown; value: unknown } {
  let raw = summary;
  for (const key of box.path) raw = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>)[key] : undefined;
  return { raw, value: canonicalOf(checkbox, raw) };
}

/** One checkbox of a covers link in one file, with the record items of that file that name its kind. */
export interface CoverPair {
  box: CoverBox;
  /** Pointer of the checkbox, and its state (true, false, 'unknown', or undefined when absent). */
  pointer: string;
  raw: unknown;
  value: unknown;
  items: { pointer: string; name: string }[];
  /** Pointer of the list's entry for the file (別添1's entry). */
  list: string;
}

/**
 * The boxes (indices into `boxes`) whose kind a record item's name names: namesKind for every box, by the terms
 * that start at each character of the name (a name is a few characters; the terms of all boxes are many). No
 * cache: this costs less than looking the name up would, whatever share of a corpus's names recur.
 */
const noKinds: readonly number[] = Object.freeze([]);

/** kindsNamed's marks of a box: one of its terms is in the name, one of its exceptions is. */
const named = 1;
const excepted = 2;

export function kindsNamed(boxes: readonly CoverBox[], name: string): readonly number[] {
  const index = termIndexOf(boxes);
  const marks = index.marks; // all 0 between calls
  let any = index.always.length > 0;
  for (const box of index.always) marks[box] = named;
  for (const box of index.alwaysExcept) marks[box]! |= excepted;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (index.firsts[c & firstsMask] === 0) continue; // most characters of a name start no term
    const entries = index.byFirst.get(c);
    if (entries === undefined) continue;
    for (const { term, box, except } of entries) {
      if (!name.startsWith(term, i)) continue;
      marks[box]! |= except ? excepted : named;
      any = true;
    }
  }
  if (!any) {
    for (const box of index.alwaysExcept) marks[box] = 0;
    return noKinds;
  }
  let found: number[] | undefined;
  for (let box = 0; box < boxes.length; box++) {
    if (marks[box] === named) (found ??= []).push(box);
    marks[box] = 0;
  }
  return found ?? noKinds;
}

/**
 * Every box's terms and exceptions by their first UTF-16 unit; an empty one is in every name (as includes('')).
 * `firsts` marks those units by their low 12 bits (a small table: a unit that shares them with one only costs a
 * look-up in byFirst); `marks` is kindsNamed's scratch, one per box (each call leaves it cleared).
 */
interface TermIndex {
  byFirst: Map<number, { term: string; box: number; except: boolean }[]>;
  firsts: Uint8Array;
  always: number[];
  alwaysExcept: number[];
  marks: Uint8Array;
}
const termIndexes = new WeakMap<readonly CoverBox[], TermIndex>();
const firstsMask = 0xfff;

function termIndexOf(boxes: readonly CoverBox[]): TermIndex {
  let index = termIndexes.get(boxes);
  if (index !== undefined) return index;
  index = { byFirst: new Map(), firsts: new Uint8Array(firstsMask + 1), always: [], alwaysExcept: [], marks: new Uint8Array(boxes.length) };
  for (let box = 0; box < boxes.length; box++) {
    const { terms, except = [] } = boxes[box]!.terms;
    for (const [list, isExcept] of [[terms, false], [except, true]] as const) {
      for (const term of list) {
        if (term === '') {
          (isExcept ? index.alwaysExcept : index.always).push(box);
          continue;
        }
        const first = term.charCodeAt(0);
        index.firsts[first & firstsMask] = 1;
        const entries = index.byFirst.get(first) ?? [];
        entries.push({ term, box, except: isExcept });
        index.byFirst.set(first, entries);
      }
    }
  }
  termIndexes.set(boxes, index);
  return index;
}

/** For every file: each checkbox of the summary and the record items that name its kind (only boxes with items). */
export function coverPairs(root: JsonSchema, data: unknown, link: CoverLink): CoverPair[] {
  const boxes = coverBoxes(root, link.left);
  if (boxes.length === 0) return [];
  // Per file: its record items that name the kind of some box (most name none), with those boxes, in list order.
  const namedByFile = new Map<string, { item: { pointer: string; name: string }; kinds: readonly number[] }[]>();
  const listOf = new Map<string, string>();
  for (const read of readRole(root, data, link.right)) {
    const entry = read.fileEntry;
    if (entry === undefined || !Array.isArray(read.raw)) continue;
    let named = namedByFile.get(entry.id);
    if (named === undefined) {
      namedByFile.set(entry.id, (named = []));
      listOf.set(entry.id, entry.pointer);
    }
    const names: unknown[] = read.raw;
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      if (typeof name !== 'string' || name.trim() === '') continue;
      const kinds = kindsNamed(boxes, name);
      if (kinds.length > 0) named.push({ item: { pointer: `${read.pointer}/${i}`, name }, kinds });
    }
  }
  const out: CoverPair[] = [];
  for (const summary of readRole(root, data, link.left)) {
    const id = summary.fileEntry?.id;
    const named = id === undefined ? undefined : namedByFile.get(id);
    if (named === undefined || named.length === 0) continue;
    // The items of each box's kind, in list order.
    const byBox: { pointer: string; name: string }[][] = boxes.map(() => []);
    for (const { item, kinds } of named) for (const b of kinds) byBox[b]!.push(item);
    boxes.forEach((box, b) => {
      if (byBox[b]!.length === 0) return;
      out.push({ box, pointer: `${summary.pointer}/${box.path.map(escapeSegment).join('/')}`, ...boxState(summary.raw, box), items: byBox[b]!, list: listOf.get(id!)! });
    });
  }
  return out;
}
