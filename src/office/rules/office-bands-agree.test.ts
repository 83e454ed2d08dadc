import { test } from 'node:test';
import assert from 'node:assert/strict';
import { officeBandsAgree } from './office-bands-agree.ts';
import { referenceBasicFile as B, referenceFocusedFile as F, referenceOffice, runOffice } from '../testing.ts';

const people = '/しきい値判断項目/対象人数/評価対象の事務の対象人数は何人か';
const handlers = '/しきい値判断項目/取扱者数/特定個人情報ファイル取扱者数は500人以上か';
const fileBand = '/特定個人情報ファイルの概要/0/基本情報/対象となる本人の数';

test('参考の事務: ファイルの本人の数「10万人以上100万人未満」が事務の対象人数「1万人以上10万人未満」を超える(両方に警告)', () => {
  assert.deepEqual(runOffice(officeBandsAgree, [referenceOffice()]), [
    { messageId: 'file-people', file: B, path: people, level: 'warning' },
    { messageId: 'file-people-other', file: F, path: fileBand, level: 'warning' },
  ]);
});

test('対象人数が10万人以上30万人未満なら、ファイルの区分と矛盾しない', () => {
  assert.deepEqual(runOffice(officeBandsAgree, [referenceOffice((b) => (b['しきい値判断項目']['対象人数']['評価対象の事務の対象人数は何人か'] = '10万人以上30万人未満'))]), []);
});

test('使用者数と委託先の取扱者数の下限の合計が500人以上なのに、基礎は500人未満: 警告', () => {
  const o = referenceOffice((b, f) => {
    b['しきい値判断項目']['対象人数']['評価対象の事務の対象人数は何人か'] = '10万人以上30万人未満';
    f['特定個人情報ファイルの概要'][0]['特定個人情報の入手・使用']['使用の主体']['使用者数'] = '500人以上1,000人未満';
  });
  assert.deepEqual(runOffice(officeBandsAgree, [o]), [{ messageId: 'staff-over', file: B, path: handlers, level: 'warning' }]);
});

test('上限の合計が500人に届かないのに、基礎は500人以上: 警告', () => {
  const o = referenceOffice((b, f) => {
    b['しきい値判断項目']['対象人数']['評価対象の事務の対象人数は何人か'] = '10万人以上30万人未満';
    b['しきい値判断項目']['取扱者数']['特定個人情報ファイル取扱者数は500人以上か'] = '500人以上';
    f['特定個人情報ファイルの概要'][0]['特定個人情報の入手・使用']['使用の主体']['使用者数'] = '50人以上100人未満';
  });
  assert.deepEqual(runOffice(officeBandsAgree, [o]), [{ messageId: 'staff-under', file: B, path: handlers, level: 'warning' }]);
});

test('同じ役割(事務全体の対象人数)を持つ様式とは区分が同じでなければ誤り', () => {
  const o = referenceOffice();
  const [focused, basic] = o.documents;
  // A second 基礎-shaped document stands in for a 全項目評価書 with Ⅰ1③ 対象人数 (same role people.office.band).
  const other = { ...basic!, file: F, formName: '全項目評価書', schema: { ...basic!.schema, 'x-form': { ...basic!.schema['x-form']!, level: 'basic+full' } }, data: { ...basic!.data, しきい値判断項目: { ...basic!.data['しきい値判断項目'] as object, 対象人数: { 評価対象の事務の対象人数は何人か: '30万人以上', いつ時点の計数か: null } } } };
  void focused;
  assert.deepEqual(runOffice(officeBandsAgree, [{ ...o, documents: [basic!, other] }]), [
    { messageId: 'office-band', file: B, path: people },
    { messageId: 'office-band', file: F, path: people },
  ]);
});
