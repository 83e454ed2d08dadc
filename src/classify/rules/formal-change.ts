/**
 * 空白、全角/半角(NFKC)、句読点・記号の表記だけが変わった変更は形式的な修正(事後)。
 * 重要な変更に当たらない形式的な変更(誤字脱字の訂正など)は評価書の修正として扱う [V: PPC-RULES.md §4]。
 */
import type { ClassifyRule } from '../rule.ts';
import { formalKind, textOf } from '../helpers.ts';

export const formalChange: ClassifyRule = {
  meta: {
    id: 'formal-change',
    title: '空白・全角半角・句読点だけの変更は形式的な修正(事後)',
    timing: 'after',
    items: ['※'],
    basis: '特定個人情報保護評価指針の解説(重要な変更に当たらない形式的な変更) [V: 原文未確認]',
    rationale: '文字の幅や空白、句読点の違いは記載の内容を変えません。※の項目であっても重要な変更には当たらず、評価書の修正(事後)です。',
    relaxes: ['significant-item-changed'],
    explanation: '表記の形式的な修正であり、重要な変更に当たらないため、変更後に速やかに提出・公表する。',
    messages: {
      whitespace: '空白(改行・スペース)だけの変更です。形式的な修正として事後です。',
      width: '全角・半角の違いだけの変更です。形式的な修正として事後です。',
      punctuation: '句読点・記号の表記だけの変更です。形式的な修正として事後です。',
    },
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
