/**
 * 一つの評価書の中で、同じ語を2通りに書かない(こども/子ども、ユーザ/ユーザー、全角/半角の英数字)。
 */
import type { Rule, RuleFinding } from '../rule.ts';
import type { StringLeaf } from '../../model/access.ts';
import { readRole, roleSites } from '../../model/roles.ts';
import { documentText, katakanaWord, latinWord, variantGroups, variantWord } from '../text-scan.ts';
import { bilingual, tr } from '../../report/i18n.ts';
import { nfkc } from '../../model/formal.ts';

/** The three characters after a こども-group spelling, when they are kanji or kana. */
const tailPattern = /^[一-龯ぁ-んァ-ヴー]{3}/;

export { variantGroups };

/** Only the first group (こども…) is a content word, compared with what follows; the rest are function words. */
const groupOf = new Map(variantGroups.flatMap((group, g) => group.map((spelling) => [spelling, g] as const)));

/**
 * Our own metadata is not the document's text (nor is the old wording a 変更箇所 row quotes: role change.before):
 * /検証の例外/…, …/ID and /$schema.
 */
const isExcluded = (leaf: StringLeaf) => (leaf.top === '検証の例外' && !leaf.isTop('検証の例外')) || leaf.key === 'ID' || leaf.isTop('$schema');

interface Occurrence {
  /** The leaf of the first place (its pointer is made for a finding only). */
  leaf: number;
  count: number;
}

/**
 * The spellings of one variant key, in the order first seen: most keys are written one way only, so the first
 * spelling is kept by itself and a map is made only for a second one.
 */
interface Spellings {
  first: string;
  occurrence: Occurrence;
  others: Map<string, Occurrence> | undefined;
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
    // Per kind of word: variant key → its spellings and their first places; every key's spellings in the order
    // first seen (the findings' order). Keys are kept per kind, not joined with a prefix for every word.
    const keysOf = [variantWord, katakanaWord, latinWord].map(() => new Map<string, Spellings>());
    const forms: Spellings[] = [];
    const note = (kind: number, key: string, spelling: string, leaf: number) => {
      const keys = keysOf[kind - 1]!;
      const spellings = keys.get(key);
      if (spellings === undefined) {
        const made: Spellings = { first: spelling, occurrence: { leaf, count: 1 }, others: undefined };
        keys.set(key, made);
        forms.push(made);
      } else if (spellings.first === spelling) {
        spellings.occurrence.count++;
      } else {
        spellings.others ??= new Map<string, Occurrence>();
        const seen = spellings.others.get(spelling);
        if (seen) seen.count++;
        else spellings.others.set(spelling, { leaf, count: 1 });
      }
    };
    const oldWording = new Set(readRole(schema, data, 'change.before').map((r) => r.pointer));
    // Only a string under one of change.before's keys can be old wording: the pointers are compared for those alone.
    const oldKeys = new Set((roleSites(schema).get('change.before') ?? []).map((site) => (site.pattern.at(-1) === '*' ? '' : site.pattern.at(-1))));
    const { leaves, words } = documentText(data);
    const skipped = leaves.map((leaf) => isExcluded(leaf) || (oldKeys.has(leaf.key) && oldWording.has(leaf.path)));
    // The words of one scan: katakana words with and without the final long-vowel mark (サーバ/サーバー), Latin
    // words in full and half width (ISO/ＩＳＯ), and kana/kanji variants (こども医療費/子ども医療費).
    for (let w = 0; w < words.length; w += 4) {
      const index = words[w]!;
      if (skipped[index]) continue;
      const { text } = leaves[index]!;
      const kind = words[w + 1]!;
      const start = words[w + 2]!;
      const end = words[w + 3]!;
      if (kind === katakanaWord && end - start < 3) continue;
      const word = text.slice(start, end);
      if (kind === variantWord) {
        const group = groupOf.get(word)!;
        const tail = group === 0 ? tailPattern.exec(text.slice(end))?.[0] : undefined;
        note(kind, tail ? `${group}:${tail}` : String(group), tail ? word + tail : word, index);
      } else if (kind === katakanaWord) {
        note(kind, word.endsWith('ー') ? word.slice(0, -1) : word, word, index);
      } else {
        note(kind, nfkc(word), word, index);
      }
    }
    const findings: RuleFinding[] = [];
    for (const spellings of forms) {
      if (spellings.others === undefined) continue;
      // Report at the less frequent spelling: that is the one to change, most of the time.
      const ranked = [[spellings.first, spellings.occurrence] as const, ...spellings.others.entries()].sort((x, y) => y[1].count - x[1].count);
      const [major, minor] = [ranked[0]!, ranked[1]!];
      findings.push({ messageId: 'variant', path: leaves[minor[1].leaf]!.path, data: { a: major[0], countA: major[1].count, b: minor[0], countB: minor[1].count } });
    }
    return findings;
  },
};
