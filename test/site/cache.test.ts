/**
 * Content-addressed rebuilds (src/site/store.ts, build-site.ts, search-parts.ts): a rebuild renders only the 評価書
 * that changed and indexes only the search parts that hold them; nothing changed and the site intact is a no-op;
 * a store entry whose file was changed or removed is rendered again, never served; the pages that list every
 * 評価書 are right after a change, a deletion and a rename; and the browser's search, merging the parts with
 * pagefind's mergeIndex, finds a 評価書 of the first part and one of the last.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSite, type SiteOptions } from '../../src/site/build-site.ts';
import { partCount, partOf } from '../../src/site/search-parts.ts';
import { writeAssessments } from './generate.ts';
import { indexedContent } from './search-fragments.ts';
import { serve } from './serve.ts';
import { launchChromium } from '../support/tools.ts';

let tmp: string;
let options: SiteOptions & { assessmentsDir: string; outDir: string; cacheDir: string };
let files: string[];
const partPages = 2;
const count = 6;

/** A word only this variant's page holds (pagefind indexes ASCII words whole). */
const marker = (n: number) => ['', 'kawasemi', 'tsubame', 'hibari', 'mozu', 'uguisu', 'kijibato'][n]!;

before(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'pia-site-cache-'));
  files = writeAssessments(path.join(tmp, 'assessments'), count, { withReference: false });
  files.forEach((file, i) => writeFileSync(file, readFileSync(file, 'utf8').replace('対応方法: 受付票', `対応方法: ${marker(i + 1)} 受付票`)));
  options = { assessmentsDir: path.join(tmp, 'assessments'), outDir: path.join(tmp, 'dist'), pdfDir: path.join(tmp, 'pdf'), cacheDir: path.join(tmp, 'cache'), searchPartPages: partPages };
});

after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const read = (rel: string) => readFileSync(path.join(options.outDir, rel), 'utf8');
const parts = () => (JSON.parse(read('pagefind-parts/parts.json')) as { parts: { id: string; bundle: string; pages: number }[] }).parts;

/** The page store's folder of a 評価書 (its unit records the slug). */
function storedPage(slug: string): string {
  const root = path.join(options.cacheDir, 'pia-pages');
  const found = readdirSync(root).filter((key) => (JSON.parse(readFileSync(path.join(root, key, '.pia-unit.json'), 'utf8')) as { meta: { slug: string } }).meta.slug === slug);
  assert.equal(found.length, 1, `one stored page for ${slug}`);
  return path.join(root, found[0]!);
}

test('初回は全部を作り、何も変えない再作成は何もしない(前回のサイトをそのまま残す)', async () => {
  const cold = await buildSite(options);
  assert.deepEqual({ noop: cold.reuse.noop, rendered: cold.reuse.rendered, reused: cold.reuse.reused }, { noop: false, rendered: count, reused: 0 });
  assert.equal(cold.reuse.searchBuilt, cold.reuse.searchParts);
  const listed = parts();
  assert.ok(listed.length >= 2, `several parts (${listed.length})`);
  assert.equal(listed.reduce((n, p) => n + p.pages, 0), count, 'every 評価書 page is in exactly one part');
  assert.ok(listed.every((p) => p.pages <= partPages * 2));
  const before = read('variant-0001/index.html');

  const again = await buildSite(options);
  assert.equal(again.reuse.noop, true);
  assert.equal(again.reuse.reused, count);
  assert.equal(again.pages, cold.pages);
  assert.equal(read('variant-0001/index.html'), before);
});

test('1件を変えた再作成は、その評価書のページとその検索の部分だけを作り直す', async () => {
  writeFileSync(files[0]!, readFileSync(files[0]!, 'utf8').replace('試験用の事務1 重点項目評価書', '改めた事務 重点項目評価書'));
  const result = await buildSite(options);
  assert.deepEqual({ noop: result.reuse.noop, rendered: result.reuse.rendered, reused: result.reuse.reused, searchBuilt: result.reuse.searchBuilt }, { noop: false, rendered: 1, reused: count - 1, searchBuilt: 1 });
  assert.equal(result.reuse.searchReused, result.reuse.searchParts - 1);
  assert.match(read('variant-0001/index.html'), /改めた事務 重点項目評価書/);
  assert.match(read('variant-0001/variant-0001.json'), /改めた事務/);
  assert.match(read('index.html'), /改めた事務 重点項目評価書/);
  assert.match(read('variant-0002/index.html'), /試験用の事務2 重点項目評価書/);
  assert.match(indexedContent(options.outDir).get('/variant-0001/') ?? '', /改めた事務/);
  // The pages from the store carry the same fonts as the ones just rendered.
  const faces = (html: string) => /@font-face[^<]*/.exec(html)?.[0];
  assert.ok(faces(read('variant-0002/index.html')));
  assert.equal(faces(read('variant-0002/index.html')), faces(read('variant-0001/index.html')));
});

test('文字の変わらない再作成では、作り直さないページは @font-face を書き込んだ保存済みのページをそのまま使う', async () => {
  const inode = (rel: string) => statSync(path.join(options.outDir, rel)).ino;
  const kept = inode('variant-0003/index.html');
  const faces = /@font-face[^<]*/.exec(read('variant-0003/index.html'))?.[0];
  // Only ASCII digits added: the site's characters, and so its fonts, stay the same.
  writeFileSync(files[5]!, readFileSync(files[5]!, 'utf8').replace('試験用の事務6 重点項目評価書', '試験用の事務66 重点項目評価書'));
  const result = await buildSite(options);
  assert.equal(result.reuse.rendered, 1);
  assert.match(read('variant-0006/index.html'), /試験用の事務66 重点項目評価書/);
  assert.equal(/@font-face[^<]*/.exec(read('variant-0006/index.html'))?.[0], faces);
  assert.equal(inode('variant-0003/index.html'), kept, 'the page is the stored one, not written again');
  assert.ok(statSync(path.join(options.outDir, 'variant-0006/index.html')).nlink >= 2, 'the new page is kept for the next build');
});

test('改ざん・欠けた保存ページは使わずに作り直し、削除・名前の変更は一覧と検索に反映する', async () => {
  const tampered = storedPage('variant-0002');
  writeFileSync(path.join(tampered, 'index.html'), readFileSync(path.join(tampered, 'index.html'), 'utf8').replace('試験用の事務2', '書き換えた事務2'));
  const incomplete = storedPage('variant-0003');
  const csv = readdirSync(incomplete).find((f) => f.endsWith('.csv'))!;
  rmSync(path.join(incomplete, csv));
  renameSync(path.join(options.assessmentsDir, 'variant-0004'), path.join(options.assessmentsDir, 'variant-renamed'));
  rmSync(path.join(options.assessmentsDir, 'variant-0005'), { recursive: true });

  const result = await buildSite(options);
  // variant-0002 (changed in the store), variant-0003 (a file missing) and variant-renamed (new) are rendered.
  assert.deepEqual({ rendered: result.reuse.rendered, reused: result.reuse.reused }, { rendered: 3, reused: 1 + 1 });
  assert.doesNotMatch(read('variant-0002/index.html'), /書き換えた事務/);
  assert.match(read('variant-0002/index.html'), /試験用の事務2 重点項目評価書/);
  assert.ok(existsSync(path.join(options.outDir, 'variant-0003', csv)));
  assert.equal(existsSync(path.join(options.outDir, 'variant-0004')), false);
  assert.equal(existsSync(path.join(options.outDir, 'variant-0005')), false);
  const index = read('index.html');
  assert.match(index, /href="\/variant-renamed\/"/);
  assert.doesNotMatch(index, /variant-0004|variant-0005|試験用の事務5/);
  assert.match(read('open-data/index.html'), /評価書/);
  const catalogue = read('catalogue.json');
  assert.match(catalogue, /variant-renamed/);
  assert.doesNotMatch(catalogue, /variant-0004|variant-0005/);
  const indexed = indexedContent(options.outDir);
  assert.ok(indexed.has('/variant-renamed/'));
  assert.equal(indexed.has('/variant-0004/') || indexed.has('/variant-0005/'), false);
  assert.equal(parts().reduce((n, p) => n + p.pages, 0), count - 1);
  // Units no build refers to any more are removed from the store.
  assert.equal(readdirSync(path.join(options.cacheDir, 'pia-pages')).length, count - 1);
});

test('公開先のサイト(dist/)のファイルが書き換えられていれば、何もしない再作成にはせず正しいページに戻す', async () => {
  const page = 'variant-0006/index.html';
  const good = read(page);
  appendFileSync(path.join(options.outDir, page), '<!-- changed -->');
  const result = await buildSite(options);
  assert.equal(result.reuse.noop, false);
  assert.equal(result.reuse.rendered, 0);
  assert.equal(read(page), good);
  // The store shares the files it placed (hard links): the change made through dist/ did not reach it either.
  assert.equal((await buildSite(options)).reuse.noop, true);
});

test('ブラウザの検索は、部分に分けた索引を pagefind の mergeIndex でまとめ、最初の部分と最後の部分の評価書を見つける', async (t) => {
  const listed = parts();
  const slugs = readdirSync(options.assessmentsDir).sort();
  const total = partCount(slugs.length, partPages);
  const first = slugs.find((s) => partOf(s, total) === listed[0]!.id)!;
  const last = slugs.find((s) => partOf(s, total) === listed.at(-1)!.id)!;
  assert.notEqual(partOf(first, total), partOf(last, total));
  const site = await serve(options.outDir, '/');
  const browser = await launchChromium();
  t.after(async () => {
    await browser.close();
    await site.close();
  });
  const page = await browser.newPage();
  for (const slug of [first, last]) {
    const n = slug === 'variant-renamed' ? 4 : Number(slug.slice(-4));
    await page.goto(`${site.url}search/?q=${marker(n)}`);
    const link = page.locator('.search-results > li > a').first();
    await link.waitFor();
    assert.equal(await page.locator('.search-results > li').count(), 1, `only ${slug} holds ${marker(n)}`);
    assert.equal(new URL((await link.getAttribute('href'))!, site.url).pathname, `/${slug}/`);
  }
});
