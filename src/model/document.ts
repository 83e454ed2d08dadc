/**
 * Domain readings every form answers through its roles: the 公表日, the 変更箇所 rows and the number of
 * 特定個人情報ファイル. Shared by diff, audit, --write and the renderers, so none of them names a 様式 key.
 */
import type { JsonSchema } from '../schema/registry.ts';
import { parseDate } from './wareki.ts';
import { readOne, readRole, roleEntries, roleSites } from './roles.ts';

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

/** The 変更箇所 rows of a document, read by role. */
export function changeRows(root: JsonSchema, data: unknown): ChangeRow[] {
  return roleEntries(root, data, 'changes').map((entry) => {
    const row: ChangeRow = { pointer: entry.pointer, id: entry.id };
    for (const [field, role] of Object.entries(rowRoles) as [keyof typeof rowRoles, string][]) {
      const read = readRole(root, data, role, entry.pointer)[0];
      if (!read || read.raw === null || read.raw === undefined) continue;
      if (field === 'timing') {
        if (read.value === 'before' || read.value === 'after') row.timing = read.value;
      } else if (typeof read.raw === 'string') row[field] = read.raw;
    }
    return row;
  });
}

/** The key of each 変更箇所 column in this form (for writing rows): change.date → 変更日 … */
export function changeRowKeys(root: JsonSchema): Record<keyof typeof rowRoles, string> & { timingChoices: Record<'before' | 'after', string> } {
  const keyOf = (role: string): string => {
    const site = roleSites(root).get(role)?.[0];
    if (!site) throw new Error(`form ${String(root.$id)} has no ${role}`);
    return site.pattern.at(-1)!;
  };
  const timingSite = roleSites(root).get('change.timing')?.[0];
  const choices = Object.entries(timingSite?.schema['x-role-values'] ?? {});
  const choice = (value: string) => choices.find(([, v]) => v === value)?.[0] ?? value;
  return {
    date: keyOf('change.date'),
    item: keyOf('change.item'),
    before: keyOf('change.before'),
    after: keyOf('change.after'),
    timing: keyOf('change.timing'),
    explanation: keyOf('change.explanation'),
    timingChoices: { before: choice('before'), after: choice('after') },
  };
}

/** The pointer of the 変更箇所 list in this form (where --write appends). */
export function changesPointer(root: JsonSchema): string | undefined {
  const site = roleSites(root).get('changes')?.[0];
  return site ? `/${site.pattern.join('/')}` : undefined;
}

/** Marks a drafted 提出時期に係る説明 (pia diff --write) that no person has confirmed yet. */
export const draftMark = '（下書き）';
