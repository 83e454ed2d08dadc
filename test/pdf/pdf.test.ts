/**
 * The PDF of the reference assessment, read back with poppler-utils (pdftotext, pdffonts, pdfinfo, pdfdetach, pdftoppm),
 * or their npm route when poppler is not installed (helpers.ts says which).
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { canonicalJson, toCanonical } from '../../src/model/canonical.ts';
import { formatWareki, parseDate } from '../../src/model/wareki.ts';
import { stringify } from 'yaml';
import { resolveRef, walkData } from '../../src/schema/walk.ts';
import type { JsonSchema } from '../../src/schema/registry.ts';
import { buildDocDefinition } from '../../src/render/pdf/doc-definition.ts';
import { validateFile, validateText, type ValidationResult } from '../../src/validate/validate.ts';
import { decodeGreyPng, differingShare } from './png.ts';
import { elements, goldenDir, imageGoldenDir, pageTexts, reference, referenceFile, referenceVariant, renderTo, run, structTree, tempDir, textOf, updateGolden, type StructNode } from './helpers.ts';

let dir: string;
let result: ValidationResult;
let pdf: { file: string; bytes: Uint8Array; sha256: string };
let pages: string[];

before(async () => {
  dir = tempDir();
  result = reference();
  pdf = await renderTo(dir, result);
  pages = pageTexts(pdf.file);
});

/** Every value of the assessment as the PDF prints it, in the form's order (dates in 和暦). */
function printedValues(data: Record<string, unknown>, result: ValidationResult): string[] {
  const values: string[] = [];
  const hidden: string[] = [];
  walkData(result.form!.schema, toCanonical(data, result.form!.schema), (pointer, value, schema, _parent, key) => {
    if (schema['x-render'] === 'hidden' || key === 'ID') hidden.push(pointer);
    if (hidden.some((h) => pointer === h || pointer.startsWith(`${h}/`))) return;
    if (typeof value === 'number') values.push(String(value));
    if (typeof value !== 'string') return;
    const parsed = schema['x-render'] === 'date' ? parseDate(value) : undefined;
    values.push(parsed?.ok ? formatWareki(parsed.iso) : value);
  });
  return values;
}

const squash = (s: string) => s.replace(/\s+/g, '');

test('参考評価書のすべての記載が PDF のテキストに読み順どおりに現れる', () => {
  const text = squash(pages.join('\n'));
  const values = printedValues(result.data!, result);
  assert.ok(values.length > 300, `expected the reference's values, got ${values.length}`);
  let position = 0;
  for (const value of values) {
    const found = text.indexOf(squash(value), position);
    assert.ok(found >= 0, `not found after position ${position}: ${value.slice(0, 60)}`);
    position = found;
  }
});

test('フォントはすべて埋め込まれ、サブセット化されている', () => {
  const rows = run('pdffonts', [pdf.file]).split('\n').slice(2).filter((l) => l.trim() !== '');
  assert.ok(rows.some((r) => r.includes('BIZUDPGothic-Regular')), 'BIZ UDPゴシック is used');
  for (const row of rows) {
    const [, , , emb, sub, uni] = row.trim().split(/\s+/).slice(-8);
    assert.deepEqual([emb, sub, uni], ['yes', 'yes', 'yes'], row);
  }
});

test('文書情報に評価書名・様式名・作成者・言語 ja-JP と原本の SHA-256 が入る', () => {
  const info = run('pdfinfo', [pdf.file]);
  assert.match(info, /^Title:\s+こども医療費の支給に関する事務 重点項目評価書$/m);
  assert.match(info, /^Subject:\s+特定個人情報保護評価書\(重点項目評価書\)$/m);
  assert.match(info, /^Creator:\s+pia$/m);
  assert.match(info, new RegExp(`^Keywords:\\s+sha256:${pdf.sha256}$`, 'm'));
  assert.match(info, /^Page size:\s+595.28 x 841.89 pts \(A4\)$/m);
  assert.match(run('pdfinfo', ['-custom', pdf.file]), new RegExp(`^SourceSHA256:\\s+${pdf.sha256}$`, 'm'));
  assert.ok(Buffer.from(pdf.bytes).toString('latin1').includes('/Lang (ja-JP)'), 'catalog /Lang (ja-JP)');
});

test('添付された原本 JSON は正規形 JSON と一致し、その SHA-256 が文書情報の値と一致する', () => {
  const out = tempDir();
  run('pdfdetach', ['-saveall', '-o', out, pdf.file]);
  assert.deepEqual(readdirSync(out), ['koshigaya-48-kodomo-iryohi.json']);
  const attached = readFileSync(path.join(out, 'koshigaya-48-kodomo-iryohi.json'));
  const canonical = canonicalJson(result.data!, result.form!.schema);
  assert.equal(attached.toString('utf8'), canonical.json);
  assert.equal(createHash('sha256').update(attached).digest('hex'), pdf.sha256);
  assert.equal(pdf.sha256, canonical.sha256);
});

test('同じ評価書からはバイト単位で同じ PDF ができる(作成日は公表日)', async () => {
  const again = await renderTo(tempDir(), reference());
  assert.ok(Buffer.from(again.bytes).equals(Buffer.from(pdf.bytes)), 'PDF bytes differ between two renders');
  assert.match(run('pdfinfo', [pdf.file]), /^CreationDate:\s+Sun Mar 29 15:00:00 2026 UTC$/m);
});

test('各ページの下部に評価書名、原本の短いハッシュ、ページ番号 n / N がある', () => {
  const raw = run('pdftotext', ['-enc', 'UTF-8', pdf.file, '-']).split('\f').filter((p) => p.trim() !== '');
  raw.forEach((page, i) => {
    assert.ok(page.includes(`SHA-256 ${pdf.sha256.slice(0, 12)}`), `page ${i + 1}: short hash`);
    assert.ok(page.includes(`${i + 1} / ${raw.length}`), `page ${i + 1}: page number`);
    assert.ok(page.includes('こども医療費の支給に関する事務 重点項目評価書'), `page ${i + 1}: title`);
  });
});

test('表紙に評価書番号・評価書名・宣言・特記事項・評価実施機関名・和暦の公表日があり、2ページ目が項目一覧', () => {
  for (const label of ['評価書番号', '評価書名', '個人のプライバシー等の権利利益の保護の宣言', '特記事項', '評価実施機関名', '公表日', '令和8年3月30日', '越谷市長']) {
    assert.ok(pages[0]!.includes(label), label);
  }
  assert.match(pages[1]!, /^項目一覧/);
  const order = ['Ⅰ 基本情報', 'Ⅱ 特定個人情報ファイルの概要', '(別添1) 特定個人情報ファイル記録項目', 'Ⅲ リスク対策', 'Ⅳ 開示請求、問合せ', 'Ⅴ 評価実施手続', '(別添2) 変更箇所'];
  const positions = order.map((label) => pages[1]!.indexOf(label));
  assert.ok(positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1]!)), `項目一覧 order: ${positions}`);
});

test('選択肢は選んだ値を [ ] で示し、続けて <選択肢> 1) 2) … を様式どおりに示す', () => {
  const text = pages.join(' ').replace(/\s+/g, ' ');
  assert.ok(text.includes('[ 十分である ] <選択肢> 1) 特に力を入れている 2) 十分である 3) 課題が残されている'));
  assert.ok(text.includes('[ 委託する ] ( ) 件 <選択肢> 1) 委託する 2) 委託しない'), 'the blank 委託件数 follows the selection inline');
});

test('委託件数は「( )件」の行ではなく、委託の有無の選択に続けて「( 1 ) 件」と示す', async () => {
  const variant = referenceVariant('variant-count', (t) => t.replace('委託件数: null', '委託件数: 1'));
  const rendered = await renderTo(tempDir(), variant);
  const text = pageTexts(rendered.file).join('\n');
  assert.match(text, /^委託の有無 ※ \[ 委託する \]\s+\( 1 \) 件$/m);
  assert.ok(!text.includes('( )件'), 'no row labelled ( )件');
});

test('チェック欄: 選択は [○]、非選択は [　]、状態不明は [？] と [不明] で区別して示す', () => {
  const text = pages.join('\n');
  assert.match(text, /\[○\] 自己点検/);
  assert.match(text, /\[○\] 外部監査/);
  assert.match(text, /\[？\] 内部監査 \[不明\]/);
  assert.match(text, /\[\s+\] フラッシュメモリ/);
  assert.match(text, /\[？\] 行政機関・独立行政法人等 \(デジタル庁\) \[不明\]/);
});

test('Ⅲ の見出しに ※ と除外項目「(7. ②を除く。)」が様式の注釈から付く', () => {
  assert.ok(pages.some((p) => p.startsWith('Ⅲ リスク対策 ※(7. ②を除く。)')));
  assert.ok(pages.join('\n').includes('①入手元 ※'));
});

test('記載のない項目は「（未記載）」と示し、抽出で失われた Ⅰ1・Ⅲ4 などが空白にならない', () => {
  const text = pages.join('\n');
  assert.match(text, /1\. 特定個人情報ファイルを取り扱う事\s*務\s*（未記載）/);
  assert.match(text, /4\. 特定個人情報ファイルの取扱いの\s*委託\s*（未記載）/);
});

test('(別添2) 変更箇所は6列で、表の見出し行を別添2のすべてのページに繰り返す', () => {
  const first = pages.findIndex((p) => p.startsWith('(別添2) 変更箇所'));
  assert.ok(first > 0);
  assert.ok(pages.length - first >= 2, 'the reference 変更箇所 spans at least two pages');
  for (const page of pages.slice(first)) {
    const header = ['変更日', '項目', '変更前の記載', '変更後の記載', '提出時期', '提出時期に係る'];
    const positions = header.map((h) => page.indexOf(h));
    assert.ok(positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1]!)), `header on page: ${positions}`);
  }
});

test('𠮷 や ☑ のように本文フォントにない文字も代替フォントで描かれ、テキストとして取り出せる', async () => {
  const variant = referenceVariant('variant-glyphs', (t) => t.replace('評価実施機関名: 越谷市長', '評価実施機関名: 𠮷田市長 ☑'));
  const rendered = await renderTo(tempDir(), variant);
  assert.ok(run('pdftotext', ['-enc', 'UTF-8', '-l', '1', rendered.file, '-']).includes('𠮷田市長 ☑'));
  const fonts = run('pdffonts', [rendered.file]);
  assert.match(fonts, /NotoSansJP-Regular/);
  assert.match(fonts, /NotoSansSymbols2-Regular/);
});

/** The value cell (TD) of the row whose header cell (TH) reads `label`. */
function valueCell(tree: StructNode, label: string): StructNode | undefined {
  const row = elements(tree).find((e) => e.type === 'TR' && e.children[0]?.type === 'TH' && textOf(e.children[0]) === label);
  return row?.children[1];
}

test('（未記載）は様式が必須とする項目がないときだけ: 任意の項目がなければ様式どおり空欄、null も空欄', () => {
  const tree = structTree(pdf.file);
  // 7. 他の評価実施機関 is null in the reference; 2. …使用するシステム is absent and optional.
  assert.equal(textOf(valueCell(tree, '7. 他の評価実施機関')!), '');
  assert.equal(textOf(valueCell(tree, '2. 特定個人情報ファイルを取り扱う事務において使用するシステム')!), '');
  assert.equal(textOf(valueCell(tree, '1. 特定個人情報ファイルを取り扱う事務')!), '（未記載）', 'Ⅰ1 is required');
  // Exactly the required items the validator reports missing print （未記載）.
  const required = validateFile(referenceFile, { today: '2026-11-25', strict: true }).diagnostics.filter((d) => d.rule === 'schema-required');
  const printed = run('pdftotext', ['-enc', 'UTF-8', pdf.file, '-']).split('（未記載）').length - 1;
  assert.equal(printed, required.length, required.map((d) => d.message).join('\n'));
});

test('--strict で誤りのない評価書は「（未記載）」を1つも印字しない(任意のチェック欄・項目の省略は空欄)', async () => {
  // The reference made complete: unknown checkboxes read as not checked, missing required items filled in
  // from the schema; optional items stay absent.
  const data = completed(result.form!.schema, structuredClone(result.data!)) as Record<string, unknown>;
  const strict = validateText('assessments/complete/assessment.yaml', stringify(data), { today: '2026-11-25', strict: true });
  const blocking = strict.diagnostics.filter((d) => d.rule === 'schema-required' || d.rule === 'unknown-checkbox' || d.rule.startsWith('schema'));
  assert.deepEqual(blocking.map((d) => d.message), []);
  const rendered = await renderTo(tempDir(), strict);
  const text = run('pdftotext', ['-enc', 'UTF-8', rendered.file, '-']);
  assert.ok(!text.includes('（未記載）'), 'no （未記載）');
  assert.ok(!text.includes('[不明]'));
  assert.match(text, /\[\s+\] フラッシュメモリ/, 'an optional checkbox prints unchecked');
});

/** Fills every missing required item with a schema-valid value and turns 不明 into false (test data only). */
function completed(root: JsonSchema, value: unknown, schema: JsonSchema = root): unknown {
  const s = resolveRef(root, schema);
  if (value === '不明') return false;
  if (Array.isArray(value)) return s.items ? value.map((v) => completed(root, v, s.items!)) : value;
  if (typeof value !== 'object' || value === null) return value;
  const object = value as Record<string, unknown>;
  for (const [key, sub] of Object.entries(s.properties ?? {})) {
    if (key in object) object[key] = completed(root, object[key], sub);
    else if ((s.required ?? []).includes(key)) object[key] = sample(root, sub);
  }
  return object;
}

function sample(root: JsonSchema, schema: JsonSchema): unknown {
  const s = resolveRef(root, schema);
  if (s.enum) return s.enum.find((v) => v !== null);
  const types = ([] as string[]).concat((s.type as string | string[] | undefined) ?? []);
  if (types.includes('object') || s.properties) return completed(root, {}, s);
  if (types.includes('array')) return [];
  if (types.includes('boolean')) return false;
  if (types.includes('integer') || types.includes('number')) return 0;
  return '記載あり';
}

/** Golden images: pdftoppm PNG at 50 dpi against the committed PNG; a few differing pixels are tolerated. */
const goldenPages = [
  ['cover', 1, '表紙'],
  ['table', 4, 'Ⅱ の表のページ(チェック欄を横に並べる)'],
  ['continued', 7, '別添1 の続きのページ(群の見出し行を繰り返す)'],
] as const;
for (const [name, page, label] of goldenPages) {
  test(`${label}の画像が基準画像とほぼ一致する(UPDATE_GOLDEN=1 で更新)`, () => {
    const out = path.join(tempDir(), name);
    run('pdftoppm', ['-r', '50', '-gray', '-png', '-singlefile', '-f', String(page), '-l', String(page), pdf.file, out]);
    const actual = readFileSync(`${out}.png`);
    const golden = path.join(imageGoldenDir, `${name}.png`);
    if (updateGolden || !existsSync(golden)) {
      assert.ok(updateGolden, `golden ${golden} is missing: run with UPDATE_GOLDEN=1`);
      writeFileSync(golden, actual);
    }
    const share = differingShare(decodeGreyPng(actual), decodeGreyPng(readFileSync(golden)));
    assert.ok(share <= 0.002, `${(share * 100).toFixed(2)}% of pixels differ from ${golden}`);
  });
}

test('docDefinition が基準の JSON と一致する(UPDATE_GOLDEN=1 で更新)', () => {
  const dd = buildDocDefinition({ data: result.data!, schema: result.form!.schema, canonical: canonicalJson(result.data!, result.form!.schema), slug: 'koshigaya-48-kodomo-iryohi' });
  const files = Object.fromEntries(Object.entries(dd.files).map(([k, f]) => [k, { ...f, src: `<${String(f.src).length} characters>` }]));
  const actual = JSON.stringify({ ...dd, files }, null, 1) + '\n';
  const golden = path.join(goldenDir, 'koshigaya-48-kodomo-iryohi.docdef.json');
  if (updateGolden) writeFileSync(golden, actual);
  assert.equal(actual, readFileSync(golden, 'utf8'));
});

test('1ページに収まらない長い記載は行の途中でページを分け、途切れずに続ける', async () => {
  const long = Array.from({ length: 120 }, (_, i) => `第${i + 1}項 長い記載の行です。保管場所の説明が続きます。`).join('');
  const variant = referenceVariant('variant-long', (t) => t.replace('使用目的: 越谷市子ども医療費支給', `使用目的: ${long}越谷市子ども医療費支給`));
  const rendered = await renderTo(tempDir(), variant);
  // The structure tree holds the value as one cell (the drawn text has the repeated group heading between pages).
  const cell = valueCell(structTree(rendered.file), '③使用目的 ※');
  assert.ok(squash(textOf(cell!)).startsWith(squash(`${long}越谷市子ども医療費支給`)), 'the long value is complete and in order');
  const variantPages = pageTexts(rendered.file);
  const first = variantPages.findIndex((p) => p.includes('第1項 長い'));
  const last = variantPages.findIndex((p) => p.includes('第120項 長い'));
  assert.ok(first >= 0 && last > first, `the value starts on page ${first + 1} and continues on page ${last + 1}`);
});

test('見出し行はページの最後に取り残されず、最初の行と同じページに置かれる', () => {
  const headings = new Set(elements(structTree(pdf.file)).filter((e) => /^H[3-6]$/.test(e.type)).map(textOf));
  assert.ok(headings.has('④使用の主体') && headings.size > 10, `headings found: ${headings.size}`);
  pages.slice(0, -1).forEach((page, i) => {
    const last = page.split('\n').at(-1)!;
    assert.ok(!headings.has(last.trim()), `page ${i + 1} ends with the heading ${last}`);
  });
});

test('特定個人情報ファイルが複数あるときは、ファイルごとに x-repeat の見出し「特定個人情報ファイル1」「…2」を付ける', async () => {
  const data = structuredClone(result.data!) as Record<string, unknown>;
  for (const key of ['特定個人情報ファイルの概要', '特定個人情報ファイル記録項目']) {
    const list = data[key] as Record<string, unknown>[];
    list.push({ ...structuredClone(list[0]!), ID: 'second-file' });
  }
  const risks = (data['リスク対策'] as Record<string, unknown>)['特定個人情報ファイル'] as Record<string, unknown>[];
  risks.push({ ...structuredClone(risks[0]!), ID: 'second-file', 特定個人情報ファイル名: '第二のファイル' });
  const { renderData } = await import('../../src/render/pdf/write.ts');
  const rendered = await renderData('assessments/two-files/assessment.yaml', data, result.form!.schema);
  const file = path.join(tempDir(), 'two-files.pdf');
  writeFileSync(file, rendered.bytes);
  const text = pageTexts(file).join('\n');
  // Ⅱ, 別添1 and Ⅲ each name both files (as headings of the structure tree; a page may repeat one).
  const headings = elements(structTree(file)).filter((e) => /^H\d$/.test(e.type)).map(textOf).filter((h) => /^特定個人情報ファイル\d$/.test(h));
  assert.deepEqual(headings, ['特定個人情報ファイル1', '特定個人情報ファイル2', '特定個人情報ファイル1', '特定個人情報ファイル2', '特定個人情報ファイル1', '特定個人情報ファイル2']);
  assert.ok(text.includes('1. 特定個人情報ファイル名 第二のファイル'));
});

test('参考評価書のすべての文字は、埋め込むフォント(本文と代替)のどれかで描ける', async () => {
  const { uncoveredCharacters } = await import('../../src/render/pdf/fonts.ts');
  assert.deepEqual(uncoveredCharacters(readFileSync('assessments/koshigaya-48-kodomo-iryohi/assessment.yaml', 'utf8')), []);
  assert.deepEqual(uncoveredCharacters('𠮷☑😀'), ['😀']);
});
