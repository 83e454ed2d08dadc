/**
 * 記録項目の別添(重点 別添1、全項目 別添2)とⅢ リスク対策 は、Ⅱ の特定個人情報ファイルごとに1つずつあり、ID でその
 * ファイルを指す。どの節かは役割(records.annex、risk.files)で見つけ、節の名前は様式から取る。
 */
import type { Rule, RuleFinding } from '../rule.ts';
import { arrayAt, stringAt } from '../../model/access.ts';
import { rolePointer } from '../../model/roles.ts';
import { itemPath } from '../../schema/walk.ts';
import { pointerSegments } from '../../model/pointer.ts';

const dependentRoles = ['records.annex', 'risk.files'];

export const fileReference: Rule = {
  meta: {
    id: 'file-reference',
    title: '記録項目の別添とⅢがⅡの特定個人情報ファイルと対応している',
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
  check({ data, schema }) {
    const findings: RuleFinding[] = [];
    const files = arrayAt(data, '特定個人情報ファイルの概要');
    const names = new Map(files.map((f) => [stringAt(f, 'ID') ?? '', stringAt(f, '特定個人情報ファイル名') ?? '']));
    for (const role of dependentRoles) {
      const list = rolePointer(schema, role);
      if (list === undefined) continue;
      const keys = pointerSegments(list);
      const label = itemPath(schema, list);
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
