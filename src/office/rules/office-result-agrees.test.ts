import { test } from 'node:test';
import assert from 'node:assert/strict';
import { officeResultAgrees } from './office-result-agrees.ts';
import { referenceBasicFile as B, referenceFocusedFile as F, referenceOffice, runOffice } from '../testing.ts';

const basicPath = '/しきい値判断結果/しきい値判断結果';
const focusedPath = '/評価実施手続/基礎項目評価/しきい値判断結果';

test('参考の事務: 重点の「基礎項目評価の実施が義務付けられる(任意に重点…)」は基礎の Ⅲ「基礎項目評価…」と同じ意味', () => {
  assert.deepEqual(runOffice(officeResultAgrees, [referenceOffice()]), []);
});

test('基礎が重点項目評価の義務を示し、重点が任意実施と書くと、両方の評価書に誤り', () => {
  const office = referenceOffice((b) => (b['しきい値判断結果']['しきい値判断結果'] = '基礎項目評価及び重点項目評価の実施が義務付けられる'));
  assert.deepEqual(runOffice(officeResultAgrees, [office]), [
    { messageId: 'differs-other', file: F, path: focusedPath },
    { messageId: 'differs-basic', file: B, path: basicPath },
  ]);
});

test('空欄のしきい値判断結果は比べない(空欄は blank-required-item の指摘)', () => {
  assert.deepEqual(runOffice(officeResultAgrees, [referenceOffice((b) => (b['しきい値判断結果']['しきい値判断結果'] = null))]), []);
});
