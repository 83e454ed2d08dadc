/**
 * (別添1) 特定個人情報ファイル記録項目の同じグループに、同じ項目名が2回以上現れない。
 */
import type { Rule, RuleFinding } from '../rule.ts';
import { arrayAt, stringAt } from '../../model/access.ts';

export const duplicateRecordItem: Rule = {
  meta: {
    id: 'duplicate-record-item',
    title: '記録項目のグループ内に同じ項目名が重複しない',
    level: 'warning',
    rationale: '同じ名前の項目が2つあると、記録される項目の数や内容を正しく読み取れません。別の項目なら区別できる名前にし、同じ項目なら一方を削除します。',
    basis: '重点項目評価書 記載要領 (別添1) 特定個人情報ファイル記録項目',
    messages: {
      duplicate: '記録項目「{group}」の{position}番目「{item}」は{first}番目と同じ名前です。',
    },
    hints: {
      duplicate: '別の項目なら「{item}(漢字)」「{item}(カナ)」のように区別できる名前にし、同じ項目なら一方を削除してください。',
    },
  },
  check({ data }) {
    const findings: RuleFinding[] = [];
    arrayAt(data, '特定個人情報ファイル記録項目').forEach((file, f) => {
      arrayAt(file, '記録項目').forEach((group, g) => {
        const seen = new Map<string, number>();
        arrayAt(group, '項目').forEach((item, i) => {
          if (typeof item !== 'string') return;
          const key = item.normalize('NFKC').replace(/\s+/g, '');
          const first = seen.get(key);
          if (first === undefined) seen.set(key, i);
          else findings.push({ messageId: 'duplicate', path: `/特定個人情報ファイル記録項目/${f}/記録項目/${g}/項目/${i}`, data: { group: stringAt(group, '名称') ?? '', item, position: i + 1, first: first + 1 } });
        });
      });
    });
    return findings;
  },
};
