import { test } from 'node:test';
import assert from 'node:assert/strict';
import { officeNumberUnique } from './office-number-unique.ts';
import { basicData, documentOf, office, referenceBasicFile as B, referenceOffice, runOffice } from '../testing.ts';

const number = '/表紙/評価書番号';

test('参考の事務: 基礎も重点も評価書番号48', () => {
  assert.deepEqual(runOffice(officeNumberUnique, [referenceOffice()]), []);
});

test('別の事務が同じ評価書番号を使うと、両方の事務の評価書に誤り', () => {
  const other = office('example-901', documentOf('assessments/example-901/assessment.yaml', basicData()));
  assert.deepEqual(runOffice(officeNumberUnique, [referenceOffice(), other]).map((f) => [f.messageId, f.file]), [
    ['shared', 'assessments/koshigaya-48-kodomo-iryohi/assessment.yaml'],
    ['shared', B],
    ['shared', 'assessments/example-901/assessment.yaml'],
  ]);
});

test('同じ事務の基礎と重点で番号が違うと警告', () => {
  assert.deepEqual(runOffice(officeNumberUnique, [referenceOffice((b) => (b['表紙']['評価書番号'] = 49))]), [
    { messageId: 'differs-in-office', file: B, path: number, level: 'warning' },
  ]);
});

test('同じフォルダ名(スラッグ)の評価書が2つあると誤り', () => {
  const a = basicData();
  const b = basicData();
  b['表紙']['評価書番号'] = 2;
  const offices = [office('p', documentOf('assessments/p/same/assessment.yaml', a)), office('q', documentOf('assessments/q/same/assessment.yaml', b))];
  assert.deepEqual(runOffice(officeNumberUnique, offices), [{ messageId: 'slug-taken', file: 'assessments/q/same/assessment.yaml', path: '' }]);
});
