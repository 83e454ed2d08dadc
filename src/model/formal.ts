/** Formal (not substantive) differences of Japanese text: width, white space, punctuation. */

/**
 * UTF-16 units NFKC leaves as they are whatever surrounds them: each is its own NFKC form, a starter, and never the
 * second of a composition (ASCII but the space, ひらがな ぁ–ゖ, カタカナ ァ–ヶ, ー, ・, 、。, 「」『』, 々, and the CJK
 * unified ideographs 一–鿿). test/validate/fast-rules.test.ts checks each, and strings of them mixed with others.
 */
const nfkcStable = new Uint8Array(0x10000);
for (const [from, to] of [[0x21, 0x7e], [0x3041, 0x3096], [0x30a1, 0x30f6], [0x30fb, 0x30fc], [0x3001, 0x3002], [0x300c, 0x300f], [0x3005, 0x3005], [0x4e00, 0x9fff]] as const) {
  for (let c = from; c <= to; c++) nfkcStable[c] = 1;
}

/** Whether NFKC leaves the text as it is because every unit is one it leaves in any context (no white space either). */
export function isNfkcStable(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (nfkcStable[text.charCodeAt(i)] === 0) return false;
  return true;
}

/** text.normalize('NFKC'), without the call for the most common Japanese text (isNfkcStable). */
export function nfkc(text: string): string {
  return isNfkcStable(text) ? text : text.normalize('NFKC');
}

/** NFKC without white space: two names or quotations equal after this differ only in width and spacing. */
export function compactNfkc(text: string): string {
  return isNfkcStable(text) ? text : text.normalize('NFKC').replace(/\s+/g, '');
}

/**
 * Text with formal differences removed: NFKC (全角/半角), no white space, one form of the Japanese comma,
 * full stop, hyphen and quotes. Two texts equal after this differ only in form.
 */

export function normalizeFormal(text: string): string {
  // NFKC, then each character mapped as the successive replacements /\s+/gu → '', /[,，､、]/gu → 、,
  // /[.．。｡]/gu → 。, /[‐‑‒–—―−－ｰ-]/gu → - and /[“”"『』「」]/gu → 「 (no replacement makes a character that a
  // later one changes), in one scan.
  const normal = nfkc(text);
  let out = '';
  let from = 0;
  for (let i = 0; i < normal.length; i++) {
    const k = formalIndex[normal.charCodeAt(i)]!;
    if (k === 0) continue;
    out += normal.slice(from, i) + formalTo[k];
    from = i + 1;
  }
  return from === 0 ? normal : out + normal.slice(from);
}

/** What normalizeFormal maps a character to ('' drops it), by UTF-16 unit: white space (\s) and marks. */
const formalMap = new Map<number, string>();
for (const [chars, to] of [[',，､、', '、'], ['.．。｡', '。'], ['‐‑‒–—―−－ｰ-', '-'], ['“”"『』「」', '「']] as const) {
  for (const ch of chars) formalMap.set(ch.charCodeAt(0), to);
}
/** The characters of \s (ECMAScript WhiteSpace and LineTerminator): test/validate/fast-rules.test.ts checks the list. */
export const whiteSpaceCharacters = '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
for (const ch of whiteSpaceCharacters) formalMap.set(ch.charCodeAt(0), '');
/**
 * formalMap as a table by UTF-16 unit: 0 for a character kept (also one mapped to itself, as 、 and 。 are: the
 * text is not cut and joined at each of them), else the index of what it becomes in formalTo.
 */
const formalTo = ['', ...new Set(formalMap.values())];
const formalIndex = new Uint8Array(0x10000);
for (const [c, to] of formalMap) if (to !== String.fromCharCode(c)) formalIndex[c] = formalTo.indexOf(to, 1);

/** Which formal difference explains the change: white space, width (NFKC), or punctuation. */
export function formalKind(before: string, after: string): 'whitespace' | 'width' | 'punctuation' | undefined {
  if (before === after || normalizeFormal(before) !== normalizeFormal(after)) return undefined;
  const strip = (s: string) => s.replace(/\s+/gu, '');
  if (strip(before) === strip(after)) return 'whitespace';
  if (strip(before.normalize('NFKC')) === strip(after.normalize('NFKC'))) return 'width';
  return 'punctuation';
}

