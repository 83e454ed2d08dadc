/** The 基礎's 基礎項目評価の実施日 = the 実施日 that its 重点/全項目評価書 cites (Ⅴ1① / Ⅵ1①); not after its 公表日. */
import type { OfficeFinding, OfficeRule } from '../rule.ts';
import { rolePointer } from '../../model/roles.ts';
import { pairOf, roleDate } from './helpers.ts';
import { bilingual, tr } from '../../report/i18n.ts';

export const officeAssessedOn: OfficeRule = {
  meta: {
    id: 'office-assessed-on',
    get title() { return tr('基礎項目評価の実施日が事務の評価書の間で同じ', 'The date of the basic assessment is the same in all assessments of the 事務'); },
    level: 'error',
    requires: ['threshold.assessed-on', 'cover.published-on'],
    rationale: '重点項目評価書・全項目評価書の「基礎項目評価 ①実施日」は、組になる基礎項目評価を実施した日です。食い違うと、どの判断に基づく評価書か分からず、5年を経過する前の再評価の起算日も決まりません。',
    basis: '重点項目評価書 Ⅴ1①・全項目評価書 Ⅵ1① [R]、特定個人情報保護評価に関する規則 第15条',
    messages: bilingual({
      differs: '基礎項目評価の実施日「{date}」が、同じ事務の{otherForm}の記載「{otherDate}」({otherAt})と違います。',
      'not-recorded': '基礎項目評価の実施日が記録されていません。同じ事務の{otherForm}は「{otherDate}」と記載しています({otherAt})。',
      'after-publication': '基礎項目評価の実施日「{date}」が、この基礎項目評価書の公表日「{published}」より後です。',
    }, {
      differs: 'The date of the basic assessment 「{date}」 differs from 「{otherDate}」 in the {otherForm} of the same 事務 ({otherAt}).',
      'not-recorded': 'The date of the basic assessment is not recorded. The {otherForm} of the same 事務 states 「{otherDate}」 ({otherAt}).',
      'after-publication': 'The date of the basic assessment 「{date}」 is after the publication date 「{published}」 of this 基礎項目評価書.',
    }),
    hints: bilingual({
      differs: '基礎項目評価を実施した日を確かめ、両方の評価書を同じ日にしてください。',
      'not-recorded': '基礎項目評価書に「{key}: {otherDate}」を書き足してください(様式外の管理情報で、PDF には出ません)。',
      'after-publication': '実施日か公表日の誤りです。評価を実施してから公表します。',
    }, {
      differs: 'Check the date the basic assessment was carried out, and give both assessments the same date.',
      'not-recorded': 'Add 「{key}: {otherDate}」 to the 基礎項目評価書 (management data outside the form: it is not printed in the PDF).',
      'after-publication': 'The date or the publication date is wrong: an assessment is carried out before it is published.',
    }),
  },
  check(offices) {
    const findings: OfficeFinding[] = [];
    for (const office of offices) {
      const pair = pairOf(office);
      if (!pair) continue;
      const { basic } = pair;
      const own = roleDate(basic, 'threshold.assessed-on');
      const published = roleDate(basic, 'cover.published-on');
      if (own && published && own.iso > published.iso) {
        findings.push({ messageId: 'after-publication', file: basic.file, path: own.pointer, data: { date: own.raw, published: published.raw } });
      }
      for (const other of pair.others) {
        const cited = roleDate(other, 'threshold.assessed-on');
        if (!cited) continue;
        if (!own) {
          const key = (rolePointer(basic.schema, 'threshold.assessed-on') ?? '').split('/').pop() ?? '';
          findings.push({ messageId: 'not-recorded', file: basic.file, path: '', completeness: true, data: { key, otherForm: other.formName, otherDate: cited.raw, otherFile: other.file, otherPath: cited.pointer } });
          continue;
        }
        if (own.iso === cited.iso) continue;
        findings.push({ messageId: 'differs', file: basic.file, path: own.pointer, data: { date: own.raw, otherForm: other.formName, otherDate: cited.raw, otherFile: other.file, otherPath: cited.pointer } });
        findings.push({ messageId: 'differs', file: other.file, path: cited.pointer, data: { date: cited.raw, otherForm: basic.formName, otherDate: own.raw, otherFile: basic.file, otherPath: own.pointer } });
      }
    }
    return findings;
  },
};
