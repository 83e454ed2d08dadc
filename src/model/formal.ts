/** Formal (not substantive) differences of Japanese text: width, white space, punctuation. */

/**
 * Text with formal differences removed: NFKC (全角/半角), no white space, one form of the Japanese comma,
 * full stop, hyphen and quotes. Two texts equal after this differ only in form.
 */
export function normalizeFormal(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/gu, '')
    .replace(/[,，､、]/gu, '、')
    .replace(/[.．。｡]/gu, '。')
    .replace(/[‐‑‒–—―−－ｰ-]/gu, '-')
    .replace(/[“”"『』「」]/gu, '「');
}

/** Which formal difference explains the change: white space, width (NFKC), or punctuation. */
export function formalKind(before: string, after: string): 'whitespace' | 'width' | 'punctuation' | undefined {
  if (before === after || normalizeFormal(before) !== normalizeFormal(after)) return undefined;
  const strip = (s: string) => s.replace(/\s+/gu, '');
  if (strip(before) === strip(after)) return 'whitespace';
  if (strip(before.normalize('NFKC')) === strip(after.normalize('NFKC'))) return 'width';
  return 'punctuation';
}

