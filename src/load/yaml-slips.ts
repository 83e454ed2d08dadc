/**
 * Typing slips of a Japanese input method (IME) that make a YAML error whose own words point elsewhere: a
 * full-width space in the indentation, a full-width colon after an item name, no space after the colon, a value
 * that starts with `[` (read as a list: "[○] 行う") and full-width brackets or braces. Given the lines where the
 * parser reported errors, `yamlSlips` names the real cause at the slip's own line:col, with the fix as hint.
 */
import { t } from '../report/i18n.ts';
import type { MessageKey } from '../report/messages.ts';

export interface Slip {
  rule: string;
  line: number;
  col: number;
  message: string;
  hint: string;
}

const shorten = (text: string, max = 20) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** The slip on one line, if any (line is 1-based). */
export function slipOnLine(text: string, line: number): Slip | undefined {
  return slipIn(text.split('\n')[line - 1] ?? '', line);
}

function slip(line: number, col: number, rule: string, key: MessageKey, hint: MessageKey, data: Record<string, string>): Slip {
  return { rule, line, col, message: t(key, data), hint: t(hint, data) };
}

function slipIn(source: string, line: number): Slip | undefined {
  const text = source.replace(/\r$/, '');
  // 1. A full-width space among the leading spaces.
  const indent = /^[ \u3000]*/.exec(text)![0];
  if (indent.includes('\u3000')) {
    return slip(line, indent.indexOf('\u3000') + 1, 'yaml-fullwidth-space', 'yaml.fullwidthSpace', 'yaml.fullwidthSpace.hint', {});
  }
  // The content after the indentation and an optional "- " (a list item).
  const start = indent.length + (/^- +/.exec(text.slice(indent.length))?.[0].length ?? 0);
  const content = text.slice(start);
  if (content === '' || content.startsWith('#')) return undefined;
  const asciiKey = /^([^\s:#'"[\]{},&*!|>][^:]*?)\s*:(?= |$)/.exec(content);
  // 2. A full-width colon where the item name ends (no ASCII "key: " before it).
  const fullColon = /^([^\s:：#'"[\]{},&*!|>][^:：]*?)：\s*(.*)$/.exec(content);
  if (fullColon && (!asciiKey || asciiKey[0].length > fullColon[1]!.length)) {
    return slip(line, start + fullColon[1]!.length + 1, 'yaml-fullwidth-colon', 'yaml.fullwidthColon', 'yaml.fullwidthColon.hint', { key: fullColon[1]!.trim(), value: shorten(fullColon[2]! || '…') });
  }
  // 3. No space after the colon of an item name ("評価書番号:48"; not "https://…").
  const noSpace = /^([^\s:#'"[\]{},&*!|>][^\s:]*):([^\s/:].*)$/.exec(content);
  if (!asciiKey && noSpace) {
    return slip(line, start + noSpace[1]!.length + 1, 'yaml-colon-space', 'yaml.colonSpace', 'yaml.colonSpace.hint', { key: noSpace[1]!, value: shorten(noSpace[2]!) });
  }
  if (!asciiKey) return undefined;
  const valueStart = start + asciiKey[0].length + (/^ */.exec(text.slice(start + asciiKey[0].length))![0].length);
  const value = text.slice(valueStart);
  const key = asciiKey[1]!.trim();
  // 4. Full-width brackets or braces meant as a list or a mapping.
  if (/^[［｛]/.test(value)) {
    return slip(line, valueStart + 1, 'yaml-fullwidth-bracket', 'yaml.fullwidthBracket', 'yaml.fullwidthBracket.hint', { key, open: value[0]!, close: value[0] === '［' ? '］' : '｝', ascii: value[0] === '［' ? '[ ]' : '{ }' });
  }
  // 5. A value starting with [ or { that is text, not a list: "[○] 行う", "[注] …", an unclosed "[".
  const flow = /^([[{])/.exec(value);
  if (flow) {
    return slip(line, valueStart + 1, 'yaml-flow-start', 'yaml.flowStart', 'yaml.flowStart.hint', { key, bracket: flow[1]!, value: shorten(value.replace(/"/g, '\\"'), 30) });
  }
  return undefined;
}

/**
 * The slips on the lines where the parser reported errors (the parser stops on the slip's own line for each of
 * these), one per line, in line order. Only error lines are looked at: the same characters are harmless
 * elsewhere (a full-width space opening a paragraph of a |- text, a "：" inside a sentence).
 */
export function yamlSlips(text: string, errorLines: readonly number[]): Slip[] {
  const lines = text.split('\n');
  const found = new Map<number, Slip>();
  for (const n of new Set(errorLines)) {
    const s = slipIn(lines[n - 1] ?? '', n);
    if (s) {
      found.set(n, s);
      continue;
    }
    // An unclosed "[" or "{" is noticed on a later line: the nearest content line above that opens one.
    for (let m = n - 1, looked = 0; m >= 1 && looked < 3; m--) {
      const source = lines[m - 1]!;
      if (/^\s*(#.*)?$/.test(source)) continue;
      looked++;
      const above = slipIn(source, m);
      if (above?.rule === 'yaml-flow-start' && unbalanced(source)) {
        found.set(m, above);
        break;
      }
    }
  }
  return [...found.values()].sort((a, b) => a.line - b.line);
}

/** More opening than closing brackets and braces on the line (outside quotes). */
function unbalanced(line: string): boolean {
  let depth = 0;
  let quote = '';
  for (const c of line) {
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
  }
  return depth > 0;
}
