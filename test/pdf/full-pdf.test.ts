/** The 全項目評価書 (様式4) sample as PDF: cover, 項目一覧, the sections in the form's order, ※ marks, 別添3. */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { validateFile } from '../../src/validate/validate.ts';
import { pageTexts, renderTo, tempDir } from './helpers.ts';
import { pdfFonts } from '../support/tools.ts';

const sample = 'assessments/aobagawa-juki-full/assessment.yaml';
let file: string;
let pages: string[];

before(async () => {
  const result = validateFile(sample, { today: '2026-11-25' });
  assert.ok(result.renderable);
  file = (await renderTo(tempDir(), result)).file;
  pages = await pageTexts(file);
});

test('表紙は全項目評価書の表題で、承認日【行政機関等のみ】の欄があり、2ページ目の項目一覧は Ⅰ〜Ⅵ と別添1〜3', () => {
  assert.match(pages[0]!, /\[(?:[^\]]* )?様式4\]/);
  assert.match(pages[0]!, /特定個人情報保護評価書\(全項目評価書\)/);
  assert.match(pages[0]!, /個人情報保護委員会 承認日【行政機関等のみ】/);
  const contents = pages[1]!.split('\n').filter((l) => /^(Ⅰ|Ⅱ|Ⅲ|Ⅳ|Ⅴ|Ⅵ|\(別添)/.test(l.trim()));
  assert.deepEqual(contents.map((l) => l.trim()), [
    'Ⅰ 基本情報',
    '(別添1) 事務の内容',
    'Ⅱ 特定個人情報ファイルの概要',
    '(別添2) 特定個人情報ファイル記録項目',
    'Ⅲ 特定個人情報ファイルの取扱いプロセスにおけるリスク対策',
    'Ⅳ その他のリスク対策',
    'Ⅴ 開示請求、問合せ',
    'Ⅵ 評価実施手続',
    '(別添3) 変更箇所',
  ]);
});

test('節は様式の順に新しいページから始まり、Ⅲ は ※(7. リスク1 ⑨を除く。)、Ⅳ は ※ が付く', () => {
  const starts = ['Ⅰ 基本情報', '(別添1) 事務の内容', 'Ⅱ 特定個人情報ファイルの概要', '(別添2) 特定個人情報ファイル記録項目', 'Ⅲ 特定個人情報ファイルの取扱いプロセスにおけるリスク対策 ※(7. リスク1 ⑨を除く。)', 'Ⅳ その他のリスク対策 ※', 'Ⅴ 開示請求、問合せ', 'Ⅵ 評価実施手続', '(別添3) 変更箇所'];
  const at = starts.map((s) => pages.findIndex((p) => p.startsWith(s)));
  assert.ok(at.every((i) => i > 0), JSON.stringify(at));
  assert.deepEqual([...at].sort((a, b) => a - b), at);
  assert.ok(pages.join('\n').includes('②事務の内容 ※'));
});

test('Ⅰ2 はシステムごとに見出し(システム1〜4)、Ⅲ はファイルごとに見出しが付く', () => {
  const text = pages.join('\n');
  for (const n of [1, 2, 3, 4]) assert.match(text, new RegExp(`^システム${n}$`, 'm'));
  assert.match(text, /^特定個人情報ファイル2$/m);
});

test('Ⅵ に意見聴取 ①〜⑤、第三者点検、個人情報保護委員会の承認【行政機関等のみ】が出る', () => {
  const vi = pages.find((p) => p.startsWith('Ⅵ 評価実施手続'))!;
  for (const label of ['①方法', '②実施日・期間', '③期間を短縮する特段の理由', '④主な意見の内容', '⑤評価書への反映', '3. 第三者点検', '4. 個人情報保護委員会の承認【行政機関等のみ】']) assert.ok(vi.includes(label), label);
  assert.match(vi, /令和7年11月4日から令和7年12月3日まで/);
});

test('フォントはすべて埋め込まれ、サブセット化されている', async () => {
  const fonts = await pdfFonts(file);
  assert.ok(fonts.length > 0);
  for (const font of fonts) assert.deepEqual([font.embedded, font.subset], [true, true], font.name);
});
