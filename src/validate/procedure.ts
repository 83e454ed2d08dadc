/**
 * Facts the procedure rules share: the dates of an 意見聴取 period written as text, and whether the 評価実施機関
 * is a 地方公共団体等 or a 行政機関等 (which decides 第三者点検 against 個人情報保護委員会の承認).
 */
import { parseDate } from '../model/wareki.ts';
import { readOne, rolePointer } from '../model/roles.ts';
import type { JsonSchema } from '../schema/registry.ts';

/**
 * A document-scope text item by role: its pointer (where it is, or would be) and its non-blank text.
 * Undefined when the form has no such role.
 */
export function roleText(root: JsonSchema, data: unknown, role: string): { pointer: string; text?: string; present: boolean } | undefined {
  const read = readOne(root, data, role);
  const pointer = read?.pointer ?? rolePointer(root, role);
  if (pointer === undefined) return undefined;
  const text = typeof read?.raw === 'string' && read.raw.trim() !== '' ? read.raw.trim() : undefined;
  return { pointer, text, present: read !== undefined };
}

const dateToken = /(?:明治|大正|昭和|平成|令和)(?:元|[0-9０-９]{1,2})年[0-9０-９]{1,2}月[0-9０-９]{1,2}日|[0-9]{4}-[0-9]{2}-[0-9]{2}/g;
const toAscii = (s: string) => s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

/**
 * 「令和7年11月4日から令和7年12月3日まで(30日間)」→ the first and last day. A second date written without its
 * era and year (「令和7年11月4日〜12月3日」) takes them from the first. Undefined when two days cannot be read.
 */
export function parseHearingPeriod(text: string): { start: string; end: string; days: number } | undefined {
  const tokens = [...toAscii(text).matchAll(dateToken)].map((m) => m[0]);
  let start = tokens[0] ? parseDate(tokens[0]) : undefined;
  let endText = tokens[1];
  if (start?.ok && !endText) {
    const rest = toAscii(text).slice(toAscii(text).indexOf(tokens[0]!) + tokens[0]!.length);
    const short = /^[^0-9]{0,6}?([0-9]{1,2})月([0-9]{1,2})日/.exec(rest);
    if (short) endText = tokens[0]!.replace(/[0-9]{1,2}月[0-9]{1,2}日$/, `${short[1]}月${short[2]}日`);
  }
  const end = endText ? parseDate(endText) : undefined;
  if (!start?.ok || !end?.ok) return undefined;
  const days = (Date.parse(end.iso) - Date.parse(start.iso)) / 86_400_000 + 1;
  return { start: start.iso, end: end.iso, days };
}

/**
 * The kind of body from its 評価実施機関名, as the forms write it (「〇〇市長」「〇〇県知事」「〇〇市教育委員会」,
 * 「〇〇大臣」「〇〇庁長官」). Data, not a legal definition: a name that matches neither list is 'unknown', and the
 * rules then say nothing. 地方公共団体等 includes their 機関 (教育委員会 …), 一部事務組合 and 広域連合.
 */
export const localBodyPatterns: readonly RegExp[] = [
  /(?:市|区|町|村)長$/,
  /(?:都|道|府|県)知事$/,
  /(?:都|道|府|県|市|区|町|村)(?:教育委員会|選挙管理委員会|公営企業管理者|水道事業管理者|病院事業管理者|消防長|議会)/,
  /(?:一部事務組合|広域連合|事務組合)/,
];
export const nationalBodyPatterns: readonly RegExp[] = [
  /大臣$/,
  /(?:庁|院)長官$/,
  /(?:委員会委員長|会計検査院長)$/,
  /^(?:独立行政法人|国立研究開発法人)/,
];

export function bodyKind(name: string): 'local' | 'national' | 'unknown' {
  const trimmed = name.trim();
  if (nationalBodyPatterns.some((p) => p.test(trimmed))) return 'national';
  if (localBodyPatterns.some((p) => p.test(trimmed))) return 'local';
  return 'unknown';
}
