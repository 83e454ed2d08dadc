/**
 * 誤字脱字の訂正(1か所・1文字の変更で、意味を反転させ得る文字を含まないもの)は形式的な修正(事後)。
 */
import type { ClassifyRule } from '../rule.ts';
import { normalizeFormal, textOf } from '../helpers.ts';
import { bilingual, tr } from '../../report/i18n.ts';

/** The largest edit taken as a typo fix, in characters on either side. */
export const maxTypoLength = 1;
/** Texts shorter than this are names or short phrases: any edit may change the meaning. */
export const minTextLength = 10;
/**
 * Characters whose insertion or removal can turn a statement around (negation, inside/outside, permission,
 * numbers): an edit touching one of them is never taken as a typo fix.
 */
export const meaningCharacters = /[0-9０-９A-Za-zＡ-Ｚａ-ｚ不非無未否外内禁可有ずぬなし]/u;

export const typoFix: ClassifyRule = {
  meta: {
    id: 'typo-fix',
    get title() { return tr('誤字脱字の訂正は形式的な修正(事後)', 'A typo fix is a formal correction (事後)'); },
    timing: 'after',
    items: ['※'],
    basis: '特定個人情報保護評価指針の解説(誤字脱字の修正等の形式的な変更は重要な変更に当たらない) [V: 原文未確認]',
    rationale: '誤字脱字の訂正は記載の内容を変えません。ただし機械には意味の変化が分からないため、1か所・1文字の変更(脱字・衍字・誤字)で、否定や内外・数字など意味を反転させ得る文字を含まないものだけを誤記の訂正と判定します。それ以外の言い換えは人の判断に委ね、安全側の事前とします。',
    relaxes: ['significant-item-changed'],
    explanation: '誤字脱字の訂正であり、重要な変更に当たらないため、変更後に速やかに提出・公表する。',
    messages: bilingual({
      typo: '1か所・1文字の訂正(「{removed}」→「{added}」)で、誤字脱字の訂正と判定しました。形式的な修正として事後です。意味が変わる訂正なら decisions.yaml に事前と記録してください。',
    }, {
      typo: 'A one-character correction in one place (「{removed}」 → 「{added}」), taken as a typo fix: a formal correction, so 事後. If the correction changes the meaning, record it as 事前 in decisions.yaml.',
    }),
  },
  classify(change) {
    if (change.kind !== 'changed') return [];
    const beforeText = textOf(change.before);
    const afterText = textOf(change.after);
    if (beforeText === undefined || afterText === undefined) return [];
    const before = normalizeFormal(beforeText);
    const after = normalizeFormal(afterText);
    if (before === after || Math.min(before.length, after.length) < minTextLength) return [];
    const a = [...before];
    const b = [...after];
    let start = 0;
    while (start < a.length && start < b.length && a[start] === b[start]) start++;
    let endA = a.length;
    let endB = b.length;
    while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
      endA--;
      endB--;
    }
    const removed = a.slice(start, endA).join('');
    const added = b.slice(start, endB).join('');
    const length = Math.max([...removed].length, [...added].length);
    if (length > maxTypoLength || meaningCharacters.test(removed + added)) return [];
    return [{ messageId: 'typo', data: { length, removed: removed || tr('(なし)', '(nothing)'), added: added || tr('(なし)', '(nothing)') } }];
  },
};
