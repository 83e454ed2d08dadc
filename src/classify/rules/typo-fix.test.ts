import { test } from 'node:test';
import assert from 'node:assert/strict';
import { typoFix as rule } from './typo-fix.ts';
import { changeAt, pointers, run } from '../testing.ts';

const text = '統一した設備環境による高レベルのセキュリティ管理、ITリテラシの高い運用担当者によるセキュリティリスクの低減';

test('1か所・1文字の誤字脱字の訂正は事後', () => {
  assert.deepEqual(run(rule, changeAt(pointers.otherMeasures, text, text.replace('リテラシの', 'リテラシーの'))), ['typo/after']);
  assert.deepEqual(run(rule, changeAt(pointers.otherMeasures, text, text.replace('設備環境', '設備還境'))), ['typo/after']);
});

test('否定・内外・数字を変える訂正は誤記と判定しない(「国内」→「国外」、「行う」→「行わない」)', () => {
  assert.deepEqual(run(rule, changeAt(pointers.hokan, '日本国内でデータを保管している。', '日本国外でデータを保管している。')), []);
  assert.deepEqual(run(rule, changeAt(pointers.hokan, '定期的に監査を行うこととしている', '定期的に監査を行わないこととしている')), []);
  assert.deepEqual(run(rule, changeAt(pointers.hokan, '5年間保存し、その後消去する', '3年間保存し、その後消去する')), []);
});

test('2か所の変更、2文字以上の変更(「低減」→「把握」)、短い記載は誤記と判定しない', () => {
  assert.deepEqual(run(rule, changeAt(pointers.otherMeasures, text, text.replace('リテラシの', 'リテラシーの').replace('設備環境', '設備還境'))), []);
  assert.deepEqual(run(rule, changeAt(pointers.otherMeasures, text, text.replace('運用担当者', '運用業者'))), []);
  assert.deepEqual(run(rule, changeAt(pointers.chief, '福祉課長', '福祉係長')), []);
});
