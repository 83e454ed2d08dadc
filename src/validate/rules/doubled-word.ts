/**
 * 同じ語が続けて書かれていない(「特定個人情報情報」「受給者受給者」)。転記や編集のときの典型的な誤字です。
 * 語の区切りは Intl.Segmenter(日本語の単語)によります。漢字・カタカナの語だけを見ます(「ますます」「人々」は対象外)。
 */
import type { Rule, RuleFinding } from '../rule.ts';
import { documentStrings } from '../../model/access.ts';
import { bilingual, tr } from '../../report/i18n.ts';

const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });
const hanOrKatakana = /^[\p{Script=Han}\p{Script=Katakana}ー]+$/u;
/** A kanji, katakana or ー character (one code point). */
const runCharacter = /^[\p{Script=Han}\p{Script=Katakana}ー]$/u;
/** Per UTF-16 unit of the BMP: 0 not yet seen, 1 a run character, 2 not (filled as characters appear). */
const bmpClass = new Uint8Array(0x10000);
const astralClass = new Map<number, boolean>();

/** Whether a BMP UTF-16 unit is a run character (a lone surrogate is not). */
function isRunUnit(code: number): boolean {
  let known = bmpClass[code]!;
  if (known === 0) bmpClass[code] = known = runCharacter.test(String.fromCharCode(code)) ? 1 : 2;
  return known === 1;
}

function isRunAstral(code: number): boolean {
  let known = astralClass.get(code);
  if (known === undefined) astralClass.set(code, (known = runCharacter.test(String.fromCodePoint(code))));
  return known;
}

/**
 * Whether text[start, end) (no surrogates) holds two equal adjacent parts of at least two characters (情報情報):
 * cheap, before segmenting. Parts of `len` characters repeat at i when text[j] = text[j + len] for `len`
 * consecutive j from i: one streak count per length, no copy of the run.
 */
function hasRepeatAt(text: string, start: number, end: number): boolean {
  const n = end - start;
  for (let len = 2; len * 2 <= n; len++) {
    let streak = 0;
    for (let j = start; j + len < end; j++) {
      if (text.charCodeAt(j) !== text.charCodeAt(j + len)) streak = 0;
      else if (++streak === len) return true;
    }
  }
  return false;
}

/** hasRepeatAt for a run with a surrogate pair (𠮷): compared as characters, not UTF-16 units. */
function hasRepeatIn(chars: readonly string[]): boolean {
  const n = chars.length;
  for (let len = 2; len * 2 <= n; len++) {
    let streak = 0;
    for (let j = 0; j + len < n; j++) {
      if (chars[j] !== chars[j + len]) streak = 0;
      else if (++streak === len) return true;
    }
  }
  return false;
}

/** The doubled words of one run of kanji/katakana/ー (e.g. 情報 in 特定個人情報情報), by Intl.Segmenter's words. */
function doubledIn(run: string, found: string[]): void {
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
  }
}

/**
 * The doubled word in a text, e.g. 情報 in 「特定個人情報情報は」 (one or two segments repeated). One scan finds the
 * runs of four or more kanji/katakana/ー characters, as /[\p{Script=Han}\p{Script=Katakana}ー]{4,}/gu does (maximal
 * runs, counted in code points; the expression took 7× as long); word segmentation is costly, so only a run that
 * repeats a part of itself is copied and segmented.
 */
export function doubledWords(text: string): string[] {
  const found: string[] = [];
  const n = text.length;
  let start = 0;
  let length = 0; // code points in the current run
  let astral = false; // the current run holds a surrogate pair
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    let width = 1;
    let inRun: boolean;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      width = 2;
      inRun = isRunAstral(((c - 0xd800) << 10) + (text.charCodeAt(i + 1) - 0xdc00) + 0x10000);
    } else inRun = isRunUnit(c);
    if (inRun) {
      if (length === 0) {
        start = i;
        astral = false;
      }
      length++;
      if (width === 2) astral = true;
    } else {
      if (length >= 4) runEnded(text, start, i, astral, found);
      length = 0;
    }
    i += width;
  }
  if (length >= 4) runEnded(text, start, n, astral, found);
  return found;
}

function runEnded(text: string, start: number, end: number, astral: boolean, found: string[]): void {
  if (astral ? hasRepeatIn([...text.slice(start, end)]) : hasRepeatAt(text, start, end)) doubledIn(text.slice(start, end), found);
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
    for (const { path, text } of documentStrings(data)) {
      if (path.startsWith('/検証の例外') || path === '/$schema') continue;
      for (const word of doubledWords(text)) findings.push({ messageId: 'doubled', path, data: { word } });
    }
    return findings;
  },
};
