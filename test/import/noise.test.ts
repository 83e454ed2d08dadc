/**
 * Extraction noise on the reference text: 全角/半角 swapped, line breaks inside cells (labels and values), and
 * repeated page headers and footers between form-feed pages. The import must still reach the reference values
 * (≥ 95 %) and invent nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importText } from '../../src/import/import.ts';
import { reference, focusedSchema } from '../helpers.ts';
import { compareAssessments } from './compare.ts';
import { referenceText } from './helpers.ts';

function check(name: string, text: string): void {
  const result = importText(`${name}.txt`, text);
  const c = compareAssessments(reference(), result.data, focusedSchema);
  console.log(`${name}: ${c.equal} / ${c.total} (${((100 * c.equal) / c.total).toFixed(1)} %), invented ${c.invented.length}`);
  for (const m of c.misses.slice(0, 20)) console.log(`  miss ${m.pointer}: ${JSON.stringify(m.source)?.slice(0, 60)} ≠ ${JSON.stringify(m.imported)?.slice(0, 60)}`);
  for (const m of c.invented) console.log(`  invented ${m.pointer}: ${JSON.stringify(m.source)?.slice(0, 60)} → ${JSON.stringify(m.imported)?.slice(0, 60)}`);
  assert.ok(c.equal / c.total >= 0.95);
  assert.deepEqual(c.invented.map((i) => i.pointer), []);
}

test('全角/半角: 番号・括弧・英数字の幅が違っても同じ値になる', () => {
  // Outside the converter's HTML tags (<p>, <input …/>), which are markup, not text.
  const wide = referenceText.replace(/<[^>]*>|[0-9A-Za-z().:]/g, (ch) => (ch.length > 1 ? ch : String.fromCharCode(ch.charCodeAt(0) + 0xfee0)));
  check('width', wide);
});

test('セル内の改行: 項目名と値の途中で行が分かれても読める', () => {
  // Every label cell of 12 or more characters and every value of 40 or more is broken in the middle.
  const broken = referenceText
    .split('\n')
    .map((line) => line.split('\t').map((cell, i) => (cell.length >= (i === 0 ? 12 : 40) && !/[<>]/.test(cell) ? `${cell.slice(0, Math.floor(cell.length / 2))}\n${cell.slice(Math.floor(cell.length / 2))}` : cell)).join('\t'))
    .join('\n');
  check('breaks', broken);
});

test('ページの見出しと番号: 各ページに繰り返される行は値に混ざらない', () => {
  const lines = referenceText.split('\n');
  const pages: string[] = [];
  for (let i = 0, n = 1; i < lines.length; i += 25, n++) pages.push(['越谷市 こども医療費の支給に関する事務 重点項目評価書', ...lines.slice(i, i + 25), `- ${n} -`].join('\n'));
  check('furniture', pages.join('\n\f'));
});

test('見出しが崩れて見つからない項目: その中身を前の値に読み込まず、報告に回す', () => {
  // 「4. 特定個人情報ファイルの取扱いの委託」 misprinted (two characters lost): the item is not found.
  const garbled = referenceText.replace('4. 特定個人情報ファイルの取扱いの委託\t', '4. 特定個人情報ファイル取扱委託\t');
  assert.notEqual(garbled, referenceText);
  const result = importText('garbled.txt', garbled);
  const c = compareAssessments(reference(), result.data, focusedSchema);
  console.log(`garbled heading: ${c.equal} / ${c.total}, invented ${c.invented.length}`);
  for (const m of c.invented) console.log(`  invented ${m.pointer}: ${JSON.stringify(m.imported)?.slice(0, 80)}`);
  assert.deepEqual(c.invented.map((i) => i.pointer), []);
  assert.ok(result.unplaced.some((u) => u.text.includes('4. 特定個人情報ファイル取扱委託')));
});
