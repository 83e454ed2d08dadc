/**
 * The index and the portfolio in pages (src/site/list-pages.ts): with 2 rows a page, 5 評価書 give /, /list/2/ and
 * /list/3/, and /offices/, /offices/2/, /offices/3/; every 評価書 and 事務 is on exactly one page, in the order of
 * the one-page list; each page links to every page and marks its own; a folder named like a site page is refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSite, reservedSlugs, UnsafePublicationError } from '../../src/site/build-site.ts';
import { writeAssessments } from './generate.ts';
import { withEnvironment } from '../../src/shard/output.ts';
import { laterPages, pageOf } from '../../src/site/list-pages.ts';

test('pageOf / laterPages: 5 件を 2 件ずつで 3 ページ、0 件は空の 1 ページ', () => {
  const rows = [1, 2, 3, 4, 5];
  assert.deepEqual(pageOf(rows, 1, 2), { rows: [1, 2], page: 1, pages: 3, total: 5, first: 1 });
  assert.deepEqual(laterPages(rows, 2).map((p) => [p.params.page, p.props.list.rows, p.props.list.first]), [['2', [3, 4], 3], ['3', [5], 5]]);
  assert.deepEqual(pageOf([], 1, 2), { rows: [], page: 1, pages: 1, total: 0, first: 1 });
  assert.deepEqual(laterPages(rows, 5), []);
});

test('一覧と事務の一覧は 2 件ずつのページに分かれ、どの評価書・事務もちょうど1つのページに、1ページのときと同じ順で載る', async (t) => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'pia-list-pages-'));
  t.after(() => rmSync(tmp, { recursive: true, force: true }));
  writeAssessments(path.join(tmp, 'assessments'), 4); // the reference and 4 variants
  const build = (outDir: string, rows?: string) => withEnvironment({ PIA_LIST_PAGE_ROWS: rows }, () => buildSite({ assessmentsDir: path.join(tmp, 'assessments'), outDir: path.join(tmp, outDir), pdfDir: path.join(tmp, 'pdf'), cacheDir: path.join(tmp, `cache-${outDir}`) }));
  await build('one');
  await build('paged', '2');
  const read = (...p: string[]) => readFileSync(path.join(tmp, ...p), 'utf8');
  const slugsIn = (html: string) => [...html.matchAll(/<th scope="row"><a href="\/([^/"]+)\/">/g)].map((m) => m[1]!);
  const officesIn = (html: string) => [...html.matchAll(/<ul class="plain[^"]*"[^>]*>\s*<li[^>]*><a href="\/([^/"]+)\/"/g)].map((m) => m[1]!);

  const all = slugsIn(read('one', 'index.html'));
  assert.equal(all.length, 5);
  assert.ok(!existsSync(path.join(tmp, 'one', 'list')), 'one page: no /list/');
  assert.doesNotMatch(read('one', 'index.html'), /class="pager"/);
  const pages = [read('paged', 'index.html'), read('paged', 'list', '2', 'index.html'), read('paged', 'list', '3', 'index.html')];
  assert.ok(!existsSync(path.join(tmp, 'paged', 'list', '4')));
  assert.deepEqual(pages.map(slugsIn), [all.slice(0, 2), all.slice(2, 4), all.slice(4)]);
  pages.forEach((html, i) => {
    assert.match(html, /公表している特定個人情報保護評価書は 5 件です。/);
    assert.match(html, new RegExp(`特定個人情報保護評価書 5 件のうち ${2 * i + 1}〜${Math.min(2 * i + 2, 5)} 件目`));
    assert.match(html, new RegExp(`<title>評価書一覧\\(${i + 1}/3ページ\\)`));
    for (const [n, href] of [[1, '/'], [2, '/list/2/'], [3, '/list/3/']] as const) {
      assert.match(html, new RegExp(n === i + 1 ? `<a aria-current="page" href="${href}">${n}</a>` : `<a href="${href}">${n}</a>`));
    }
  });

  const offices = officesIn(read('one', 'offices', 'index.html'));
  assert.equal(offices.length, 5);
  const officePages = [read('paged', 'offices', 'index.html'), read('paged', 'offices', '2', 'index.html'), read('paged', 'offices', '3', 'index.html')];
  assert.deepEqual(officePages.map(officesIn), [offices.slice(0, 2), offices.slice(2, 4), offices.slice(4)]);
  for (const html of officePages) {
    assert.match(html, /事務 5 件のうち、期限を過ぎたものがある事務は \d+ 件/);
    assert.match(html, /<a href="\/offices\/2\/">2<\/a>|<a aria-current="page" href="\/offices\/2\/">2<\/a>/);
  }
});

test('サイトのページと同じ名前(offices・list・search など)の評価書フォルダは、何も出力せずに断る', async (t) => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'pia-reserved-'));
  t.after(() => rmSync(tmp, { recursive: true, force: true }));
  for (const name of ['offices', 'list', 'search', 'rules', '_astro']) assert.ok(reservedSlugs().has(name), name);
  assert.ok(!reservedSlugs().has('koshigaya-48-kodomo-iryohi'));
  const [file] = writeAssessments(path.join(tmp, 'assessments'), 1, { withReference: false });
  const dir = path.join(tmp, 'assessments', 'list');
  mkdirSync(path.dirname(dir), { recursive: true });
  (await import('node:fs')).renameSync(path.dirname(file!), dir);
  await assert.rejects(buildSite({ assessmentsDir: path.join(tmp, 'assessments'), outDir: path.join(tmp, 'dist'), pdfDir: path.join(tmp, 'pdf'), cacheDir: path.join(tmp, 'cache') }), (e: Error) => e instanceof UnsafePublicationError && /フォルダ名「list」はサイトのページ\(\/list\)と重なるため使えません。/.test(e.message));
  assert.ok(!existsSync(path.join(tmp, 'dist')));
});
