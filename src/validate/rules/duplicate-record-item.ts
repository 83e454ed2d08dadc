/**
 * (別添1) 特定個人情報ファイル記録項目の同じグループに、同じ項目名が2回以上現れない。
 */
import type { Rule, RuleFinding } from '../rule.ts';
import { isObject } from '../../model/access.ts';
import { readOne, roleEntries } from '../../model/roles.ts';
import { bilingual, tr } from '../../report/i18n.ts';
import { compactNfkc } from '../../model/formal.ts';


export const duplicateRecordItem: Rule = {
  meta: {
    id: 'duplicate-record-item',
    get title() { return tr('記録項目のグループ内に同じ項目名が重複しない', 'No record item name repeats within its group'); },
    level: 'warning',
    requires: ['records.annex.groups', 'records.annex.items'],
    rationale: '同じ名前の項目が2つあると、記録される項目の数や内容を正しく読み取れません。別の項目なら区別できる名前にし、同じ項目なら一方を削除します。',
    basis: '特定個人情報保護評価書 記載要領 (別添) 特定個人情報ファイル記録項目',
    messages: bilingual({
      duplicate: '記録項目「{group}」の{position}番目「{item}」は{first}番目と同じ名前です。',
    }, {
      duplicate: 'Record item {position} of 「{group}」, 「{item}」, has the same name as item {first}.',
    }),
    hints: bilingual({
      duplicate: '別の項目なら「{item}(漢字)」「{item}(カナ)」のように区別できる名前にし、同じ項目なら一方を削除してください。',
    }, {
      duplicate: 'If they are different items, give names that tell them apart, such as 「{item}(漢字)」 and 「{item}(カナ)」; if they are the same item, delete one.',
    }),
  },
  check({ data, schema }) {
    const findings: RuleFinding[] = [];
    for (const group of roleEntries(schema, data, 'records.annex.groups')) {
      const seen = new Map<string, number>();
      const items = readOne(schema, data, 'records.annex.items', group.pointer);
      if (!items || !Array.isArray(items.raw)) continue;
      items.raw.forEach((item, i) => {
        if (typeof item !== 'string') return;
        const key = compactNfkc(item);
        const first = seen.get(key);
        if (first === undefined) seen.set(key, i);
        else findings.push({ messageId: 'duplicate', path: `${items.pointer}/${i}`, data: { group: isObject(group.value) && typeof group.value['名称'] === 'string' ? group.value['名称'] : '', item, position: i + 1, first: first + 1 } });
      });
    }
    return findings;
  },
};
