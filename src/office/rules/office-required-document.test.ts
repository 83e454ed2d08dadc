import { test } from 'node:test';
import assert from 'node:assert/strict';
import { officeRequiredDocument } from './office-required-document.ts';
import { basicData, documentOf, focusedData, office, referenceBasicFile as B, referenceFocusedFile as F, referenceOffice, runOffice } from '../testing.ts';

const result = '/しきい値判断結果/しきい値判断結果';
const setResult = (b: Record<string, any>, v: string) => (b['しきい値判断結果']['しきい値判断結果'] = v);

test('参考の事務(基礎 + 任意の重点、Ⅳ1 は基礎及び重点)はそろっている', () => {
  assert.deepEqual(runOffice(officeRequiredDocument, [referenceOffice()]), []);
});

test('基礎が全項目評価の義務を示すのに事務には重点しかない: 基礎の Ⅲ と重点の 様式 の両方に誤り', () => {
  const o = referenceOffice((b) => {
    setResult(b, '基礎項目評価及び全項目評価の実施が義務付けられる');
    b['リスク対策']['提出する特定個人情報保護評価書の種類']['提出する特定個人情報保護評価書の種類'] = '基礎項目評価書及び全項目評価書';
  });
  assert.deepEqual(runOffice(officeRequiredDocument, [o]), [
    { messageId: 'wrong-form', file: B, path: result },
    { messageId: 'wrong-form-other', file: F, path: '/様式' },
    { messageId: 'submitted-mismatch', file: B, path: '/リスク対策/提出する特定個人情報保護評価書の種類/提出する特定個人情報保護評価書の種類' },
  ]);
});

test('基礎が重点項目評価の義務を示すのに重点がない: 基礎の Ⅲ に誤り', () => {
  const basic = basicData();
  setResult(basic, '基礎項目評価及び重点項目評価の実施が義務付けられる');
  assert.deepEqual(runOffice(officeRequiredDocument, [office('x', documentOf('assessments/x/assessment.yaml', basic))]), [
    { messageId: 'missing', file: 'assessments/x/assessment.yaml', path: result },
    { messageId: 'submitted-mismatch', file: 'assessments/x/assessment.yaml', path: '/リスク対策/提出する特定個人情報保護評価書の種類/提出する特定個人情報保護評価書の種類' },
  ]);
});

test('重点の義務に全項目評価書で応えるのは足りる(任意に上の段階の評価)', () => {
  const full = { ...focusedData() };
  const o = referenceOffice((b) => setResult(b, '基礎項目評価及び重点項目評価の実施が義務付けられる'));
  // A 全項目 stand-in: the check reads only the form's x-form.level, so the 重点 schema with level basic+full will do.
  const doc = { ...o.documents[0]!, formName: '全項目評価書', schema: { ...o.documents[0]!.schema, 'x-form': { ...o.documents[0]!.schema['x-form']!, level: 'basic+full' } }, data: full };
  const r = runOffice(officeRequiredDocument, [{ ...o, documents: [doc, o.documents[1]!] }]);
  assert.deepEqual(r.map((f) => f.messageId), ['submitted-mismatch']);
});

test('基礎のない重点、基礎が2つある事務は誤り', () => {
  assert.deepEqual(runOffice(officeRequiredDocument, [office('y', documentOf('assessments/y/assessment.yaml', focusedData()))]), [
    { messageId: 'no-basic', file: 'assessments/y/assessment.yaml', path: '/様式', completeness: true },
  ]);
  const two = office('z', documentOf('assessments/z/assessment.yaml', basicData()), documentOf('assessments/z/b/assessment.yaml', basicData()));
  assert.deepEqual(runOffice(officeRequiredDocument, [two]).map((f) => [f.messageId, f.file]), [
    ['two-basics', 'assessments/z/assessment.yaml'],
    ['two-basics', 'assessments/z/b/assessment.yaml'],
  ]);
});
