import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changeEntryDate } from './change-entry-date.ts';
import { reference, run } from '../../../test/helpers.ts';

test('参考評価書の令和10年の変更日は未来の日付として誤り', () => {
  const findings = run(changeEntryDate, reference(), '2026-11-25');
  assert.deepEqual(findings, [0, 1, 2, 3, 4, 5, 6].map((i) => ({ messageId: 'future', path: `/変更箇所/${i}/変更日` })));
});

test('公表日以前で今日までの変更日は正しい', () => {
  const data = reference();
  data['変更箇所'] = data['変更箇所'].slice(7); // the two 令和8年3月30日 rows
  assert.deepEqual(run(changeEntryDate, data, '2026-11-25'), []);
});

test('公表日より後の変更日は公表日の更新漏れとして警告', () => {
  const data = reference();
  data['変更箇所'] = data['変更箇所'].slice(7);
  data['変更箇所'][0]['変更日'] = '令和8年4月1日';
  assert.deepEqual(run(changeEntryDate, data, '2026-11-25'), [{ messageId: 'after-publication', path: '/変更箇所/0/変更日', level: 'warning' }]);
});

test('未来の公表日は下書きかもしれないので警告', () => {
  const data = reference();
  data['変更箇所'] = [];
  data['表紙']['公表日'] = '令和9年1月1日';
  assert.deepEqual(run(changeEntryDate, data, '2026-11-25'), [{ messageId: 'publication-future', path: '/表紙/公表日', level: 'warning' }]);
});
