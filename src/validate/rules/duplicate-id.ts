/**
 * 繰り返す記載(特定個人情報ファイル、委託事項、提供先・移転先、記録項目グループ、変更箇所)の ID は一覧の中で一意。
 */
import type { Rule, RuleFinding } from '../rule.ts';
import { walkIndex } from '../../schema/walk.ts';
import { isObject } from '../../model/access.ts';
import { bilingual, tr } from '../../report/i18n.ts';

export const duplicateId: Rule = {
  meta: {
    id: 'duplicate-id',
    get title() { return tr('繰り返す記載の ID が重複しない', 'IDs of repeated entries are unique'); },
    level: 'error',
    rationale: 'ID は版と版の比較(変更箇所の作成)で同じ記載を照合する鍵です。重複すると、どの記載がどう変わったかを取り違えます。',
    messages: bilingual({
      duplicate: 'ID「{id}」は同じ一覧の{first}件目でも使われています。',
    }, {
      duplicate: 'ID 「{id}」 is also used by entry {first} of the same list.',
    }),
    hints: bilingual({
      duplicate: '一覧の中で重複しない ID を付けてください。既に公表した版にある ID は変えないでください。',
    }, {
      duplicate: 'Give an ID that is unique in the list. Do not change IDs that are in an already published version.',
    }),
  },
  check({ data, schema }) {
    const findings: RuleFinding[] = [];
    for (const { pointer: path, value } of walkIndex(schema, data).arrays) {
      if (!Array.isArray(value)) continue;
      const seen = new Map<string, number>();
      value.forEach((entry, i) => {
        const id = isObject(entry) ? entry['ID'] : undefined;
        if (typeof id !== 'string') return;
        const first = seen.get(id);
        if (first === undefined) seen.set(id, i);
        else findings.push({ messageId: 'duplicate', path: `${path}/${i}/ID`, data: { id, first: first + 1 } });
      });
    }
    return findings;
  },
};
