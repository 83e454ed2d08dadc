/**
 * 空白、全角/半角(NFKC)、句読点・記号の表記だけが変わった変更は形式的な修正(事後)。
 * 重要な変更に当たらない形式的な変更(誤字脱字の訂正など)は評価書の修正として扱う [V: PPC-RULES.md §4]。
 */
import type { ClassifyRule } from '../rule.ts';
import { formalKind, textOf } from '../helpers.ts';
import { bilingual, tr } from '../../report/i18n.ts';

export const formalChange: ClassifyRule = {
  meta: {
    id: 'formal-change',
    get title() { return tr('空白・全角半角・句読点だけの変更は形式的な修正(事後)', 'A change of white space, character width or punctuation only is a formal correction (事後)'); },
    timing: 'after',
    items: ['※'],
    basis: '特定個人情報保護評価指針の解説(重要な変更に当たらない形式的な変更) [V: 原文未確認]',
    rationale: '文字の幅や空白、句読点の違いは記載の内容を変えません。※の項目であっても重要な変更には当たらず、評価書の修正(事後)です。',
    relaxes: ['significant-item-changed'],
    explanation: '表記の形式的な修正であり、重要な変更に当たらないため、変更後に速やかに提出・公表する。',
    messages: bilingual({
      whitespace: '空白(改行・スペース)だけの変更です。形式的な修正として事後です。',
      width: '全角・半角の違いだけの変更です。形式的な修正として事後です。',
      punctuation: '句読点・記号の表記だけの変更です。形式的な修正として事後です。',
    }, {
      whitespace: 'Only white space (line breaks, spaces) changed: a formal correction, so 事後.',
      width: 'Only full-width / half-width characters changed: a formal correction, so 事後.',
      punctuation: 'Only punctuation or symbols changed: a formal correction, so 事後.',
    }),
  },
  classify(change) {
    if (change.kind !== 'changed') return [];
    const before = textOf(change.before);
    const after = textOf(change.after);
    if (before === undefined || after === undefined) return [];
    const kind = formalKind(before, after);
    return kind ? [{ messageId: kind }] : [];
  },
};
