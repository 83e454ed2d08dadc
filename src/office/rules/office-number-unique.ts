/**
 * 評価書番号 (the number in the 特定個人情報保護評価計画管理書) names one 事務: no two 事務 of the city share one, and
 * the 評価書 of one 事務 carry the same number [R]. Each 評価書's slug (its folder name: URL and PDF name) is unique.
 */
import type { OfficeFinding, OfficeRule } from '../rule.ts';
import { present } from './helpers.ts';
import { slugOf } from '../../model/slug.ts';
import { bilingual, tr } from '../../report/i18n.ts';

export const officeNumberUnique: OfficeRule = {
  meta: {
    id: 'office-number-unique',
    get title() { return tr('評価書番号が事務ごとに一つ', 'Each 事務 has its own assessment number'); },
    level: 'error',
    requires: ['cover.number'],
    acrossOffices: true,
    rationale: '評価書番号は計画管理書の番号と同じで、事務を特定します。別の事務が同じ番号を使うと、委員会への提出や公表の際にどの評価書か取り違えます。',
    basis: '全項目評価書 記載要領(評価書番号は特定個人情報保護評価計画管理書の「評価書番号」欄と同じ) [C]、特定個人情報保護評価指針 第5',
    messages: bilingual({
      shared: '評価書番号 {number} は、別の事務({otherOffice})の評価書でも使われています({otherAt})。',
      'differs-in-office': '評価書番号 {number} が、同じ事務の{otherForm}の番号 {otherNumber}({otherAt})と違います。',
      'slug-taken': 'フォルダ名「{slug}」(サイトの URL と PDF のファイル名)は、別の評価書でも使われています({otherAt})。',
    }, {
      shared: 'Assessment number {number} is also used by an assessment of another 事務 ({otherOffice}) ({otherAt}).',
      'differs-in-office': 'Assessment number {number} differs from the number {otherNumber} of the {otherForm} of the same 事務 ({otherAt}).',
      'slug-taken': 'The folder name 「{slug}」 (the site\'s URL and the PDF\'s file name) is also used by another assessment ({otherAt}).',
    }),
    hints: bilingual({
      shared: '計画管理書で番号を確かめ、事務ごとに別の番号にしてください。',
      'differs-in-office': '同じ事務の基礎項目評価書と重点・全項目評価書は、計画管理書の同じ番号を記載します。',
      'slug-taken': 'どちらかのフォルダ名を変えてください(例: 末尾に -basic を付ける)。',
    }, {
      shared: 'Check the number in the plan management register (計画管理書) and give each 事務 its own number.',
      'differs-in-office': 'The 基礎項目評価書 and the 重点項目評価書 or 全項目評価書 of one 事務 state the same number from the plan management register (計画管理書).',
      'slug-taken': 'Rename one of the folders (for example, add -basic at the end).',
    }),
  },
  check(offices) {
    const findings: OfficeFinding[] = [];
    const byNumber = new Map<string, { office: string; file: string; path: string }[]>();
    const slugs = new Map<string, string>();
    for (const office of offices) {
      const numbers: { file: string; form: string; number: string; path: string }[] = [];
      for (const doc of office.documents) {
        const slug = slugOf(doc.file);
        const taken = slugs.get(slug);
        if (taken) findings.push({ messageId: 'slug-taken', file: doc.file, path: '', data: { slug, otherFile: taken, otherPath: '' } });
        else slugs.set(slug, doc.file);
        const n = present(doc, 'cover.number');
        if (n) numbers.push({ file: doc.file, form: doc.formName, number: String(n.raw).trim(), path: n.pointer });
      }
      const first = numbers[0];
      for (const n of numbers.slice(1)) {
        if (n.number !== first!.number) {
          findings.push({ messageId: 'differs-in-office', file: n.file, path: n.path, level: 'warning', data: { number: n.number, otherForm: first!.form, otherNumber: first!.number, otherFile: first!.file, otherPath: first!.path } });
        }
      }
      for (const n of numbers) byNumber.set(n.number, [...(byNumber.get(n.number) ?? []), { office: office.id, file: n.file, path: n.path }]);
    }
    for (const [number, uses] of byNumber) {
      for (const use of uses) {
        const other = uses.find((u) => u.office !== use.office);
        if (other) findings.push({ messageId: 'shared', file: use.file, path: use.path, data: { number, otherOffice: other.office, otherFile: other.file, otherPath: other.path } });
      }
    }
    return findings;
  },
};
