/**
 * (別添1) とⅢ リスク対策 は、Ⅱ の特定個人情報ファイルごとに1つずつあり、ID でそのファイルを指す。
 */
import type { Rule, RuleFinding } from '../rule.ts';
import { arrayAt, stringAt } from '../../model/access.ts';

const dependents = [
  { list: '/特定個人情報ファイル記録項目', keys: ['特定個人情報ファイル記録項目'], label: '(別添1) 特定個人情報ファイル記録項目' },
  { list: '/リスク対策/特定個人情報ファイル', keys: ['リスク対策', '特定個人情報ファイル'], label: 'Ⅲ リスク対策' },
] as const;

export const fileReference: Rule = {
  meta: {
    id: 'file-reference',
    title: '別添1とⅢがⅡの特定個人情報ファイルと対応している',
    level: 'error',
    rationale: '重点項目評価書は特定個人情報ファイルごとにⅡ・別添1・Ⅲを記載します。対応が崩れると、どのファイルの記録項目・リスク対策かが分かりません。',
    basis: '重点項目評価書 記載要領(特定個人情報ファイルごとの記載)',
    messages: {
      'unknown-file': '{label}の ID「{id}」に当たる特定個人情報ファイルがⅡにありません。',
      'missing-for-file': 'Ⅱの特定個人情報ファイル「{name}」(ID {id})の{label}がありません。',
      'name-differs': '{label}の特定個人情報ファイル名「{name}」が、Ⅱの「{expected}」と違います。',
    },
    hints: {
      'unknown-file': 'Ⅱ の特定個人情報ファイルの ID と同じ ID を書いてください。',
      'missing-for-file': '{label}に ID「{id}」の記載を追加してください。',
      'name-differs': 'ファイル名を統一してください。',
    },
  },
  check({ data }) {
    const findings: RuleFinding[] = [];
    const files = arrayAt(data, '特定個人情報ファイルの概要');
    const names = new Map(files.map((f) => [stringAt(f, 'ID') ?? '', stringAt(f, '特定個人情報ファイル名') ?? '']));
    for (const { list, keys, label } of dependents) {
      const entries = arrayAt(data, ...keys);
      const present = new Set<string>();
      entries.forEach((entry, i) => {
        const id = stringAt(entry, 'ID');
        if (!id) return;
        present.add(id);
        if (!names.has(id)) {
          findings.push({ messageId: 'unknown-file', path: `${list}/${i}/ID`, data: { id, label } });
          return;
        }
        const name = stringAt(entry, '特定個人情報ファイル名');
        if (name !== undefined && name !== names.get(id)) findings.push({ messageId: 'name-differs', path: `${list}/${i}/特定個人情報ファイル名`, level: 'warning', data: { label, name, expected: names.get(id)! } });
      });
      // Only when the section exists: a missing section is reported once, by the schema.
      if (entries.length === 0) continue;
      files.forEach((file, i) => {
        const id = stringAt(file, 'ID');
        if (id && !present.has(id)) findings.push({ messageId: 'missing-for-file', path: `/特定個人情報ファイルの概要/${i}/ID`, completeness: true, data: { id, name: names.get(id) ?? '', label } });
      });
    }
    return findings;
  },
};
