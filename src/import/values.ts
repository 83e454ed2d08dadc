/**
 * Reading one printed value cell by the item's schema: a choice 「[ 値 ] <選択肢> 1) …」, checkboxes
 * 「[○] 紙　[　] 電子メール」 with their ( ) 内容 and ( n ) 件, checkbox groups, numbered lists, dates, numbers.
 * Nothing is guessed: a state that the text does not show is 不明, a choice not among the options is left empty
 * with a note.
 */
import type { JsonSchema } from '../schema/registry.ts';
import { resolveRef } from '../schema/walk.ts';
import { norm, normChar } from './text.ts';

export interface Doubt {
  /** Japanese note written as a comment beside the value. */
  note: string;
}

export type CheckState = true | false | '不明';

/** The renderer's mark for a required item left empty: not a value. */
export const notWritten = '（未記載）';

const checkedMark = /^(?:\[\s*(?:○|〇|◯|O|o|✓|✔|x|X|×|レ|■|●)\s*\]|☑|☒|■|●)$/u;
const uncheckedMark = /^(?:\[[\s\u3000]*\]|☐|□)$/u;
const unknownMark = /^\[\s*(?:\?|？)\s*\]$/u;
const markAtEnd = /(\[[\s\u3000]*(?:○|〇|◯|O|o|✓|✔|x|X|×|レ|■|●|\?|？)?[\s\u3000]*\]|☑|☒|☐|□|■|●)[\s\u3000]*$/u;

export function markState(raw: string): CheckState | undefined {
  const mark = raw.normalize('NFKC');
  if (checkedMark.test(mark)) return true;
  if (uncheckedMark.test(mark)) return false;
  if (unknownMark.test(mark)) return '不明';
  return undefined;
}

/** The checkbox mark printed just before offset `at` of `text`, if any. */
export function markBefore(text: string, at: number): { state: CheckState; start: number } | undefined {
  // Full-width brackets and letters (［Ｏ］) read as their narrow forms; each keeps its length.
  const head = [...text.slice(Math.max(0, at - 12), at)].map((ch) => (ch.length === 1 && ch.normalize('NFKC').length === 1 ? ch.normalize('NFKC') : ch)).join('');
  const m = markAtEnd.exec(head);
  if (!m) return undefined;
  const state = markState(m[1]!);
  return state === undefined ? undefined : { state, start: at - head.length + m.index };
}

/** A normalised copy of a short text with the offset of each normalised character in the original. */
export function normMap(text: string): { norm: string; map: number[] } {
  let out = '';
  const map: number[] = [];
  let i = 0;
  for (const ch of text) {
    for (const c of normChar(ch)) {
      out += c;
      map.push(i);
    }
    i += ch.length;
  }
  map.push(text.length);
  return { norm: out, map };
}

const enumStrings = (schema: JsonSchema) => (schema.enum ?? []).filter((o): o is string => typeof o === 'string');

/** The option of a choice whose text is the given one (formal differences ignored). */
function option(schema: JsonSchema, text: string): string | undefined {
  const key = norm(text);
  return enumStrings(schema).find((o) => norm(o) === key);
}

/** 「( 1 ) 件」 → 1, 「(　) 件」 → null; undefined when the text has no count. */
export function readCount(text: string): { count: number | null; rest: string } | undefined {
  const m = /[(（][\s\u3000]*([0-9０-９,，]*)[\s\u3000]*[)）][\s\u3000]*件/u.exec(text);
  if (!m) return undefined;
  const digits = m[1]!.normalize('NFKC').replace(/,/g, '');
  return { count: digits === '' ? null : Number(digits), rest: text.slice(0, m.index) + text.slice(m.index + m[0].length) };
}

/** 「[ 十分である ] <選択肢> 1) … 2) …」: the selection (or null when blank). */
export function readChoice(schema: JsonSchema, text: string, doubts: Doubt[]): string | null | undefined {
  const cut = text.search(/<\s*選択肢\s*>|＜\s*選択肢\s*＞/u);
  const head = cut >= 0 ? text.slice(0, cut) : text;
  if (cut < 0 && !/[\[☑☒☐□]/u.test(text)) {
    // A bare word (a table cell 「事後」): exactly one of the options, or not read.
    if (text.trim() === '') return null;
    const whole = option(schema, text.trim());
    if (whole === undefined) doubts.push({ note: `選択肢にない値「${text.trim().slice(0, 40)}」は取り込んでいません` });
    return whole;
  }
  const brackets = [...head.matchAll(/\[([^\][]*)\]/gu)].map((m) => ({ inner: m[1]!.replace(/[\s\u3000]+/gu, ' ').trim(), index: m.index }));
  const filled = brackets.filter((b) => b.inner !== '' && markState(`[${b.inner}]`) === undefined);
  if (filled.length > 0) {
    const value = option(schema, filled[0]!.inner);
    if (value !== undefined) return value;
    doubts.push({ note: `選択肢にない値「${filled[0]!.inner}」は取り込んでいません` });
    return undefined;
  }
  // The bracket is empty, but the selection may stand outside it (a converter moved it): take it only when it
  // is exactly one of the options.
  const outside = head.replace(/\[[^\][]*\]|☑|☒|☐|□/gu, ' ').replace(/[\s\u3000]+/gu, ' ').trim();
  if (outside !== '') {
    const value = option(schema, outside);
    if (value !== undefined) {
      doubts.push({ note: `選択が括弧の外に「${outside}」とあり、それを選択とみなしました` });
      return value;
    }
    doubts.push({ note: `選択を読めませんでした(「${outside}」)` });
    return undefined;
  }
  if (brackets.length > 0 || cut >= 0) return null;
  const whole = option(schema, text.trim());
  if (whole !== undefined) return whole;
  if (text.trim() !== '') doubts.push({ note: `選択を読めませんでした(「${text.trim().slice(0, 40)}」)` });
  return undefined;
}

interface BoxHit {
  key: string;
  schema: JsonSchema;
  /** Offsets in the original text: where the title starts and ends. */
  start: number;
  end: number;
  state: CheckState | undefined;
  markStart: number;
}

/**
 * Checkboxes of one item, in the schema's order: each option title is looked for after the previous one,
 * preferring an occurrence with a mark before it.
 */
export function readCheckboxes(root: JsonSchema, schema: JsonSchema, text: string, doubts: Doubt[], where: string): Record<string, unknown> | undefined {
  const { norm: n, map } = normMap(text);
  const hits: BoxHit[] = [];
  let cursor = 0;
  for (const [key, raw] of Object.entries(schema.properties ?? {})) {
    const sub = resolveRef(root, raw);
    const title = norm(sub.title ?? key);
    if (title === '') continue;
    let found: BoxHit | undefined;
    let fallback: BoxHit | undefined;
    for (let at = n.indexOf(title, cursor); at >= 0; at = n.indexOf(title, at + 1)) {
      const start = map[at]!;
      const end = map[at + title.length]!;
      const mark = markBefore(text, start);
      const hit: BoxHit = { key, schema: sub, start, end, state: mark?.state, markStart: mark?.start ?? start };
      if (mark) {
        found = hit;
        break;
      }
      fallback ??= hit;
    }
    const hit = found ?? fallback;
    if (!hit) continue;
    hits.push(hit);
    cursor = n.length;
    for (let i = 0; i < map.length; i++) if (map[i]! >= hit.end) {
      cursor = i;
      break;
    }
  }
  if (hits.length === 0) return undefined;
  const out: Record<string, unknown> = {};
  hits.forEach((hit, i) => {
    const next = hits[i + 1]?.markStart ?? text.length;
    const tail = text.slice(hit.end, next);
    let state: CheckState;
    if (hit.state === undefined) {
      state = '不明';
      doubts.push({ note: `${where}「${hit.schema.title ?? hit.key}」のチェック欄の印が読めないため「不明」にしました` });
    } else state = hit.state;
    if (!hit.schema.properties) {
      out[hit.key] = state;
      return;
    }
    const value: Record<string, unknown> = {};
    for (const [k, raw] of Object.entries(hit.schema.properties)) {
      const sub = resolveRef(root, raw);
      if (sub['x-render'] === 'checkbox') value[k] = state;
      else if (sub['x-render'] === 'count') value[k] = readCount(tail)?.count ?? null;
      else {
        const rest = readCount(tail)?.rest ?? tail;
        const m = /^[\s\u3000]*[(（]([\s\S]*)[)）]/u.exec(rest.replace(/\[不明\]/u, ''));
        const content = m ? m[1]!.replace(/[\s\u3000]+/gu, ' ').trim() : '';
        if (content !== '') value[k] = content;
      }
    }
    out[hit.key] = value;
  });
  return out;
}

/** Checkbox groups: each group title (「<識別情報>」「・識別情報」), then its checkboxes. */
export function readCheckboxGroups(root: JsonSchema, schema: JsonSchema, text: string, doubts: Doubt[], where: string): Record<string, unknown> | undefined {
  const { norm: n, map } = normMap(text);
  const starts: { key: string; schema: JsonSchema; start: number; end: number }[] = [];
  let cursor = 0;
  for (const [key, raw] of Object.entries(schema.properties ?? {})) {
    const sub = resolveRef(root, raw);
    const title = norm(sub.title ?? key);
    const at = n.indexOf(title, cursor);
    if (at < 0) continue;
    // A group title is not a checkbox: skip an occurrence with a mark before it.
    if (markBefore(text, map[at]!)) continue;
    starts.push({ key, schema: sub, start: map[at]!, end: map[at + title.length]! });
    cursor = at + title.length;
  }
  if (starts.length === 0) return undefined;
  const out: Record<string, unknown> = {};
  starts.forEach((g, i) => {
    const body = text.slice(g.end, starts[i + 1]?.start ?? text.length).replace(/^[\s\u3000]*[>＞]/u, '');
    const boxes = readCheckboxes(root, g.schema, body, doubts, where);
    if (boxes) out[g.key] = boxes;
  });
  return out;
}

/** 「1. 児童生年月日, 2. 申請種別 …」 → the items, numbered 1, 2, 3 … in order (a number out of turn is text). */
export function readNumbered(text: string): string[] {
  const items: string[] = [];
  let rest = text;
  let expected = 1;
  let at = findNumber(rest, expected, true);
  if (at === undefined) return [];
  rest = rest.slice(at.end);
  for (;;) {
    const next = findNumber(rest, expected + 1, false);
    const item = (next ? rest.slice(0, next.start) : rest).replace(/[\s\u3000]*[,、，][\s\u3000]*$/u, '');
    items.push(item.replace(/\n/g, '').replace(/[\s\u3000]+/gu, ' ').trim());
    if (!next) break;
    rest = rest.slice(next.end);
    expected++;
  }
  return items.filter((i) => i !== '');
}

function findNumber(text: string, n: number, first: boolean): { start: number; end: number } | undefined {
  // The number in narrow or full-width digits (12 or １２).
  // A line break of the extraction may stand inside the number or before its dot (「1\n0.」「6 .」).
  const digits = [...String(n)].map((d) => `[${d}${String.fromCharCode(0xff10 + Number(d))}]`).join('[ \\u3000]?');
  const re = new RegExp(`(^|[\\s\\u3000,、，\\t])${digits}[ \\u3000]?[.．][\\s\\u3000]*`, 'gu');
  for (const m of text.matchAll(re)) {
    if (first && text.slice(0, m.index).trim() !== '') return undefined;
    return { start: m.index + m[1]!.length, end: m.index + m[0].length };
  }
  return undefined;
}
