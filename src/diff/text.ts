/**
 * How a value reads on the printed form (「[○] その他(口座情報)」), and a Japanese word-level diff of two texts
 * (diff@9 diffWords with an Intl.Segmenter: without it every CJK character is a word).
 */
import { diffWords } from 'diff';

export { emptyText, formatValue } from '../model/printed.ts';

const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });

export interface DiffPart {
  text: string;
  kind: 'same' | 'added' | 'removed';
}

export function wordDiff(before: string, after: string): DiffPart[] {
  return diffWords(before, after, { intlSegmenter: segmenter }).map((p) => ({ text: p.value, kind: p.added ? 'added' : p.removed ? 'removed' : 'same' }));
}

/** Texts this long are shown as a word diff rather than whole before/after. */
export const longTextLength = 40;

/** [-削除-]{+追加+}: the notation of `git diff --word-diff`, readable in a terminal and in CI logs. */
export function renderWordDiff(parts: readonly DiffPart[], context = 20): string {
  return parts
    .map((p, i) => {
      if (p.kind === 'added') return `{+${p.text}+}`;
      if (p.kind === 'removed') return `[-${p.text}-]`;
      // Unchanged text is cut to `context` characters next to each change.
      const chars = [...p.text];
      const head = i > 0 ? chars.slice(0, context).join('') : '';
      const tail = i < parts.length - 1 ? chars.slice(-context).join('') : '';
      if (chars.length <= context * 2 + 1) return p.text;
      return `${head}…${tail}`;
    })
    .join('');
}
