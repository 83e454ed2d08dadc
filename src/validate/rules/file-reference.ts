/**
 * (別添) 記録項目とⅢ リスク対策 は、Ⅱ の特定個人情報ファイルごとに1つずつあり、ID でそのファイルを指す。
 */
import type { Rule, RuleFinding } from '../rule.ts';
import { readOne, roleEntries } from '../../model/roles.ts';
import { itemPath } from '../../schema/walk.ts';
import { bilingual, tr } from '../../report/i18n.ts';

const dependents = [
  { list: 'records.annex', name: 'records.annex.file-name' },
  { list: 'risk.files', name: 'risk.file.name' },
] as const;

export const fileReference: Rule = {
  meta: {
    id: 'file-reference',
    get title() { return tr('別添の記録項目とⅢがⅡの特定個人情報ファイルと対応している', 'The record items in the attachment and Ⅲ correspond to the 特定個人情報ファイル of Ⅱ'); },
    level: 'error',
    requires: ['files', 'file.name'],
    optional: ['records.annex', 'records.annex.file-name', 'risk.files', 'risk.file.name'],
    rationale: '評価書は特定個人情報ファイルごとにⅡ・別添の記録項目・Ⅲを記載します。対応が崩れると、どのファイルの記録項目・リスク対策かが分かりません。',
    basis: '特定個人情報保護評価書 記載要領(特定個人情報ファイルごとの記載)',
    messages: bilingual({
      'unknown-file': '{label}の ID「{id}」に当たる特定個人情報ファイルがⅡにありません。',
      'missing-for-file': 'Ⅱの特定個人情報ファイル「{name}」(ID {id})の{label}がありません。',
      'name-differs': '{label}の特定個人情報ファイル名「{name}」が、Ⅱの「{expected}」と違います。',
    }, {
      'unknown-file': 'No 特定個人情報ファイル in Ⅱ has the ID 「{id}」 given in {label}.',
      'missing-for-file': '{label} has no entry for the 特定個人情報ファイル 「{name}」 (ID {id}) of Ⅱ.',
      'name-differs': 'The file name 「{name}」 in {label} differs from 「{expected}」 in Ⅱ.',
    }),
    hints: bilingual({
      'unknown-file': 'Ⅱ の特定個人情報ファイルの ID と同じ ID を書いてください。',
      'missing-for-file': '{label}に ID「{id}」の記載を追加してください。',
      'name-differs': 'ファイル名を統一してください。',
    }, {
      'unknown-file': 'Write the same ID as the 特定個人情報ファイル in Ⅱ.',
      'missing-for-file': 'Add an entry with ID 「{id}」 to {label}.',
      'name-differs': 'Use one file name in both places.',
    }),
  },
  check({ data, schema }) {
    const findings: RuleFinding[] = [];
    const files = roleEntries(schema, data, 'files');
    const names = new Map(files.map((f) => [f.id ?? '', String(readOne(schema, data, 'file.name', f.pointer)?.raw ?? '')]));
    for (const { list, name: nameRole } of dependents) {
      const listRead = readOne(schema, data, list);
      const entries = roleEntries(schema, data, list);
      // Only when the section exists: a missing section is reported once, by the schema.
      if (!listRead || entries.length === 0) continue;
      const label = itemPath(schema, listRead.pointer) || (listRead.schema.title ?? list);
      const present = new Set<string>();
      for (const entry of entries) {
        if (!entry.id) continue;
        present.add(entry.id);
        if (!names.has(entry.id)) {
          findings.push({ messageId: 'unknown-file', path: `${entry.pointer}/ID`, data: { id: entry.id, label } });
          continue;
        }
        const name = readOne(schema, data, nameRole, entry.pointer);
        if (typeof name?.raw === 'string' && name.raw !== names.get(entry.id)) findings.push({ messageId: 'name-differs', path: name.pointer, level: 'warning', data: { label, name: name.raw, expected: names.get(entry.id)! } });
      }
      for (const file of files) {
        if (file.id && !present.has(file.id)) findings.push({ messageId: 'missing-for-file', path: `${file.pointer}/ID`, completeness: true, data: { id: file.id, name: names.get(file.id) ?? '', label } });
      }
    }
    return findings;
  },
};
