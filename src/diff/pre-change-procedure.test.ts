import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareVersions } from './compare.ts';
import { fullSampleText } from '../../test/full-helpers.ts';
import { referenceText } from '../../test/helpers.ts';

const base = { file: 'old.yaml', text: fullSampleText };
const today = '2026-11-25';
const procedure = (text: string) => {
  const result = compareVersions(base, { file: 'new.yaml', text }, { today });
  assert.ok(result.ok);
  return result.comparison.problems.filter((p) => p.rule === 'pre-change-procedure').map((p) => p.path);
};

/** A 重要な変更: Ⅱ6①保管場所 (※) of the first file. */
const significant = fullSampleText.replace('入退室管理(ICカードによる認証と入退室記録)を行っているサーバー室に設置したサーバー内に保管する。サーバーへのアクセス', '入退室管理(ICカードによる認証と入退室記録)を行っている庁舎外のデータセンターに設置したサーバー内に保管する。サーバーへのアクセス');
const renewed = significant
  .replace('実施日・期間: 令和7年11月4日から令和7年12月3日まで(30日間)', '実施日・期間: 令和8年6月1日から令和8年6月30日まで(30日間)')
  .replace('    実施日: 令和8年1月20日', '    実施日: 令和8年8月20日')
  .replace('  公表日: 令和8年2月16日', '  公表日: 令和8年9月1日');

test('全項目評価書の事前の変更で、意見聴取と第三者点検が前の版のままなら両方を指摘する', () => {
  assert.notEqual(significant, fullSampleText);
  assert.deepEqual(procedure(significant), ['/評価実施手続/国民・住民等からの意見の聴取/実施日・期間', '/評価実施手続/第三者点検/実施日']);
});

test('新しい意見聴取だけで第三者点検が前の版のままなら、第三者点検を指摘する', () => {
  const text = significant.replace('実施日・期間: 令和7年11月4日から令和7年12月3日まで(30日間)', '実施日・期間: 令和8年6月1日から令和8年6月30日まで(30日間)');
  assert.deepEqual(procedure(text), ['/評価実施手続/第三者点検/実施日']);
});

test('前の版の公表日より前に終わった意見聴取は、書き換えてあっても新しい意見聴取ではない', () => {
  const text = renewed.replace('令和8年6月1日から令和8年6月30日まで', '令和7年12月1日から令和8年1月5日まで');
  assert.deepEqual(procedure(text), ['/評価実施手続/国民・住民等からの意見の聴取/実施日・期間']);
});

test('新しい意見聴取と第三者点検を記載した事前の変更は指摘しない', () => {
  assert.deepEqual(procedure(renewed), []);
});

test('事後の変更だけなら手続のやり直しは要らない', () => {
  const text = fullSampleText.replace('部署: 市民生活部市民課\n    所属長', '部署: 市民生活部 市民課\n    所属長');
  assert.notEqual(text, fullSampleText);
  assert.deepEqual(procedure(text), []);
});

test('行政機関等の事前の変更では、第三者点検ではなく委員会への提出日のやり直しを求める', () => {
  const national = (t: string) => t.replace('評価実施機関名: 青葉川市長', '評価実施機関名: 〇〇大臣');
  const result = compareVersions({ file: 'old.yaml', text: national(fullSampleText) }, { file: 'new.yaml', text: national(significant) }, { today });
  assert.ok(result.ok);
  assert.deepEqual(result.comparison.problems.filter((p) => p.rule === 'pre-change-procedure').map((p) => p.path), ['/評価実施手続/国民・住民等からの意見の聴取/実施日・期間', '/評価実施手続/個人情報保護委員会の承認/提出日']);
});

test('重点項目評価書(意見聴取・第三者点検は任意)には適用しない', () => {
  const text = referenceText.replace('入退室管理を行っている部屋に設置したサーバー内に保管する。', '入退室管理を行っているデータセンターに設置したサーバー内に保管する。');
  assert.notEqual(text, referenceText);
  const result = compareVersions({ file: 'old.yaml', text: referenceText }, { file: 'new.yaml', text }, { today });
  assert.ok(result.ok);
  assert.deepEqual(result.comparison.problems.filter((p) => p.rule === 'pre-change-procedure'), []);
});
