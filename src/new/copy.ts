/**
 * `pia new --from`: an existing assessment of another 事務 as the start of a new one. What belongs to the other
 * 事務 or to its own procedure is not copied: the 事務's identity (評価書番号, 評価書名, 事務の名称, 事務の概要),
 * every date (公表日, 実施日, 保有開始日 …) and count date (いつ時点の計数か), the outcome of its procedures (意見の聴取の
 * 期間・意見・反映、第三者点検の結果、委員会の審査), its 変更箇所 rows and its reviewers' 検証の例外. Items are found by
 * role and by x-render, never by a form's key, so this works for every form.
 */
import type { JsonSchema } from '../schema/registry.ts';
import { itemPath, walkData } from '../schema/walk.ts';
import { pointerSegments } from '../model/pointer.ts';
import { isObject } from '../model/access.ts';
import { fileCount } from '../model/document.ts';

export type ClearReason = 'identity' | 'date' | 'count-date' | 'procedure' | 'changes' | 'waivers';

/** Roles whose value belongs to the other 事務 or to its own procedure (schemas/roles.v1.json). */
export const clearedRoles: Readonly<Record<string, ClearReason>> = {
  'cover.number': 'identity',
  'cover.title': 'identity',
  'office.name': 'identity',
  'office.summary': 'identity',
  'people.office.counted-on': 'count-date',
  'handlers.office.counted-on': 'count-date',
  'hearing.period': 'procedure',
  'hearing.shortening-reason': 'procedure',
  'hearing.opinions': 'procedure',
  'hearing.reflection': 'procedure',
  'third-party.result': 'procedure',
  'ppc.review': 'procedure',
};

/** Reviewers' acceptances of findings (a convention key of every form): they were given for the other 評価書. */
const waiversKey = '検証の例外';

export interface ClearedItem {
  /** JSON Pointer in the source. */
  pointer: string;
  /** Official item path (Ⅰ 基本情報 1. … ①事務の名称). */
  item: string;
  reason: ClearReason;
  /** Rows or entries removed (変更箇所, 検証の例外). */
  count?: number;
}

const isBlank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/** The source's data with what must not be copied set blank, and the list of what was cleared (document order). */
export function copyableData(root: JsonSchema, source: Record<string, unknown>): { data: Record<string, unknown>; cleared: ClearedItem[] } {
  const data = structuredClone(source);
  const files = fileCount(root, source);
  const label = (pointer: string) => itemPath(root, pointer, { fileCount: files }) || pointerSegments(pointer).join(' ');
  const cleared: ClearedItem[] = [];
  const blanks: { pointer: string; value: unknown }[] = [];
  let inChangeTable: string | undefined;
  walkData(root, source, (pointer, value, schema) => {
    if (inChangeTable !== undefined && pointer.startsWith(`${inChangeTable}/`)) return;
    if (schema['x-render'] === 'change-table' && Array.isArray(value)) {
      inChangeTable = pointer;
      if (value.length > 0) {
        cleared.push({ pointer, item: label(pointer), reason: 'changes', count: value.length });
        blanks.push({ pointer, value: [] });
      }
      return;
    }
    if (pointer === `/${waiversKey}`) return;
    const reason = clearedRoles[schema['x-role'] ?? ''] ?? (schema['x-render'] === 'date' ? 'date' : undefined);
    if (reason && !isBlank(value)) {
      cleared.push({ pointer, item: label(pointer), reason });
      blanks.push({ pointer, value: null });
    }
  });
  for (const { pointer, value } of blanks) setAt(data, pointer, value);
  const waivers = data[waiversKey];
  if (Array.isArray(waivers)) {
    if (waivers.length > 0) cleared.push({ pointer: `/${waiversKey}`, item: waiversKey, reason: 'waivers', count: waivers.length });
    delete data[waiversKey];
  }
  return { data, cleared };
}

function setAt(data: Record<string, unknown>, pointer: string, value: unknown): void {
  const segments = pointerSegments(pointer);
  let current: unknown = data;
  for (const segment of segments.slice(0, -1)) current = Array.isArray(current) ? current[Number(segment)] : isObject(current) ? current[segment] : undefined;
  const last = segments.at(-1)!;
  if (Array.isArray(current)) current[Number(last)] = value;
  else if (isObject(current)) current[last] = value;
}
