/**
 * 一つの評価書の中で、同じ語を2通りに書かない(こども/子ども、ユーザ/ユーザー、全角/半角の英数字)。
 */
import type { Rule, RuleFinding } from '../rule.ts';
import { documentStrings } from '../../model/access.ts';
import { readRole } from '../../model/roles.ts';
import { bilingual, tr } from '../../report/i18n.ts';

/** Spellings of one word that Japanese official writing treats as variants. Data: extend as cases appear. */
export const variantGroups: readonly (readonly string[])[] = [
  ['こども', '子ども', '子供'],
  ['及び', 'および'],
  ['又は', 'または'],
  ['並びに', 'ならびに'],
  ['ウイルス', 'ウィルス'],
];

/** Only the first group (こども…) is a content word, compared with what follows; the rest are function words. */
const groupOf = new Map(variantGroups.flatMap((group, g) => group.map((spelling) => [spelling, g] as const)));
/** Variant spellings first, so that ウイルス/ウィルス are compared as variants before as katakana words. */
const spellings = [...groupOf.keys()].sort((a, b) => b.length - a.length);
/** The spellings by their first UTF-16 unit, longest first. */
const spellingsByFirst = new Map<number, string[]>();
for (const spelling of spellings) {
  const list = spellingsByFirst.get(spelling.charCodeAt(0)) ?? [];
  list.push(spelling);
  spellingsByFirst.set(spelling.charCodeAt(0), list);
}

/** 1 for a UTF-16 unit that starts a spelling. */
const startsSpelling = new Uint8Array(0x10000);
for (const first of spellingsByFirst.keys()) startsSpelling[first] = 1;

const variantWord = 1;
const katakanaWord = 2;
const latinWord = 3;
/** [ァ-ヴ] */
const isKatakana = (c: number) => c >= 0x30a1 && c <= 0x30f4;
/** [A-Za-zＡ-Ｚａ-ｚ] */
const isLatin = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a);
/** [0-9０-９] */
const isDigit = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);

/**
 * The words of a text as /(spellings…)|([ァ-ヴ][ァ-ヴー]*)|([A-Za-zＡ-Ｚａ-ｚ][A-Za-z0-9Ａ-Ｚａ-ｚ０-９]*)/g finds
 * them (leftmost, the first alternative that matches, greedy), by one scan of the text: the expression took
 * several times as long on Japanese text.
 */
function scanWords(text: string, found: (kind: number, start: number, end: number) => void): void {
  const n = text.length;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    const spelling = startsSpelling[c] === 1 ? spellingsByFirst.get(c)!.find((s) => text.startsWith(s, i)) : undefined;
    if (spelling !== undefined) {
      found(variantWord, i, i + spelling.length);
      i += spelling.length;
    } else if (isKatakana(c)) {
      let end = i + 1;
      while (end < n && (isKatakana(text.charCodeAt(end)) || text.charCodeAt(end) === 0x30fc)) end++;
      found(katakanaWord, i, end);
      i = end;
    } else if (isLatin(c)) {
      let end = i + 1;
      while (end < n && (isLatin(text.charCodeAt(end)) || isDigit(text.charCodeAt(end)))) end++;
      found(latinWord, i, end);
      i = end;
    } else i++;
  }
}

/** The three characters after a こども-group spelling, when they are kanji or kana. */
const tailPattern = /^[一-龯ぁ-んァ-ヴー]{3}/;

/**
 * Our own metadata is not the document's text (nor is the old wording a 変更箇所 row quotes: role change.before):
 * /検証の例外/…, …/ID and /$schema.
 */
const isExcluded = (path: string) => path.startsWith('/検証の例外/') || path.endsWith('/ID') || path === '/$schema';

/** NFKC leaves a word of ASCII letters and digits as it is. */
const isAscii = (word: string) => {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) > 0x7f) return false;
  return true;
};

interface Occurrence {
  path: string;
  count: number;
}

export const termVariant: Rule = {
  meta: {
    id: 'term-variant',
    get title() { return tr('同じ語を2通りに書いていない', 'No word is written in two ways'); },
    level: 'warning',
    rationale: '同じ語が2通りに書かれていると、読み手は別のものを指すのかと迷い、検索でも片方を見落とします。公用文は一つの文書の中で表記を統一します。',
    basis: '公用文作成の考え方(令和4年1月 文化審議会建議) Ⅰ 表記の原則',
    messages: bilingual({
      variant: '「{a}」({countA}箇所)と「{b}」({countB}箇所)の2通りの表記があります。',
    }, {
      variant: 'The text is written two ways: 「{a}」 ({countA} times) and 「{b}」 ({countB} times).',
    }),
    hints: bilingual({
      variant: 'どちらかに統一してください。条例名・部署名などの固有名詞で表記が決まっている場合は、検証の例外 に理由を記録してください。',
    }, {
      variant: 'Use one of them. If a proper name (an ordinance, a department) fixes the spelling, record the reason in `検証の例外`.',
    }),
  },
  check({ data, schema }) {
    const forms = new Map<string, Map<string, Occurrence>>(); // variant key → spelling → first place
    const note = (key: string, spelling: string, path: string) => {
      let spellings = forms.get(key);
      if (spellings === undefined) forms.set(key, (spellings = new Map<string, Occurrence>()));
      const seen = spellings.get(spelling);
      if (seen) seen.count++;
      else spellings.set(spelling, { path, count: 1 });
    };
    const oldWording = new Set(readRole(schema, data, 'change.before').map((r) => r.pointer));
    for (const { path, text } of documentStrings(data)) {
      if (oldWording.has(path) || isExcluded(path)) continue;
      // One pass over the text: katakana words with and without the final long-vowel mark (サーバ/サーバー),
      // Latin words in full and half width (ISO/ＩＳＯ), and kana/kanji variants (こども医療費/子ども医療費).
      scanWords(text, (kind, start, end) => {
        const word = text.slice(start, end);
        if (kind === variantWord) {
          const group = groupOf.get(word)!;
          const tail = group === 0 ? tailPattern.exec(text.slice(end))?.[0] : undefined;
          note(tail ? `group${group}:${tail}` : `group${group}`, tail ? word + tail : word, path);
        } else if (kind === katakanaWord) {
          if (word.length >= 3) note('kata:' + (word.endsWith('ー') ? word.slice(0, -1) : word), word, path);
        } else {
          note('width:' + (isAscii(word) ? word : word.normalize('NFKC')), word, path);
        }
      });
    }
    const findings: RuleFinding[] = [];
    for (const spellings of forms.values()) {
      if (spellings.size < 2) continue;
      // Report at the less frequent spelling: that is the one to change, most of the time.
      const ranked = [...spellings.entries()].sort((x, y) => y[1].count - x[1].count);
      const [major, minor] = [ranked[0]!, ranked[1]!];
      findings.push({ messageId: 'variant', path: minor[1].path, data: { a: major[0], countA: major[1].count, b: minor[0], countB: minor[1].count } });
    }
    return findings;
  },
};
