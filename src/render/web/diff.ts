/**
 * Word-level Japanese diff of a 変更箇所 row (変更前の記載 → 変更後の記載). diff@9 treats each CJK character
 * as a word unless given an Intl.Segmenter; the result depends on the ICU version of the pinned Node.
 */
import { diffWords } from 'diff';
import { BoundedCache } from '../../model/bounded-cache.ts';

export interface DiffPart {
  text: string;
  added?: boolean;
  removed?: boolean;
}

const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });

/**
 * The same 変更箇所 rows recur across a city's 評価書 (e.g. the 中間サーバー・プラットフォーム updates), and a long,
 * much-changed row takes milliseconds: results are kept per (before, after) within the process.
 */
const memo = new BoundedCache<string, DiffPart[]>(10_000);

export function diffWordsJa(before: string, after: string): DiffPart[] {
  return memo.get(`${before}\u0000${after}`, () => compute(before, after));
}

function compute(before: string, after: string): DiffPart[] {
  return diffWords(before, after, { intlSegmenter: segmenter }).map((c) => {
    const part: DiffPart = { text: c.value };
    if (c.added) part.added = true;
    if (c.removed) part.removed = true;
    return part;
  });
}
