/**
 * Facts a form states twice (x-links: Ⅱ 提供・移転の有無 and Ⅲ「提供・移転しない」…). A change on one side implies
 * a change on the other; when the other side is ※ and this one is not, the change is classified by the stricter
 * side, as the change of that ※ item would be (規則第11条). Pure: classify.ts classifies what this returns.
 */
import type { ClassifyContext } from './rule.ts';
import { canonicalOf, readRole } from '../model/roles.ts';
import { isSignificant, itemPath, schemaAt } from '../schema/walk.ts';
import { boxState, coverLinks, coverPairs, fileIdOf, linkPairs, namesKind, stateLinks } from '../model/links.ts';
import type { Change } from '../diff/change.ts';
import type { FormLink } from '../schema/registry.ts';

export interface Implied {
  link: FormLink;
  /** The change the ※ side undergoes; undefined when the new value allows several states (ambiguous). */
  change?: Change;
  other: string;
  from: string;
  to?: string;
}

export const showState = (value: unknown): string => (value === true ? 'チェックあり' : value === false ? 'チェックなし' : value === 'unknown' ? '状態不明' : String(value));

function rawFor(oldRaw: unknown, value: unknown): unknown {
  if (typeof oldRaw === 'object' && oldRaw !== null && '選択' in oldRaw) return { ...(oldRaw as object), 選択: value };
  return value;
}

/** The changes of linked ※ items that a change of a non-※ item implies. */
export function impliedChanges(change: Change, { root, oldData, newData }: ClassifyContext): Implied[] {
  if (isSignificant(root, change.pointer)) return [];
  const out: Implied[] = coveredChanges(change, { root, oldData, newData });
  if (change.kind !== 'changed') return out;
  for (const link of stateLinks(root)) {
    for (const side of [0, 1] as const) {
      if (!readRole(root, newData, side === 0 ? link.left : link.right).some((r) => r.pointer === change.pointer)) continue;
      const otherRole = side === 0 ? link.right : link.left;
      const allowed = link.agree.filter((pair) => pair[side] === canonicalOf(change.schema, change.after)).map((pair) => pair[1 - side]);
      for (const pair of linkPairs(root, newData, link).filter((p) => p[side].pointer === change.pointer)) {
        const other = pair[1 - side];
        if (!isSignificant(root, other.pointer)) continue;
        // The ※ side as it was in the old version: the officer may have left it as it was.
        const fileId = other.fileEntry?.id;
        const old = readRole(root, oldData, otherRole).find((r) => (link.scope === 'file' ? r.fileEntry?.id === fileId : r.pointer === other.pointer));
        if (!old || allowed.length === 0 || allowed.includes(old.value)) continue;
        const names = { link, other: itemPath(root, other.pointer), from: showState(old.value) };
        if (allowed.length > 1) {
          out.push(names);
          continue;
        }
        const schema = schemaAt(root, other.pointer) ?? other.schema;
        out.push({ ...names, to: showState(allowed[0]), change: { kind: 'changed', pointer: other.pointer, side: 'new', before: old.raw, after: rawFor(old.raw, allowed[0]), schema, item: names.other, significant: true } });
      }
    }
  }
  return out;
}

const names = (value: unknown): string[] => (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v.trim() !== '');

/**
 * A record item added to the list (別添1) that names a kind whose checkbox in the summary (主な記録項目, ※) was not
 * checked: the summary must gain that check, a ※ change (kind covers).
 */
function coveredChanges(change: Change, { root, oldData, newData }: Pick<ClassifyContext, 'root' | 'oldData' | 'newData'>): Implied[] {
  if (change.kind !== 'added' && change.kind !== 'changed') return [];
  const added = names(change.after).filter((n) => !names(change.before).includes(n));
  if (added.length === 0) return [];
  const out: Implied[] = [];
  for (const link of coverLinks(root)) {
    const inList = readRole(root, newData, link.right).some((r) => change.pointer === r.pointer || change.pointer.startsWith(`${r.pointer}/`));
    if (!inList) continue;
    const fileId = fileIdOf(root, newData, change.pointer);
    if (fileId === undefined) continue;
    // The summary of the same file as it was: the box may have been checked already.
    const oldSummary = readRole(root, oldData, link.left).find((r) => r.fileEntry?.id === fileId);
    for (const pair of coverPairs(root, newData, link)) {
      if (fileIdOf(root, newData, pair.pointer) !== fileId || !added.some((n) => namesKind(pair.box.terms, n))) continue;
      const old = oldSummary && boxState(oldSummary.raw, pair.box);
      if (old === undefined || old.value === true || (old.value !== false && old.value !== 'unknown')) continue;
      const other = itemPath(root, pair.pointer);
      const schema = schemaAt(root, pair.pointer) ?? change.schema;
      out.push({ link, other, from: showState(old.value), to: showState(true), change: { kind: 'changed', pointer: pair.pointer, side: 'new', before: old.raw, after: rawFor(old.raw, true), schema, item: other, significant: true } });
    }
  }
  return out;
}
