/**
 * Word-level Japanese diff of a 変更箇所 row (変更前の記載 → 変更後の記載). diff@9 treats each CJK character
 * as a word unless given an Intl.Segmenter; the result depends on the ICU version of the pinned Node.
 */
import { diffWords } from 'diff';

export interface DiffPart {
  text: string;
  added?: boolean;
  removed?: boolean;
}

const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });

export function diffWordsJa(before: string, after: string): DiffPart[] {
  return diffWords(before, after, { intlSegmenter: segmenter }).map((c) => {
    const part: DiffPart = { text: c.value };
    if (c.added) part.added = true;
    if (c.removed) part.removed = true;
    return part;
  });
}
