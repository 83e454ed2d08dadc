/**
 * 非公表 (規則第13条): parts of an 評価書 whose publication would create a security risk are withheld from the
 * public version; the full text still goes to the 個人情報保護委員会 (the submission version).
 *
 * The officer lists them under the top-level convention key `非公表` (schemas/decisions/0003-withheld-parts.md):
 *
 *   非公表:
 *     - 項目: /リスク対策/kodomo-iryohi/特定個人情報の使用/リスク2/具体的な管理方法   # JSON Pointer (ID or index)
 *       部分: 静脈認証装置の機種名(富士通 PalmSecure)                                  # optional: exact text
 *       理由: 認証装置の機種が分かると攻撃の手掛かりになるため
 *
 * publicView() is applied once, to the data, before any renderer (page, PDF, JSON, CSV, search index, 変更箇所
 * word diffs) sees it, so no renderer knows about 非公表. A withholding that cannot be applied (its item or text is
 * gone after an edit) is an error, never a silent publication of the text.
 */
import { isObject } from './access.ts';
import { pointerSegments, resolvePointer as resolveShared } from './pointer.ts';
import { readRole } from './roles.ts';
import type { JsonSchema } from '../schema/registry.ts';

import { withheldMark } from './withheld-mark.ts';
import { bilingual } from '../report/i18n.ts';

export { withheldMark };
/** The convention key (hidden from every rendering, removed from the public version). */
export const withholdKey = '非公表';
/** Withheld texts this long or longer are also withheld where 変更箇所 quotes them (変更前・変更後の記載). */
const quotedMinLength = 4;
/** The cells of the change table that quote items' text (found by role, whatever the form calls them). */
const quotingRoles = ['change.before', 'change.after'];

export interface Withholding {
  index: number;
  pointer: string;
  part?: string;
  reason: string;
}

export type WithholdProblemId = 'no-such-item' | 'part-not-found' | 'part-needs-text' | 'not-text' | 'bad-entry';

export interface WithholdProblem {
  messageId: WithholdProblemId;
  /** Pointer into the assessment of the 非公表 entry's field at fault. */
  path: string;
  data: Record<string, string>;
}

export type PublicView = { ok: true; data: Record<string, unknown>; count: number } | { ok: false; problems: WithholdProblem[] };

export function withholdings(data: Record<string, unknown>): Withholding[] {
  const list = data[withholdKey];
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry, index) => {
    if (!isObject(entry) || typeof entry['項目'] !== 'string') return [];
    return [{ index, pointer: entry['項目'], part: typeof entry['部分'] === 'string' ? entry['部分'] : undefined, reason: String(entry['理由'] ?? '') }];
  });
}

/**
 * A pointer's segments resolved in `data` (model/pointer.ts: under a list, a segment is an index or an entry's ID).
 * Returns the concrete path (indexes as numbers), or undefined.
 */
export function resolvePointer(data: unknown, pointer: string): (string | number)[] | undefined {
  if (pointer !== '' && !pointer.startsWith('/')) return undefined;
  const resolved = resolveShared(data, pointer);
  if (!resolved.ok) return undefined;
  const path: (string | number)[] = [];
  let current: unknown = data;
  for (const segment of pointerSegments(resolved.pointer)) {
    const key = Array.isArray(current) ? Number(segment) : segment;
    path.push(key);
    current = (current as Record<string | number, unknown>)[key];
  }
  return path;
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let current = data;
  for (const key of path) current = (current as Record<string | number, unknown>)[key];
  return current;
}

/** Every string under a value, with a flag for anything that is not text (true/false, numbers). IDs are keys, not content. */
function texts(value: unknown, out: string[] = []): { strings: string[]; nonText: boolean } {
  let nonText = false;
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (isObject(v)) for (const [k, x] of Object.entries(v)) { if (k !== 'ID') walk(x); }
    else if (v !== null && v !== undefined) nonText = true;
  };
  walk(value);
  return { strings: out, nonText };
}

/** Replaces every string under a value by the mark (IDs stay: they are how the entry is addressed). */
function markAll(value: unknown): unknown {
  if (typeof value === 'string') return withheldMark;
  if (Array.isArray(value)) return value.map(markAll);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'ID' ? v : markAll(v)]));
  return value;
}

function setAt(data: unknown, path: readonly (string | number)[], value: unknown): void {
  const parent = valueAt(data, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path.at(-1)!] = value;
}

/** The text with every occurrence of each part replaced; overlapping or adjacent occurrences become one mark. */
export function withholdParts(text: string, parts: readonly string[]): string {
  const hidden = new Uint8Array(text.length);
  for (const part of parts) {
    for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) hidden.fill(1, at, at + part.length);
  }
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (!hidden[i]) out += text[i];
    else if (i === 0 || !hidden[i - 1]) out += withheldMark;
  }
  return out;
}

/** The problems of the 非公表 list (used by validation, and by publicView, which refuses to publish with any). */
export function withholdProblems(data: Record<string, unknown>, schema: JsonSchema): WithholdProblem[] {
  const view = publicView(data, schema);
  return view.ok ? [] : view.problems;
}

/**
 * The public version: every withheld item or part replaced by 「（非公表）」, the texts it withholds also replaced
 * where 変更箇所 quotes them, and the 非公表 list itself removed. The input is not changed.
 */
export function publicView(data: Record<string, unknown>, schema: JsonSchema): PublicView {
  const raw = data[withholdKey];
  if (raw === undefined) return { ok: true, data, count: 0 };
  const { [withholdKey]: _list, ...rest } = data;
  const out = structuredClone(rest) as Record<string, unknown>;
  const problems: WithholdProblem[] = [];
  const quoted: string[] = [];
  const list = Array.isArray(raw) ? raw : [];
  if (!Array.isArray(raw)) problems.push({ messageId: 'bad-entry', path: `/${withholdKey}`, data: { pointer: '' } });
  const parts = new Map<string, { path: (string | number)[]; parts: string[] }>();
  const wholes: (string | number)[][] = [];
  list.forEach((entry, index) => {
    const at = `/${withholdKey}/${index}`;
    if (!isObject(entry) || typeof entry['項目'] !== 'string' || (entry['部分'] !== undefined && (typeof entry['部分'] !== 'string' || entry['部分'] === ''))) {
      problems.push({ messageId: 'bad-entry', path: at, data: { pointer: '' } });
      return;
    }
    const pointer = entry['項目'];
    const part = entry['部分'] as string | undefined;
    // Resolved against the original data: the pointer names what the officer wrote (ID segments, indexes).
    const path = resolvePointer(rest, pointer);
    if (!path || path.length === 0) {
      problems.push({ messageId: 'no-such-item', path: `${at}/項目`, data: { pointer } });
      return;
    }
    const original = valueAt(rest, path);
    if (part !== undefined) {
      if (typeof original !== 'string') problems.push({ messageId: 'part-needs-text', path: `${at}/部分`, data: { pointer } });
      else if (!original.includes(part)) problems.push({ messageId: 'part-not-found', path: `${at}/部分`, data: { pointer, part } });
      else {
        const key = JSON.stringify(path);
        if (!parts.has(key)) parts.set(key, { path, parts: [] });
        parts.get(key)!.parts.push(part);
        quoted.push(part);
      }
      return;
    }
    const found = texts(original);
    if (found.nonText) {
      problems.push({ messageId: 'not-text', path: `${at}/項目`, data: { pointer } });
      return;
    }
    wholes.push(path);
    quoted.push(...found.strings);
  });
  // Parts of one text are withheld together: every occurrence of every part, overlapping ones merged, so no
  // character of any part is left visible between two marks.
  for (const { path, parts: list } of parts.values()) setAt(out, path, withholdParts(valueAt(rest, path) as string, list));
  for (const path of wholes) setAt(out, path, markAll(valueAt(out, path)));
  if (problems.length > 0) return { ok: false, problems };

  // 変更箇所 quotes items' text in its 変更前・変更後 cells: what is withheld in the item is withheld there too.
  const needles = [...new Set(quoted.filter((t) => t.length >= quotedMinLength && t !== withheldMark))].sort((a, b) => b.length - a.length);
  if (needles.length > 0) {
    for (const cell of quotingRoles.flatMap((role) => readRole(schema, out, role))) {
      if (typeof cell.raw !== 'string' || !needles.some((n) => (cell.raw as string).includes(n))) continue;
      const path = resolvePointer(out, cell.pointer);
      if (path) setAt(out, path, withholdParts(cell.raw, needles));
    }
  }
  return { ok: true, data: out, count: list.length };
}

/** Each problem's message and hint; reading one gives the current language (--lang). */
export const withholdMessages: Record<WithholdProblemId, { readonly message: string; readonly hint: string }> = {
  'no-such-item': bilingual({
    message: '非公表にする項目「{pointer}」が評価書にありません。このままでは公表できません。',
    hint: '項目は JSON Pointer で書きます(例: /リスク対策/<ファイルの ID>/特定個人情報の使用/リスク2/具体的な管理方法)。繰り返す記載は ID か 0 から数えた番号で指します。項目名や ID を変えたときは、ここも直してください。',
  }, {
    message: 'The item 「{pointer}」 to withhold is not in the assessment. It cannot be published like this.',
    hint: 'Items are written as JSON Pointers (for example `/リスク対策/<file ID>/特定個人情報の使用/リスク2/具体的な管理方法`). Repeated entries are addressed by ID or by their number counted from 0. When an item\'s name or ID changes, change it here too.',
  }),
  'part-not-found': bilingual({
    message: '非公表にする部分「{part}」が「{pointer}」の記載にありません。記載が変わったため、非公表のはずの文が公表されるおそれがあります。',
    hint: '今の記載から、非公表にする部分をそのまま(一字一句同じに)写してください。非公表が不要になったのなら、この行を削除してください。',
  }, {
    message: 'The part 「{part}」 to withhold is not in the text of 「{pointer}」. The text has changed, so a sentence meant to be withheld could be published.',
    hint: 'Copy the part to withhold from the current text exactly, character for character. If it no longer needs withholding, delete this entry.',
  }),
  'part-needs-text': bilingual({
    message: '「{pointer}」は文章の項目ではないため、部分を指定できません。',
    hint: '「部分」を削除して項目全体を非公表にするか、文章の項目を指定してください。',
  }, {
    message: '「{pointer}」 is not a text item, so a part of it cannot be given.',
    hint: 'Delete `部分` to withhold the whole item, or name a text item.',
  }),
  'not-text': bilingual({
    message: '「{pointer}」にはチェック欄・件数など文字でない値があり、非公表にできません(選択の有無を（非公表）とは書けないため)。',
    hint: 'チェック欄の横の記載など、文章の項目や部分を指定してください。',
  }, {
    message: '「{pointer}」 holds values that are not text (check boxes, counts), which cannot be withheld (a choice cannot be printed as 「（非公表）」).',
    hint: 'Name a text item or part, such as the text beside the check boxes.',
  }),
  'bad-entry': bilingual({
    message: '非公表の記載の形が正しくありません。',
    hint: '各行に「項目」(JSON Pointer)と「理由」を書き、必要なら「部分」(非公表にする文)を書いてください。',
  }, {
    message: 'An entry of the withheld list is not in the right shape.',
    hint: 'Give each entry `項目` (a JSON Pointer) and `理由`, and `部分` (the sentence to withhold) where needed.',
  }),
};
