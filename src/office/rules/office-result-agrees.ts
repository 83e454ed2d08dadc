/** The 重点/全項目評価書's recorded しきい値判断結果 (Ⅴ1② / Ⅵ1②) = the 基礎項目評価書's Ⅲ. */
import type { OfficeFinding, OfficeRule } from '../rule.ts';
import { isLevel, levelLabel } from '../../threshold/threshold.ts';
import { pairOf, present } from './helpers.ts';
import { bilingual, tr } from '../../report/i18n.ts';

export const officeResultAgrees: OfficeRule = {
  meta: {
    id: 'office-result-agrees',
    get title() { return tr('重点・全項目評価書のしきい値判断結果が基礎項目評価書と同じ', 'The result of the しきい値判断 in the 重点項目評価書 or 全項目評価書 is that of the 基礎項目評価書'); },
    level: 'error',
    requires: ['threshold.result'],
    rationale: 'しきい値判断は基礎項目評価書で行い、重点項目評価書・全項目評価書はその結果を記載します。食い違うと、どちらの判断が正しいのか分からない評価書を公表することになります。',
    basis: '特定個人情報保護評価指針 第6 1、重点項目評価書 Ⅴ1②・全項目評価書 Ⅵ1② の記載要領 [R]',
    messages: bilingual({
      'differs-other': 'しきい値判断結果「{recorded}」({recordedMeaning})が、同じ事務の基礎項目評価書 Ⅲ「{basic}」({basicMeaning}、{otherAt})と食い違っています。',
      'differs-basic': 'しきい値判断結果「{basic}」({basicMeaning})が、同じ事務の{form} の記載「{recorded}」({recordedMeaning}、{otherAt})と食い違っています。',
    }, {
      'differs-other': 'The result of the しきい値判断 「{recorded}」 ({recordedMeaning}) disagrees with Ⅲ of the 基礎項目評価書 of the same 事務, 「{basic}」 ({basicMeaning}, {otherAt}).',
      'differs-basic': 'The result of the しきい値判断 「{basic}」 ({basicMeaning}) disagrees with 「{recorded}」 in the {form} of the same 事務 ({recordedMeaning}, {otherAt}).',
    }),
    hints: bilingual({
      'differs-other': '基礎項目評価書の判断が正しければ、この評価書のしきい値判断結果を直してください(任意に実施する評価でも、義務付けられる評価を選びます)。',
      'differs-basic': 'どちらの判断が正しいかを Ⅱ しきい値判断項目で確かめ、両方の評価書を同じ結果にしてください。',
    }, {
      'differs-other': 'If the judgement of the 基礎項目評価書 is right, correct the result of the しきい値判断 in this assessment (even for an assessment carried out voluntarily, choose the one that is required).',
      'differs-basic': 'Check with the items of Ⅱ (しきい値判断項目) which judgement is right, and give both assessments the same result.',
    }),
  },
  check(offices) {
    const findings: OfficeFinding[] = [];
    for (const office of offices) {
      const pair = pairOf(office);
      if (!pair) continue;
      const basic = present(pair.basic, 'threshold.result');
      if (!basic) continue;
      for (const other of pair.others) {
        const recorded = present(other, 'threshold.result');
        if (!recorded || recorded.value === basic.value) continue;
        const data = {
          recorded: String(recorded.raw), recordedMeaning: isLevel(recorded.value) ? levelLabel(recorded.value) : String(recorded.value),
          basic: String(basic.raw), basicMeaning: isLevel(basic.value) ? levelLabel(basic.value) : String(basic.value), form: other.formName,
        };
        findings.push({ messageId: 'differs-other', file: other.file, path: recorded.pointer, data: { ...data, otherFile: pair.basic.file, otherPath: basic.pointer } });
        findings.push({ messageId: 'differs-basic', file: pair.basic.file, path: basic.pointer, data: { ...data, otherFile: other.file, otherPath: recorded.pointer } });
      }
    }
    return findings;
  },
};
