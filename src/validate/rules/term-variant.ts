/**
 * 一つの評価書の中で、同じ語を2通りに書かない(こども/子ども、ユーザ/ユーザー、全角/半角の英数字)。
 */
import type { Rule, RuleFinding } from '../rule.ts';
import { stringLeaves } from '../../model/access.ts';
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
const wordPattern = new RegExp(`(${[...groupOf.keys()].sort((a, b) => b.length - a.length).join('|')})|([ァ-ヴ][ァ-ヴー]*)|([A-Za-zＡ-Ｚａ-ｚ][A-Za-z0-9Ａ-Ｚａ-ｚ０-９]*)`, 'g');

/** Our own metadata is not the document's text (nor is the old wording a 変更箇所 row quotes: role change.before). */
const excluded = [/^\/検証の例外\//, /\/ID$/, /^\/\$schema$/];

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
      const spellings = forms.get(key) ?? new Map<string, Occurrence>();
      const seen = spellings.get(spelling);
      if (seen) seen.count++;
      else spellings.set(spelling, { path, count: 1 });
      forms.set(key, spellings);
    };
    const oldWording = new Set(readRole(schema, data, 'change.before').map((r) => r.pointer));
    for (const { path, text } of stringLeaves(data)) {
      if (oldWording.has(path) || excluded.some((re) => re.test(path))) continue;
      // One pass over the text: katakana words with and without the final long-vowel mark (サーバ/サーバー),
      // Latin words in full and half width (ISO/ＩＳＯ), and kana/kanji variants (こども医療費/子ども医療費).
      for (const match of text.matchAll(wordPattern)) {
        const [word, variant, katakana] = match;
        if (variant !== undefined) {
          const group = groupOf.get(word)!;
          const tail = group === 0 ? text.slice(match.index + word.length).match(/^[一-龯ぁ-んァ-ヴー]{3}/)?.[0] : undefined;
          note(tail ? `group${group}:${tail}` : `group${group}`, tail ? word + tail : word, path);
        } else if (katakana !== undefined) {
          if (word.length >= 3) note('kata:' + word.replace(/ー$/, ''), word, path);
        } else {
          note('width:' + word.normalize('NFKC'), word, path);
        }
      }
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
