/** 基礎項目評価書 Ⅲ しきい値判断結果 = what the しきい値判断 gives for its Ⅱ 対象人数・取扱者数・重大事故. */
import type { OfficeFinding, OfficeRule } from '../rule.ts';
import { basicForm } from '../rule.ts';
import { choiceFor, roleValue } from '../roles.ts';
import { requiredAssessments, requiredLabel, type Required } from '../threshold.ts';

export const officeThresholdResult: OfficeRule = {
  meta: {
    id: 'office-threshold-result',
    title: '基礎項目評価書のしきい値判断結果がしきい値判断項目と合っている',
    level: 'error',
    requires: ['people.office.band', 'handlers.office.band', 'incident.threshold', 'threshold.result'],
    rationale: 'しきい値判断結果は Ⅱ の対象人数・取扱者数・重大事故から決まります。合わないと、必要な重点項目評価・全項目評価を行わないことになるか、根拠のない判断を公表することになります。',
    basis: '特定個人情報保護評価に関する規則 第4条・第6条・第7条、特定個人情報保護評価指針 第6 1(しきい値判断)',
    messages: {
      mismatch: 'しきい値判断結果が「{recorded}」ですが、Ⅱ(対象人数「{people}」、取扱者数「{handlers}」、重大事故「{incident}」)から判断すると「{computed}」の実施が義務付けられます。',
      'no-duty': 'Ⅱ1 対象人数「{people}」では評価の義務はありません(任意実施)。しきい値判断結果「{recorded}」は任意に実施する評価より重い義務を示しています。',
    },
    hints: {
      mismatch: 'Ⅱ の3項目を確認し、しきい値判断結果を「{expected}」にしてください。',
      'no-duty': '任意実施の基礎項目評価なら、しきい値判断結果は「基礎項目評価の実施が義務付けられる」を選びます。',
    },
  },
  check(offices) {
    const findings: OfficeFinding[] = [];
    for (const doc of offices.flatMap((o) => o.documents)) {
      if (doc.formName !== basicForm) continue;
      const people = roleValue(doc.schema, doc.data, 'people.office.band');
      const handlers = roleValue(doc.schema, doc.data, 'handlers.office.band');
      const incident = roleValue(doc.schema, doc.data, 'incident.threshold');
      const result = roleValue(doc.schema, doc.data, 'threshold.result');
      if (!people?.band || !handlers?.band || !incident || !result) continue; // blanks are blank-required-item's
      const computed = requiredAssessments(people.band[0], handlers.band[0] >= 500, incident.value === 'yes');
      const recorded = result.value as Required;
      const data = { recorded: String(result.raw), people: String(people.raw), handlers: String(handlers.raw), incident: String(incident.raw), computed: requiredLabel[computed] };
      const path = result.path;
      if (computed === 'none') {
        if (recorded !== 'basic') findings.push({ messageId: 'no-duty', file: doc.file, path, data });
        continue;
      }
      if (computed !== recorded) {
        const expected = choiceFor(doc.schema, 'threshold.result', computed) ?? requiredLabel[computed];
        findings.push({ messageId: 'mismatch', file: doc.file, path, data: { ...data, expected } });
      }
    }
    return findings;
  },
};
