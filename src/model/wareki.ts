/**
 * 和暦 dates, as the forms print them (令和8年3月30日, 令和元年5月1日), and ISO dates for storage.
 * The era table is data: first day of each era (the day the 元号 took effect) and its last day.
 *
 * The editor serves this file to the browser alone (src/edit/server.ts), so it imports nothing.
 */
export const eras = [
  { name: '明治', start: '1868-01-25', end: '1912-07-29' },
  { name: '大正', start: '1912-07-30', end: '1926-12-24' },
  { name: '昭和', start: '1926-12-25', end: '1989-01-07' },
  { name: '平成', start: '1989-01-08', end: '2019-04-30' },
  { name: '令和', start: '2019-05-01', end: '9999-12-31' },
] as const;

export type DateParse =
  | { ok: true; iso: string }
  | { ok: false; reason: 'format' | 'no-such-day' | 'before-era' | 'after-era'; era?: string; lastDay?: string; firstDay?: string };

const warekiPattern = /^(明治|大正|昭和|平成|令和)(元|[1-9][0-9]?)年([0-9]{1,2})月([0-9]{1,2})日$/;
const isoPattern = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The day's ISO date, when it exists in the proleptic Gregorian calendar (years 100–9999, as Date.UTC reads them). */
function isoOf(year: number, month: number, day: number): string | undefined {
  if (year < 100 || month < 1 || month > 12 || day < 1) return undefined;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : monthDays[month - 1]!)) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Accepts 和暦 or ISO (YYYY-MM-DD); checks that the day exists and lies inside its era. */
export function parseDate(text: string): DateParse {
  const iso = isoPattern.exec(text);
  if (iso) {
    const value = isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    return value ? { ok: true, iso: value } : { ok: false, reason: 'no-such-day' };
  }
  const match = warekiPattern.exec(text);
  if (!match) return { ok: false, reason: 'format' };
  const era = eras.find((e) => e.name === match[1])!;
  const eraYear = match[2] === '元' ? 1 : Number(match[2]);
  if (eraYear < 1) return { ok: false, reason: 'format' };
  const value = isoOf(Number(era.start.slice(0, 4)) + eraYear - 1, Number(match[3]), Number(match[4]));
  if (!value) return { ok: false, reason: 'no-such-day' };
  if (value < era.start) return { ok: false, reason: 'before-era', era: era.name, firstDay: formatWareki(era.start) };
  if (value > era.end) return { ok: false, reason: 'after-era', era: era.name, lastDay: formatWareki(era.end) };
  return { ok: true, iso: value };
}

const japanese = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'UTC' });

/**
 * ISO date → 令和8年3月30日 (元年 for the first year), as printed on the forms: the Japanese calendar of
 * Intl.DateTimeFormat (ICU's era data), with the forms' 年月日 and 元年. Japan has used the Gregorian calendar since
 * 1873-01-01 (明治6年); an earlier day, or a string that is not a date, is returned as it is.
 */
export function formatWareki(iso: string): string {
  const known = printed.get(iso);
  if (known !== undefined) return known;
  const text = printWareki(iso);
  // A document holds few distinct dates and ICU's formatToParts costs ~0.1 ms: remembered, in a bounded table
  // (written out here, not model/bounded-cache.ts: this file is served alone).
  if (printed.size >= 4096) printed.clear();
  printed.set(iso, text);
  return text;
}

const printed = new Map<string, string>();

function printWareki(iso: string): string {
  if (!isoPattern.test(iso) || iso < '1873-01-01') return iso;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = japanese.formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const year = Number(get('year'));
  return `${get('era')}${year === 1 ? '元' : year}年${Number(get('month'))}月${Number(get('day'))}日`;
}

/** Today's date in Japan (the forms' calendar), or PIA_TODAY=YYYY-MM-DD for reproducible runs and tests. */
export function todayInJapan(now: Date = new Date()): string {
  const fixed = process.env.PIA_TODAY;
  if (fixed && isoPattern.test(fixed)) return fixed;
  return new Date(now.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
}
