/**
 * The bounds of one `pia check`: a checks.yaml from a pull request must not be able to make pia read without end,
 * hold gigabytes, recurse until the stack overflows, or print pages of an observed value.
 */
import { t } from '../report/i18n.ts';

/** Largest file, HTTP body, command output or PostgreSQL result pia reads from one source. */
export const maxSourceBytes = 16 * 1024 * 1024;

/** Deepest nesting of arrays and objects accepted in observed data (real exports nest a handful of levels). */
export const maxDataDepth = 100;

/** How deep a printed value goes before its inner arrays and objects are shown as […] and {…}. */
export const maxQuoteDepth = 8;

export const mebibytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MiB`;

/** True when `data` nests deeper than `limit` levels. Iterative, so a hostile depth cannot overflow the stack. */
export function nestsDeeperThan(data: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[data, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth + 1 > limit) return true;
    for (const v of Array.isArray(node) ? node : Object.values(node)) if (typeof v === 'object' && v !== null) stack.push([v, depth + 1]);
  }
  return false;
}

class Full extends Error {}

/**
 * A value as quoted in a message: text as is, anything else as compact JSON (the same text as JSON.stringify),
 * at most `max` characters and `maxQuoteDepth` levels. Stops writing as soon as the budget is spent, so a
 * 16 MiB observation costs no more than a short one. `redact` runs before the cut, so the cut never leaves
 * the first half of a secret behind.
 */
export function quoteValue(value: unknown, max = 200, redact: (text: string) => string = (t) => t): string {
  if (value === undefined) return t('check.noValue');
  // Room for a secret that straddles the cut: it is masked whole, then cut.
  const budget = max + 512;
  let text: string;
  if (typeof value === 'string') text = value.slice(0, budget);
  else {
    const parts: string[] = [];
    let length = 0;
    const put = (s: string) => {
      parts.push(s);
      length += s.length;
      if (length > budget) throw new Full();
    };
    const write = (v: unknown, depth: number, inArray: boolean): boolean => {
      if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') v = (v as { toJSON: () => unknown }).toJSON();
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') {
        if (inArray) put('null');
        return inArray;
      }
      if (v === null || typeof v === 'boolean') put(String(v));
      else if (typeof v === 'number') put(Number.isFinite(v) ? String(v) : 'null');
      else if (typeof v === 'bigint') put(String(v));
      else if (typeof v === 'string') put(JSON.stringify(v));
      else if (Array.isArray(v)) {
        if (depth >= maxQuoteDepth) put('[…]');
        else {
          put('[');
          v.forEach((item, i) => {
            if (i > 0) put(',');
            write(item, depth + 1, true);
          });
          put(']');
        }
      } else if (depth >= maxQuoteDepth) put('{…}');
      else {
        put('{');
        let first = true;
        for (const [key, item] of Object.entries(v as Record<string, unknown>)) {
          if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
          put(first ? '' : ',');
          first = false;
          put(JSON.stringify(key) + ':');
          write(item, depth + 1, false);
        }
        put('}');
      }
      return true;
    };
    try {
      write(value, 0, false);
    } catch (error) {
      if (!(error instanceof Full)) throw error;
    }
    text = parts.join('');
  }
  const clean = redact(text);
  return clean.length > max ? clean.slice(0, max) + '…' : clean;
}
