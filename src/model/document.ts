/**
 * Domain readings every form answers through its roles: the 公表日, the 変更箇所 rows and the number of
 * 特定個人情報ファイル. Shared by diff, audit, --write and the renderers, so none of them names a 様式 key.
 */
import type { JsonSchema } from '../schema/registry.ts';
import { parseDate } from './wareki.ts';
import { readOne, roleEntries, roleSites } from './roles.ts';
import { memoised } from './read-memo.ts';

/** 公表日 as ISO, when the form has one and it is a valid date. */
export function publishedOn(root: JsonSchema, data: unknown): string | undefined {
  const raw = readOne(root, data, 'cover.published-on')?.raw;
  const parsed = typeof raw === 'string' ? parseDate(raw) : undefined;
  return parsed?.ok ? parsed.iso : undefined;
}

export function fileCount(root: JsonSchema, data: unknown): number {
  return Math.max(1, roleEntries(root, data, 'files').length);
}

export interface ChangeRow {
  pointer: string;
  id?: string;
  /** As written (和暦 or ISO). */
  date?: string;
  item?: string;
  before?: string;
  after?: string;
  /** Canonical 提出時期: before = 事前, after = 事後. */
  timing?: 'before' | 'after';
  explanation?: string;
}

const rowRoles = { date: 'change.date', item: 'change.item', before: 'change.before', after: 'change.after', timing: 'change.timing', explanation: 'change.explanation' } as const;

type RowKeys = Record<keyof typeof rowRoles, string> & { timingChoices: Record<'before' | 'after', string>; timingValues: Record<string, string> };
const keysCache = new WeakMap<JsonSchema, RowKeys>();

/** The key of each 変更箇所 column in this form (change.date → 変更日 …): the columns sit in the row entry. */
export function changeRowKeys(root: JsonSchema): RowKeys {
  const cached = keysCache.get(root);
  if (cached) return cached;
  const keyOf = (role: string): string => {
    const site = roleSites(root).get(role)?.[0];
    if (!site) throw new Error(`form ${String(root.$id)} has no ${role}`);
    return site.pattern.at(-1)!;
  };
  const timingValues = roleSites(root).get('change.timing')?.[0]?.schema['x-role-values'] ?? {};
  const choice = (value: string) => Object.entries(timingValues).find(([, v]) => v === value)?.[0] ?? value;
  const keys: RowKeys = {
    date: keyOf('change.date'),
    item: keyOf('change.item'),
    before: keyOf('change.before'),
    after: keyOf('change.after'),
    timing: keyOf('change.timing'),
    explanation: keyOf('change.explanation'),
    timingChoices: { before: choice('before'), after: choice('after') },
    timingValues,
  };
  keysCache.set(root, keys);
  return keys;
}

/** The 変更箇所 rows of a document, read by role (the form's column keys). */
export function changeRows(root: JsonSchema, data: unknown): ChangeRow[] {
  return memoised(root, data, 'change-rows', () => changeRowsOnce(root, data)).slice();
}

function changeRowsOnce(root: JsonSchema, data: unknown): ChangeRow[] {
  if (!roleSites(root).has('changes')) return [];
  const keys = changeRowKeys(root);
  return roleEntries(root, data, 'changes').map((entry) => {
    const row: ChangeRow = { pointer: entry.pointer, id: entry.id };
    const value = typeof entry.value === 'object' && entry.value !== null ? (entry.value as Record<string, unknown>) : {};
    const text = (key: string) => (typeof value[key] === 'string' ? (value[key] as string) : undefined);
    row.date = text(keys.date);
    row.item = text(keys.item);
    row.before = text(keys.before);
    row.after = text(keys.after);
    row.explanation = text(keys.explanation);
    const timing = keys.timingValues[text(keys.timing) ?? ''];
    if (timing === 'before' || timing === 'after') row.timing = timing;
    for (const k of Object.keys(row) as (keyof ChangeRow)[]) if (row[k] === undefined) delete row[k];
    return row;
  });
}

/** The pointer of the 変更箇所 list in this form (where --write appends). */
export function changesPointer(root: JsonSchema): string | undefined {
  const site = roleSites(root).get('changes')?.[0];
  return site ? `/${site.pattern.join('/')}` : undefined;
}

/** Marks a drafted 提出時期に係る説明 (pia diff --write) that no person has confirmed yet. */
export const draftMark = '（下書き）';
