import { test } from 'node:test';
import assert from 'node:assert/strict';
import { warekiDate } from './wareki-date.ts';
import { reference, run } from '../../../test/helpers.ts';

test('参考評価書の日付はすべて実在し元号の期間内にある', () => {
  assert.deepEqual(run(warekiDate, reference()), []);
});

test('令和元年と西暦の日付は正しい', () => {
  const data = reference();
  data['表紙']['公表日'] = '令和元年5月1日';
  data['評価実施手続']['基礎項目評価']['実施日'] = '2024-02-05';
  assert.deepEqual(run(warekiDate, data), []);
});

test('元号の切替日を越えた日付と存在しない日は誤り', () => {
  const data = reference();
  data['表紙']['公表日'] = '平成31年5月1日';
  data['特定個人情報ファイルの概要'][0]['基本情報']['保有開始日'] = '令和元年4月30日';
  data['評価実施手続']['基礎項目評価']['実施日'] = '令和6年2月30日';
  assert.deepEqual(run(warekiDate, data), [
    { messageId: 'after-era', path: '/表紙/公表日' },
    { messageId: 'before-era', path: '/特定個人情報ファイルの概要/0/基本情報/保有開始日' },
    { messageId: 'no-such-day', path: '/評価実施手続/基礎項目評価/実施日' },
  ]);
});

test('変更箇所の変更日と検証の例外の確認日も対象になる', () => {
  const data = reference();
  data['変更箇所'][0]['変更日'] = '令和7年2月29日';
  data['検証の例外'] = [{ 規則: 'term-variant', 理由: '条例名', 確認日: '平成31年5月7日' }];
  assert.deepEqual(run(warekiDate, data), [
    { messageId: 'no-such-day', path: '/変更箇所/0/変更日' },
    { messageId: 'after-era', path: '/検証の例外/0/確認日' },
  ]);
});
