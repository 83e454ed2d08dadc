/**
 * Facts a form states twice (x-links: Ⅱ 提供・移転の有無 and Ⅲ「提供・移転しない」…). A change on one side implies
 * a change on the other; when the other side is ※ and this one is not, the change is classified by the stricter
 * side, as the change of that ※ item would be (規則第11条). Pure: classify.ts classifies what this returns.
 */
import type { ClassifyContext } from './rule.ts';
import { canonicalOf, formLinks, readRole } from '../model/roles.ts';
import { isSignificant, itemPath, schemaAt } from '../schema/walk.ts';
import { fileIdOf, linkPairs } from '../model/links.ts';
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
  if (change.kind !== 'changed' || isSignificant(root, change.pointer)) return [];
  const out: Implied[] = [];
  for (const link of formLinks(root)) {
    for (const side of [0, 1] as const) {
      if (!readRole(root, newData, side === 0 ? link.left : link.right).some((r) => r.pointer === change.pointer)) continue;
      const otherRole = side === 0 ? link.right : link.left;
      const allowed = link.agree.filter((pair) => pair[side] === canonicalOf(change.schema, change.after)).map((pair) => pair[1 - side]);
      for (const pair of linkPairs(root, newData, link).filter((p) => p[side].pointer === change.pointer)) {
        const other = pair[1 - side];
        if (!isSignificant(root, other.pointer)) continue;
        // The ※ side as it was in the old version: the officer may have left it as it was.
        const fileId = fileIdOf(root, newData, other.pointer);
        const old = readRole(root, oldData, otherRole).find((r) => (link.scope === 'file' ? fileIdOf(root, oldData, r.pointer) === fileId : r.pointer === other.pointer));
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
