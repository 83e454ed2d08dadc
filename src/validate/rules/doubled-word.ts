/**
 * 同じ語が続けて書かれていない(「特定個人情報情報」「受給者受給者」)。転記や編集のときの典型的な誤字です。
 * 語の区切りは Intl.Segmenter(日本語の単語)によります。漢字・カタカナの語だけを見ます(「ますます」「人々」は対象外)。
 */
import type { Rule, RuleFinding } from '../rule.ts';
import { documentText, scanText } from '../text-scan.ts';
import { bilingual, tr } from '../../report/i18n.ts';
import { BoundedCache } from '../../model/bounded-cache.ts';

const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });
const hanOrKatakana = /^[\p{Script=Han}\p{Script=Katakana}ー]+$/u;

/**
 * The doubled words of runs already segmented: a run that repeats a part of itself recurs where a text was copied
 * (within a document and across the 評価書 of one city), and segmenting it costs ~20 µs. Bounded: cleared when full.
 */
const doubledByRun = new BoundedCache<string, readonly string[]>(4096);

/** The doubled words of one run of kanji/katakana/ー (e.g. 情報 in 特定個人情報情報), by Intl.Segmenter's words. */
function doubledIn(run: string, found: string[]): void {
  for (const word of doubledByRun.get(run, segmentDoubled)) found.push(word);
}

function segmentDoubled(run: string): string[] {
  const found: string[] = [];
  const tokens = [...segmenter.segment(run)].map((s) => s.segment);
  for (let i = 0; i < tokens.length; i++) {
    for (const width of [1, 2]) {
      const a = tokens.slice(i, i + width).join('');
      const b = tokens.slice(i + width, i + 2 * width).join('');
      if (tokens.length < i + 2 * width || a !== b || [...a].length < 2 || !hanOrKatakana.test(a)) continue;
      found.push(a);
      i += 2 * width - 1;
      break;
    }
  }  return found;
}

/**
 * The doubled word in a text, e.g. 情報 in 「特定個人情報情報は」 (one or two segments repeated). The text scan
 * (../text-scan.ts) finds the runs of four or more kanji/katakana/ー characters that repeat a part of themselves;
 * word segmentation is costly, so only those are segmented.
 */
export function doubledWords(text: string): string[] {
  const runs: number[] = [];
  scanText(text, [], runs);
  const found: string[] = [];
  for (let r = 0; r < runs.length; r += 3) doubledIn(text.slice(runs[r + 1], runs[r + 2]), found);
  return found;
}

export const doubledWord: Rule = {
  meta: {
    id: 'doubled-word',
    get title() { return tr('同じ語が続けて書かれていない', 'No word is written twice in a row'); },
    level: 'warning',
    rationale: '「特定個人情報情報」のように同じ語が続くのは、転記や編集のときの誤字です。公表する評価書の誤字は、記載の信頼を損ないます。',
    basis: '公用文作成の考え方(令和4年1月 文化審議会建議)。誤字脱字の訂正は評価書の修正(特定個人情報保護評価指針 第10)',
    messages: bilingual({
      doubled: '「{word}{word}」と同じ語が続いています。',
    }, {
      doubled: 'The same word repeats: 「{word}{word}」.',
    }),
    hints: bilingual({
      doubled: '誤字なら一方を削除してください。意図した表記なら 検証の例外 に理由を記録してください。',
    }, {
      doubled: 'If it is a typo, delete one. If it is meant, record the reason in `検証の例外`.',
    }),
  },
  check({ data }) {
    const findings: RuleFinding[] = [];
    const { leaves, runs } = documentText(data);
    for (let r = 0; r < runs.length; r += 3) {
      const leaf = leaves[runs[r]!]!;
      if (leaf.top === '検証の例外' || leaf.isTop('$schema')) continue;
      const found: string[] = [];
      doubledIn(leaf.text.slice(runs[r + 1], runs[r + 2]), found);
      for (const word of found) findings.push({ messageId: 'doubled', path: leaf.path, data: { word } });
    }
    return findings;
  },
};
