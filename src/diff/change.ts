/** One difference between two versions of an assessment, at the granularity of a printed item. */
import type { JsonSchema } from '../schema/registry.ts';

/** moved: a repeated block (or a list entry) whose position changed while its content stayed the same. */
export type ChangeKind = 'added' | 'removed' | 'changed' | 'moved';

export interface Change {
  kind: ChangeKind;
  /** JSON Pointer of the item: on the new side, or on the old side when the item is gone from the new file. */
  pointer: string;
  side: 'old' | 'new';
  /** Pointer of the same value in the old version (absent for additions). */
  oldPointer?: string;
  /** Pointer of the same value in the new version (absent for removals). */
  newPointer?: string;
  before: unknown;
  after: unknown;
  /** Resolved subschema describing the value. */
  schema: JsonSchema;
  /** Official item path as the form prints it (itemPath), plus the group name for 別添1 lists. */
  item: string;
  /** The item, an ancestor, or (for a whole added/removed block) a filled descendant is marked ※. */
  significant: boolean;
}

export const kindLabels: Record<ChangeKind, string> = { added: '追加', removed: '削除', changed: '変更', moved: '移動' };
