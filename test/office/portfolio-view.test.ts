/** The portfolio page's rows (pure): check results by absolute path, 未確認 where absent, unreadable dates noted. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { portfolioRows } from '../../src/office/portfolio-view.ts';
import { formSchemas } from '../../src/office/office.ts';
import { checksText } from '../../src/office/portfolio-row.ts';
import { basicData, focusedData, referenceBasicFile, referenceFocusedFile } from '../../src/office/testing.ts';

const docs = (edit: (basic: Record<string, any>) => void = () => {}) => {
  const basic = basicData();
  edit(basic);
  return [
    { slug: 'koshigaya-48-kodomo-iryohi', file: referenceFocusedFile, form: '重点項目評価書', data: focusedData() },
    { slug: 'koshigaya-48-kodomo-iryohi-basic', file: referenceBasicFile, form: '基礎項目評価書', data: basic },
  ];
};

test('点検の結果は評価書の絶対パスで引き、結果のない評価書は未確認', () => {
  const checks = new Map([[path.resolve(referenceFocusedFile), { satisfied: 9, contradicted: 1, error: 0, unchecked: 1, attested: 0, expired: 0, failing: true }]]);
  const { rows } = portfolioRows(docs(), formSchemas(), '2026-12-01', checks);
  assert.deepEqual(rows[0]!.documents.map((d) => [d.form, checksText(d.checks)]), [
    ['基礎項目評価書', '未確認'],
    ['重点項目評価書', '不合格(矛盾 1、適合 9、未点検 1)'],
  ]);
  assert.equal(rows[0]!.unreadableDates, undefined);
});

test('日付として読めない実施日は行に注意として残る(期限は求められない)', () => {
  const { rows, portfolio } = portfolioRows(docs((basic) => { basic['基礎項目評価の実施日'] = '令和6年2月30日'; }), formSchemas(), '2026-12-01');
  assert.deepEqual(rows[0]!.unreadableDates, ['令和6年2月30日']);
  assert.equal(portfolio.undated, 1);
});
