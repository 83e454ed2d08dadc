import { test } from 'node:test';
import assert from 'node:assert/strict';
import { officeAssessedOn } from './office-assessed-on.ts';
import { referenceBasicFile as B, referenceFocusedFile as F, referenceOffice, runOffice } from '../testing.ts';

test('参考の事務: 基礎の実施日 令和6年2月5日 = 重点 Ⅴ1①', () => {
  assert.deepEqual(runOffice(officeAssessedOn, [referenceOffice()]), []);
});

test('和暦と西暦で同じ日なら同じ', () => {
  assert.deepEqual(runOffice(officeAssessedOn, [referenceOffice((b) => (b['基礎項目評価の実施日'] = '2024-02-05'))]), []);
});

test('実施日が違うと両方の評価書に誤り', () => {
  assert.deepEqual(runOffice(officeAssessedOn, [referenceOffice((b) => (b['基礎項目評価の実施日'] = '令和6年2月6日'))]), [
    { messageId: 'differs', file: B, path: '/基礎項目評価の実施日' },
    { messageId: 'differs', file: F, path: '/評価実施手続/基礎項目評価/実施日' },
  ]);
});

test('基礎に実施日がなければ記載を促す(公表用の検証では誤り)', () => {
  assert.deepEqual(runOffice(officeAssessedOn, [referenceOffice((b) => delete b['基礎項目評価の実施日'])]), [
    { messageId: 'not-recorded', file: B, path: '', completeness: true },
  ]);
});

test('実施日が基礎の公表日より後なら誤り', () => {
  const o = referenceOffice((b, f) => {
    b['基礎項目評価の実施日'] = '令和8年4月1日';
    f['評価実施手続']['基礎項目評価']['実施日'] = '令和8年4月1日';
  });
  assert.deepEqual(runOffice(officeAssessedOn, [o]), [{ messageId: 'after-publication', file: B, path: '/基礎項目評価の実施日' }]);
});
