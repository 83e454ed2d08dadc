/**
 * The 事務 holds what its 基礎's しきい値判断結果 requires: a 重点項目評価書 (or, voluntarily, a 全項目評価書) for
 * basic+focused, a 全項目評価書 for basic+full; exactly one 基礎; no 重点/全項目評価書 without a 基礎.
 */
import type { OfficeFinding, OfficeRule } from '../rule.ts';
import { formLevel, isLevel, levelForms, levelLabel, levelRank } from '../../threshold/threshold.ts';
import { basicsOf, othersOf, present } from './helpers.ts';
import { bilingual, tr } from '../../report/i18n.ts';

/** The level a document's form is the assessment for (x-form.level); a higher one done voluntarily satisfies a lower duty. */
const levelOf = (doc: { schema: Parameters<typeof formLevel>[0] }) => formLevel(doc.schema) ?? 'none';

export const officeRequiredDocument: OfficeRule = {
  meta: {
    id: 'office-required-document',
    get title() { return tr('しきい値判断結果が求める評価書が事務にそろっている', 'The 事務 has the assessments that the result of the しきい値判断 requires'); },
    level: 'error',
    requires: ['threshold.result'],
    rationale: '基礎項目評価書のしきい値判断結果が重点項目評価・全項目評価を義務付けるなら、その評価書がなければ評価を行っていないことになります。重点・全項目評価書は基礎項目評価書と組で提出・公表します。',
    basis: '番号法 第28条、特定個人情報保護評価に関する規則 第6条・第7条、特定個人情報保護評価指針 第6 1',
    messages: bilingual({
      missing: 'しきい値判断結果「{required}」により{form}が必要ですが、この事務(フォルダ {office})に{form}がありません。',
      'wrong-form': 'しきい値判断結果「{required}」により{form}が必要ですが、この事務にあるのは{present}です({otherAt})。',
      'wrong-form-other': 'この{present}の事務では、基礎項目評価書のしきい値判断結果({otherAt})により{form}が必要です。{present}では足りません。',
      'no-basic': 'この事務(フォルダ {office})に基礎項目評価書がありません。{form}は基礎項目評価書と組で作成します。',
      'two-basics': 'この事務(フォルダ {office})に基礎項目評価書が{count}つあります({otherAt})。1つの事務の基礎項目評価書は1つです。',
      'two-others': 'この事務(フォルダ {office})に重点項目評価書・全項目評価書が{count}つあります({otherAt})。',
      'submitted-mismatch': 'Ⅳ1 提出する評価書の種類は「{submitted}」ですが、この事務の評価書は{present}です。',
    }, {
      missing: 'The しきい値判断 result 「{required}」 requires a {form}, but this 事務 (folder {office}) has no {form}.',
      'wrong-form': 'The しきい値判断 result 「{required}」 requires a {form}, but this 事務 has a {present} ({otherAt}).',
      'wrong-form-other': 'For the 事務 of this {present}, the result of the しきい値判断 in the 基礎項目評価書 ({otherAt}) requires a {form}. A {present} is not enough.',
      'no-basic': 'This 事務 (folder {office}) has no 基礎項目評価書. A {form} is made together with a 基礎項目評価書.',
      'two-basics': 'This 事務 (folder {office}) has {count} 基礎項目評価書 ({otherAt}). A 事務 has one 基礎項目評価書.',
      'two-others': 'This 事務 (folder {office}) has {count} 重点項目評価書 or 全項目評価書 ({otherAt}).',
      'submitted-mismatch': 'Ⅳ1 (the kind of assessment submitted) states 「{submitted}」, but the assessments of this 事務 are {present}.',
    }),
    hints: bilingual({
      missing: '{form}を assessments/{office}/ の下のフォルダ(例: assessments/{office}/{office}-{suffix}/assessment.yaml)に作成してください。',
      'wrong-form': '{form}を作成し、この事務のフォルダに置いてください。しきい値判断が誤っているなら Ⅱ と Ⅲ を直してください。',
      'wrong-form-other': '{form}を作成してください(重点項目評価書を全項目評価書に置き換えます)。',
      'no-basic': '基礎項目評価書を作成してこのフォルダの下に置くか、この評価書を基礎項目評価書のある事務のフォルダに移してください。',
      'two-basics': '別の事務の評価書なら、事務ごとのフォルダに分けてください。',
      'two-others': '別の事務の評価書なら、事務ごとのフォルダに分けてください。',
      'submitted-mismatch': 'Ⅳ1 を実際に提出する評価書の組合せに合わせてください。',
    }, {
      missing: 'Make the {form} in a folder under assessments/{office}/ (for example assessments/{office}/{office}-{suffix}/assessment.yaml).',
      'wrong-form': 'Make the {form} and put it in the folder of this 事務. If the しきい値判断 is wrong, correct Ⅱ and Ⅲ.',
      'wrong-form-other': 'Make the {form} (the 全項目評価書 replaces the 重点項目評価書).',
      'no-basic': 'Make a 基礎項目評価書 and put it under this folder, or move this assessment to the folder of the 事務 that has its 基礎項目評価書.',
      'two-basics': 'If they are assessments of different 事務, put each 事務 in its own folder.',
      'two-others': 'If they are assessments of different 事務, put each 事務 in its own folder.',
      'submitted-mismatch': 'Make Ⅳ1 match the set of assessments actually submitted.',
    }),
  },
  check(offices) {
    const findings: OfficeFinding[] = [];
    for (const office of offices) {
      const basics = basicsOf(office);
      const others = othersOf(office);
      if (basics.length === 0) {
        for (const other of others) findings.push({ messageId: 'no-basic', file: other.file, path: '/様式', completeness: true, data: { office: office.id, form: other.formName } });
        continue;
      }
      if (basics.length > 1) {
        for (const [i, b] of basics.entries()) findings.push({ messageId: 'two-basics', file: b.file, path: '/様式', data: { office: office.id, count: basics.length, otherFile: basics[(i + 1) % basics.length]!.file, otherPath: '/様式' } });
        continue;
      }
      if (others.length > 1) {
        for (const [i, o] of others.entries()) findings.push({ messageId: 'two-others', file: o.file, path: '/様式', data: { office: office.id, count: others.length, otherFile: others[(i + 1) % others.length]!.file, otherPath: '/様式' } });
      }
      const basic = basics[0]!;
      const result = present(basic, 'threshold.result');
      if (result && isLevel(result.value)) {
        const required = result.value;
        const form = levelForms(required).filter((f) => f !== basic.formName).join(tr('と', ' and '));
        if (form) {
          const enough = others.some((o) => levelRank(levelOf(o)) >= levelRank(required));
          if (!enough && others.length === 0) {
            findings.push({ messageId: 'missing', file: basic.file, path: result.pointer, data: { required: levelLabel(required), form, office: office.id, suffix: required === 'basic+full' ? 'full' : 'focused' } });
          } else if (!enough) {
            for (const other of others) {
              findings.push({ messageId: 'wrong-form', file: basic.file, path: result.pointer, data: { required: levelLabel(required), form, present: other.formName, otherFile: other.file, otherPath: '/様式' } });
              findings.push({ messageId: 'wrong-form-other', file: other.file, path: '/様式', data: { form, present: other.formName, otherFile: basic.file, otherPath: result.pointer } });
            }
          }
        }
      }
      const submitted = present(basic, 'threshold.form-submitted');
      if (submitted) {
        const levels = others.map(levelOf).filter((l) => l !== 'none');
        const expected = levels.length === 0 ? 'basic' : levels[0]!;
        if (submitted.value !== expected) {
          findings.push({ messageId: 'submitted-mismatch', file: basic.file, path: submitted.pointer, data: { submitted: String(submitted.raw), present: [basic.formName, ...others.map((o) => o.formName)].join(tr('と', ' and ')) } });
        }
      }
    }
    return findings;
  },
};
