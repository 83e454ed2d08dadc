/**
 * The tagged PDF, read back with poppler (pdfinfo -struct / -struct-text / -meta), or the npm route when poppler is
 * not installed (helpers.ts says which), and by scanning the page content streams: a real structure tree (headings, tables with header cells, lists), language, title,
 * page furniture as artifacts, PDF/A-3 and PDF/UA identification in the XMP metadata.
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ValidationResult } from '../../src/validate/validate.ts';
import { xmpDescriptions } from '../../src/render/pdf/metadata.ts';
import { pageContents, scanMarkedContent } from './content.ts';
import { assertWellFormedXml, checkPdfSyntax, elements, pageTexts, reference, referenceVariant, renderTo, run, structTree, tempDir, textOf, type StructNode } from './helpers.ts';

let result: ValidationResult;
let pdf: { file: string; bytes: Uint8Array; sha256: string };
let tree: StructNode;
let all: StructNode[];

before(async () => {
  result = reference();
  pdf = await renderTo(tempDir(), result);
  tree = structTree(pdf.file);
  all = elements(tree);
});

const squash = (s: string) => s.replace(/\s+/g, '');
const ofType = (type: string) => all.filter((e) => e.type === type);

test('pdfinfo: PDF 1.7、タグ付き、XMP メタデータあり、疑わしいタグなし', () => {
  const info = run('pdfinfo', [pdf.file]);
  assert.match(info, /^PDF version:\s+1\.7$/m);
  assert.match(info, /^Tagged:\s+yes$/m);
  assert.match(info, /^Metadata Stream:\s+yes$/m);
  assert.match(info, /^Suspects:\s+no$/m);
  const raw = Buffer.from(pdf.bytes).toString('latin1');
  assert.match(raw, /\/Lang \(ja-JP\)/, 'catalog /Lang');
  assert.match(raw, /\/DisplayDocTitle true/, 'viewer shows the title, not the file name');
  assert.match(raw, /\/MarkInfo \d+ 0 R/);
});

test('構造木: Document の下に表紙・項目一覧・各節が Sect として並び、見出しは H1 が1つで段を飛ばさない', () => {
  assert.equal(tree.children.length, 1);
  assert.equal(tree.children[0]!.type, 'Document');
  const sections = tree.children[0]!.children;
  assert.ok(sections.every((s) => s.type === 'Sect'), sections.map((s) => s.type).join());
  assert.equal(sections.length, 2 + 7, 'cover, 項目一覧, Ⅰ–Ⅴ, 別添1, 別添2');
  const headings = all.filter((e) => /^H[1-6]$/.test(e.type));
  assert.equal(ofType('H1').length, 1);
  assert.equal(textOf(ofType('H1')[0]!), '特定個人情報保護評価書(重点項目評価書)');
  assert.deepEqual(ofType('H2').map(textOf), ['項目一覧', 'Ⅰ 基本情報', 'Ⅱ 特定個人情報ファイルの概要', '(別添1) 特定個人情報ファイル記録項目', 'Ⅲ リスク対策 ※(7. ②を除く。)', 'Ⅳ 開示請求、問合せ', 'Ⅴ 評価実施手続', '(別添2) 変更箇所']);
  let last = 0;
  for (const h of headings) {
    const level = Number(h.type.slice(1));
    assert.ok(level <= last + 1, `${h.type} 「${textOf(h)}」 follows H${last}`);
    last = level;
  }
  assert.ok(ofType('H3').map(textOf).includes('4. 特定個人情報ファイルの取扱いの委託'));
  assert.ok(ofType('H4').map(textOf).includes('④使用の主体'));
});

test('表: Table の子は TR、TR の子は TH/TD。項目名は行見出し(Scope Row)、変更箇所の列名は列見出し(Scope Column)', () => {
  const tables = ofType('Table');
  assert.ok(tables.length > 30, `tables: ${tables.length}`);
  for (const table of tables) {
    assert.ok(table.children.length > 0 && table.children.every((r) => r.type === 'TR'), 'Table › TR');
    for (const row of table.children) assert.ok(row.children.length > 0 && row.children.every((c) => c.type === 'TH' || c.type === 'TD'), 'TR › TH|TD');
  }
  for (const th of ofType('TH')) assert.ok(['/Row', '/Column'].includes(th.attributes.Scope ?? ''), `TH ${textOf(th)} has a Scope`);
  const label = ofType('TH').find((th) => textOf(th) === '3. 特定個人情報ファイル名')!;
  assert.equal(label.attributes.Scope, '/Row');
  const changes = tables.at(-1)!;
  assert.deepEqual(changes.children[0]!.children.map((c) => [c.type, c.attributes.Scope, textOf(c)]), [
    ['TH', '/Column', '変更日'],
    ['TH', '/Column', '項目'],
    ['TH', '/Column', '変更前の記載'],
    ['TH', '/Column', '変更後の記載'],
    ['TH', '/Column', '提出時期'],
    ['TH', '/Column', '提出時期に係る説明'],
  ]);
  const row = label.attributes.Scope && tables.flatMap((t) => t.children).find((r) => r.children.some((c) => c === label))!;
  assert.equal(textOf((row as StructNode).children[1]!), 'こども医療費受給資格管理ファイル');
});

test('リスト: チェック欄・項目一覧・記録項目は L › LI › LBody で、チェック欄1つが1項目', () => {
  const lists = ofType('L');
  for (const list of lists) {
    assert.ok(list.children.every((li) => li.type === 'LI'), 'L › LI');
    for (const li of list.children) assert.deepEqual(li.children.map((c) => c.type), ['LBody']);
  }
  const items = lists.map((l) => l.children.map((li) => squash(textOf(li))));
  assert.ok(items.some((l) => l.length === 8 && l[0] === '[？]紙[不明]' && l[2] === '[]フラッシュメモリ'), '入手方法: 8 boxes, one item each');
  assert.ok(items.some((l) => l.length === 7 && l[0] === 'Ⅰ基本情報'), '項目一覧');
  assert.ok(items.some((l) => l.length === 36 && l[0] === '1.請求年月'), '別添1 レセプト詳細履歴 (36 items)');
});

test('評価書のすべての記載が構造木のテキストに論理順で現れる(ページをまたいだ記載も1つの要素)', () => {
  const text = squash(textOf(tree));
  for (const value of ['越谷市長', '令和8年3月30日', 'こども医療費受給資格管理ファイル', '株式会社アイネス', '福祉総合システムの保守運用業務委託']) {
    assert.ok(text.includes(value), value);
  }
  const order = ['評価書番号', 'Ⅰ基本情報', 'Ⅱ特定個人情報ファイルの概要', '(別添1)', 'Ⅲリスク対策', 'Ⅳ開示請求、問合せ', 'Ⅴ評価実施手続', '(別添2)変更箇所'].map((s) => text.indexOf(s));
  assert.ok(order.every((p, i) => p >= 0 && (i === 0 || p > order[i - 1]!)), `order ${order}`);
  // Everything on the pages except the footer and repeated header rows is in the tree.
  const onPages = squash(pageTexts(pdf.file).join(''));
  for (const ch of new Set(onPages)) assert.ok(text.includes(ch), `character ${ch} is drawn but not in the tree`);
});

test('ページ下部(評価書名・ハッシュ・ページ番号)と改ページで繰り返す見出し行は Artifact で、構造木に入らない', () => {
  const text = textOf(tree);
  assert.ok(!text.includes(`SHA-256 ${pdf.sha256.slice(0, 12)}`));
  assert.ok(!/\d+ \/ 13/.test(text));
  // A group that continues on the next page repeats its heading row there: drawn twice, tagged once.
  const pages = pageTexts(pdf.file);
  const headings = all.filter((e) => /^H[3-6]$/.test(e.type)).map(textOf);
  const repeats = pages.slice(1).map((p) => p.split('\n')[0]!).filter((first, i) => headings.includes(first) && pages[i]!.split('\n').includes(first));
  assert.ok(repeats.length >= 1, 'the reference has a group continuing on a new page');
  for (const heading of repeats) {
    const drawn = pages.join('\n').split('\n').filter((l) => l === heading).length;
    assert.ok(headings.filter((h) => h === heading).length < drawn, `${heading}: drawn ${drawn}×, a repeat is an artifact`);
  }
  // The 別添2 header row repeats on its second page, as artifacts.
  assert.equal(ofType('TH').filter((th) => textOf(th) === '変更日').length, 1);
});

test('各ページの描画はすべて構造要素か Artifact の marked content の中にあり、入れ子にならず閉じている', () => {
  const pages = pageContents(pdf.bytes);
  assert.equal(pages.length, 13);
  pages.forEach((content, i) => {
    const scan = scanMarkedContent(content);
    assert.deepEqual(scan.unmarked, [], `page ${i + 1}: drawing outside marked content`);
    assert.ok(scan.balanced, `page ${i + 1}: BDC/EMC balanced`);
    assert.equal(scan.nested, 0, `page ${i + 1}: no nested marked content`);
    assert.ok((scan.tags.Artifact ?? 0) > 0, `page ${i + 1}: has artifacts (footer, borders)`);
  });
  const raw = Buffer.from(pdf.bytes).toString('latin1');
  assert.match(pages[0]!, /\/Artifact <<\s*\/Type \/Pagination \/Subtype \/Footer\s*>> BDC/);
  assert.ok(!raw.includes('/Suspects true'));
});

test('XMP: PDF/A-3a と PDF/UA-1 の識別、文書情報と同じ題名・作成日・更新日・作成ツール・キーワード', async () => {
  const xmp = run('pdfinfo', ['-meta', pdf.file]);
  await assertWellFormedXml(xmp);
  assert.match(xmp, /<pdfaid:part>3<\/pdfaid:part>\s*<pdfaid:conformance>A<\/pdfaid:conformance>/);
  assert.match(xmp, /<pdfuaid:part>1<\/pdfuaid:part>/);
  assert.match(xmp, /<pdfaSchema:prefix>pdfuaid<\/pdfaSchema:prefix>/, 'pdfuaid declared by an extension schema (PDF/A)');
  assert.match(xmp, /<dc:title><rdf:Alt><rdf:li xml:lang="x-default">こども医療費の支給に関する事務 重点項目評価書<\/rdf:li>/);
  assert.match(xmp, /<xmp:CreateDate>2026-03-29T15:00:00Z<\/xmp:CreateDate><xmp:ModifyDate>2026-03-29T15:00:00Z<\/xmp:ModifyDate><xmp:CreatorTool>pia<\/xmp:CreatorTool>/);
  assert.match(xmp, new RegExp(`<pdf:Keywords>sha256:${pdf.sha256}</pdf:Keywords>`));
  const raw = Buffer.from(pdf.bytes).toString('latin1');
  assert.match(raw, /\/OutputIntents \[\d+ 0 R\]/, 'sRGB output intent');
  assert.match(raw, /\/AFRelationship \/Source/, 'the attached JSON is the source (PDF/A-3 associated file)');
  assert.match(raw, /\/AF \[\d+ 0 R\]/);
});

test('XMP の値は XML としてエスケープされる(評価書名に & や < があっても壊れない)', async () => {
  const xml = xmpDescriptions({ Title: 'A&B <事務>', CreationDate: new Date('2026-03-29T15:00:00Z') }, 'ja-JP');
  assert.match(xml, /A&amp;B &lt;事務&gt;/);
  await assertWellFormedXml(`<r xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">${xml}</r>`);
  await assert.rejects(assertWellFormedXml('<r><a></r>'), 'the XML check rejects a broken document');
});

test('構文・ストリームの誤りがない(qpdf --check、qpdf がなければ pdf-lib で全オブジェクトを読み zlib で全ストリームを展開)', async (t) => {
  const { tool, problems } = await checkPdfSyntax(pdf.file);
  t.diagnostic(`checked with ${tool}`);
  assert.deepEqual(problems, []);
  // The check really constrains: an object whose dictionary and endobj are broken is found (by qpdf as a warning,
  // by pdf-lib as an invalid object).
  const damaged = Buffer.from(pdf.bytes);
  const object = damaged.indexOf(' 0 obj');
  damaged.write('endxxx', damaged.indexOf('endobj', object), 'latin1');
  damaged.write(')>', damaged.indexOf('>>', object), 'latin1');
  const file = path.join(tempDir(), 'damaged.pdf');
  writeFileSync(file, damaged);
  assert.notDeepEqual((await checkPdfSyntax(file)).problems, []);
});

test('評価書名に & を含んでも PDF の XMP は整形式', async () => {
  const variant = referenceVariant('variant-amp', (t) => t.replace('評価書名: こども医療費の支給に関する事務 重点項目評価書', '評価書名: こども医療費 & 子育て <支援> 重点項目評価書'));
  const rendered = await renderTo(tempDir(), variant);
  const xmp = run('pdfinfo', ['-meta', rendered.file]);
  await assertWellFormedXml(xmp);
  assert.match(xmp, /こども医療費 &amp; 子育て &lt;支援&gt; 重点項目評価書/);
});

test('提出用の版の各ページ上部の表示(banner)は Pagination/Header の Artifact で、構造木に入らない', async () => {
  const { renderAssessment } = await import('../../src/render/pdf/write.ts');
  const rendered = await renderAssessment(result, { banner: '提出用(非公表の部分を含む全文)' });
  const file = path.join(tempDir(), 'banner.pdf');
  writeFileSync(file, rendered.bytes);
  const pages = pageContents(rendered.bytes);
  assert.ok(pages.every((p) => /\/Artifact <<\s*\/Type \/Pagination \/Subtype \/Header\s*>> BDC/.test(p)), 'a header artifact on every page');
  assert.ok(pages.every((p) => scanMarkedContent(p).unmarked.length === 0 && !('undefined' in scanMarkedContent(p).tags)));
  assert.ok(!textOf(structTree(file)).includes('提出用'));
  assert.ok(run('pdftotext', ['-enc', 'UTF-8', file, '-']).includes('提出用(非公表の部分を含む全文)'));
});
