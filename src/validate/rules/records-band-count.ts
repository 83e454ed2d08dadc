/**
 * Ⅱ の「記録される項目」(項目数の区分)は、別添の記録項目に列挙した項目の数を含む区分である。
 * The annex entry of a file is the one with the file's ID (file-reference reports a missing or unknown one).
 */
import type { Rule, RuleFinding } from '../rule.ts';
import { readOne, readRole, roleEntries } from '../../model/roles.ts';
import { itemPath } from '../../schema/walk.ts';
import { bilingual, tr } from '../../report/i18n.ts';

export const recordsBandCount: Rule = {
  meta: {
    id: 'records-band-count',
    get title() { return tr('記録される項目の区分が別添の記録項目の数と合っている', 'The band of 「記録される項目」 contains the number of record items listed in the annex'); },
    level: 'warning',
    requires: ['files', 'records.band', 'records.annex', 'records.annex.groups', 'records.annex.items'],
    rationale: '「記録される項目」は別添に列挙した記録項目の数の区分です。区分と別添の項目数が合わないと、どちらかが古いか誤っています。',
    basis: '特定個人情報保護評価書 記載要領 Ⅱ 特定個人情報ファイルの概要「記録される項目」、(別添) 特定個人情報ファイル記録項目',
    messages: bilingual({
      outside: '記録される項目は「{band}」ですが、{annex}に列挙された記録項目は{count}項目です。',
    }, {
      outside: '「記録される項目」 says 「{band}」, but {annex} lists {count} record items.',
    }),
    hints: bilingual({
      outside: '別添の記録項目を数え直し、{count}項目を含む区分を選ぶか、別添に漏れている項目を加えてください。同じ項目を複数のグループに数える事情があるなら、検証の例外に理由を記録してください。',
    }, {
      outside: 'Count the record items in the annex again and choose the band that contains {count}, or add the items missing from the annex. If an item is deliberately listed in several groups, record the reason under 「検証の例外」.',
    }),
  },
  check({ data, schema }) {
    const findings: RuleFinding[] = [];
    const annexes = new Map(roleEntries(schema, data, 'records.annex').filter((a) => a.id).map((a) => [a.id!, a]));
    for (const file of roleEntries(schema, data, 'files')) {
      const band = readOne(schema, data, 'records.band', file.pointer)?.band;
      const annex = file.id === undefined ? undefined : annexes.get(file.id);
      if (!band || !annex) continue;
      const groups = roleEntries(schema, data, 'records.annex.groups', annex.pointer);
      if (groups.length === 0) continue;
      let count = 0;
      for (const group of groups) {
        for (const items of readRole(schema, data, 'records.annex.items', group.pointer)) {
          if (Array.isArray(items.raw)) count += items.raw.filter((item) => typeof item === 'string' && item.trim() !== '').length;
        }
      }
      if (count >= band.min && (band.max === null || count <= band.max)) continue;
      const bandPointer = readOne(schema, data, 'records.band', file.pointer)!.pointer;
      findings.push({ messageId: 'outside', path: bandPointer, data: { band: band.label, count, annex: itemPath(schema, annex.pointer) || tr('別添の記録項目', 'the annex of record items') } });
    }
    return findings;
  },
};
