/**
 * End-to-end: builds the site from the reference assessment and one variant (with PDFs) into a temp folder,
 * serves it on 127.0.0.1 under a city's base path, and drives Chromium (npm's, see test/support/tools.ts) through it.
 * PIA_CHROMIUM overrides the browser; PIA_SCREENSHOTS=<dir> keeps screenshots of the index and the reference page.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright';
import { AxeBuilder } from '@axe-core/playwright';
import { buildSite } from '../../src/site/build-site.ts';
import { findAssessments } from '../../src/site/loader.ts';
import { validateFile } from '../../src/validate/validate.ts';
import { canonicalJson } from '../../src/model/canonical.ts';
import { buildPdfs } from '../../src/render/pdf/build-pdfs.ts';
import { referenceSlug, writeAssessments } from './generate.ts';
import { serve } from './serve.ts';
import { launchChromium } from '../support/tools.ts';

const base = '/kurashi/hyoka/';

let tmp: string;
let dist: string;
let site: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let context: BrowserContext;
/** Every URL the browser requested during the tests: all must be on the local server. */
const requested: string[] = [];

before(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'pia-site-test-'));
  const assessments = path.join(tmp, 'assessments');
  writeAssessments(assessments, 1);
  const results = findAssessments(assessments).map((f) => validateFile(f));
  await buildPdfs(results, path.join(tmp, 'pdf'), { workers: 0 });
  const built = await buildSite({ assessmentsDir: assessments, outDir: path.join(tmp, 'dist'), pdfDir: path.join(tmp, 'pdf'), base, cacheDir: path.join(tmp, 'cache') });
  dist = built.outDir;
  site = await serve(dist, base);
  browser = await launchChromium();
  context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  context.on('request', (request) => requested.push(request.url()));
});

after(async () => {
  await context?.close();
  await browser?.close();
  await site?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const pageUrl = (p = '') => site.url + p;

test('一覧は評価書ごとに評価書番号・評価書名・様式・機関・公表日(和暦)・最新の変更日・状況を表に示し、評価書の画面へリンクする', async () => {
  const page = await context.newPage();
  await page.goto(pageUrl());
  assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
  assert.match((await page.locator('table caption').textContent()) ?? '', /2 件/);
  assert.deepEqual(await page.locator('thead th').evaluateAll((ths) => ths.map((th) => th.getAttribute('scope'))), Array(7).fill('col'));
  const row = page.locator('tbody tr', { hasText: 'こども医療費' });
  assert.deepEqual((await row.locator('th, td').allTextContents()).map((t) => t.trim()), ['48', 'こども医療費の支給に関する事務 重点項目評価書', '重点項目評価書(様式3)', '越谷市長', '令和8年3月30日', '令和10年9月30日', '公表中']);
  await row.getByRole('link').click();
  await page.waitForURL(pageUrl(`${referenceSlug}/`));
  assert.equal(await page.locator('h1').textContent(), 'こども医療費の支給に関する事務 重点項目評価書');
  await page.close();
});

test('一覧は列見出しのボタンで並べ替え、語句で絞り込める(JavaScript があるとき)', async () => {
  const page = await context.newPage();
  await page.goto(pageUrl());
  const numbers = () => page.locator('tbody tr:not([hidden]) td:first-child').allTextContents();
  assert.deepEqual(await numbers(), ['48', '1001']);
  await page.getByRole('button', { name: '評価書番号' }).click();
  await page.getByRole('button', { name: '評価書番号' }).click();
  assert.equal(await page.locator('thead th').first().getAttribute('aria-sort'), 'descending');
  assert.deepEqual(await numbers(), ['1001', '48']);
  await page.getByLabel('絞り込み').fill('こども医療費');
  assert.deepEqual(await numbers(), ['48']);
  assert.match((await page.locator('[data-count]').textContent()) ?? '', /1 件/);
  await page.close();
});

test('JavaScript がなくても一覧の表はすべての評価書を示す', async () => {
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const page = await noJs.newPage();
  await page.goto(pageUrl());
  assert.equal(await page.locator('tbody tr').count(), 2);
  assert.equal(await page.locator('[data-index-tools]').isVisible(), false);
  await noJs.close();
});

test('項目の番号のアンカー(#Ⅱ-3-①)で入手元に直接移動でき、※ と目次のリンクがある', async () => {
  const page = await context.newPage();
  await page.goto(pageUrl(`${referenceSlug}/#Ⅱ-3-①`));
  assert.equal(await page.evaluate(() => document.querySelector(':target')?.id), 'Ⅱ-3-①');
  const item = page.locator('[id="Ⅱ-3-①"]');
  assert.match((await item.locator('dt').textContent()) ?? '', /^①入手元※/);
  assert.ok(await item.isVisible());
  await page.locator('nav.toc').getByRole('link', { name: '3. 特定個人情報の入手・使用' }).first().click();
  assert.equal(decodeURIComponent(new URL(page.url()).hash), '#Ⅱ-3');
  await page.close();
});

test('記載のない項目は（未記載）、チェック欄の状態は色によらず文字で示す', async () => {
  const page = await context.newPage();
  await page.goto(pageUrl(`${referenceSlug}/`));
  assert.match((await page.locator('[id="Ⅰ-1"]').textContent()) ?? '', /（未記載）/);
  const audit = page.locator('[id="Ⅲ-8-実施の有無"] li');
  assert.deepEqual(await audit.evaluateAll((lis) => lis.map((li) => li.textContent!.replace(/\s+/g, ''))), ['選択あり:自己点検', '?内部監査（状態不明）', '選択あり:外部監査']);
  const choice = page.locator('[id="Ⅰ-5-①"]');
  assert.deepEqual((await choice.locator('ol li').allTextContents()).map((t) => t.trim()), ['実施する(選択)', '実施しない', '未定']);
  await page.close();
});

test('変更箇所は変更前・変更後を語の単位で比べ、削除を <del>、追加を <ins> で示す', async () => {
  const page = await context.newPage();
  await page.goto(pageUrl(`${referenceSlug}/#別添2`));
  const row = page.locator('[id="change-2028-09-30-itaku-kitei"]');
  assert.deepEqual(await row.locator('del').allTextContents(), ['[削除]取扱事務', '[削除]委託']);
  assert.deepEqual(await row.locator('ins').allTextContents(), ['[追加]保有', '[追加]適切な管理']);
  assert.equal(await page.locator('table.changes tbody tr').count(), 10);
  await page.close();
});

test('PDF・JSON・CSV をダウンロードでき、JSON は正規形と同じ SHA-256 を持つ', async () => {
  const page = await context.newPage();
  await page.goto(pageUrl(`${referenceSlug}/`));
  const save = async (name: RegExp) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
    return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
  };
  const pdf = await save(/^PDF/);
  assert.equal(pdf.name, `${referenceSlug}.pdf`);
  assert.equal(pdf.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  const json = await save(/^JSON/);
  assert.equal(json.name, `${referenceSlug}.json`);
  const reference = validateFile(path.join(tmp, 'assessments', referenceSlug, 'assessment.yaml'));
  const expected = canonicalJson(reference.data!, reference.form!.schema);
  assert.equal(json.bytes.toString('utf8'), expected.json);
  assert.equal(createHash('sha256').update(json.bytes).digest('hex'), expected.sha256);
  assert.equal(await page.locator('.downloads code').textContent(), expected.sha256);
  const csv = await save(/^CSV/);
  const lines = csv.bytes.toString('utf8').split('\r\n');
  assert.equal(lines[0], '\uFEFF特定個人情報ファイル名,記録項目グループ,番号,項目');
  assert.equal(lines[1], 'こども医療費受給資格管理ファイル,資格履歴,1,児童生年月日');
  await page.close();
});

test('全文検索は参考評価書の語句(アイネス)で評価書の画面を見つける', async () => {
  const page = await context.newPage();
  await page.goto(pageUrl('search/'));
  await page.getByLabel('検索する語句').fill('アイネス');
  await page.getByRole('button', { name: '検索' }).click();
  const first = page.locator('.search-results > li > a').first();
  await first.waitFor();
  assert.equal(await first.textContent(), 'こども医療費の支給に関する事務 重点項目評価書');
  assert.equal(await page.locator('.search-results > li').count(), 2);
  assert.ok((await page.locator('.search-results mark').first().textContent())?.includes('アイネス'));
  assert.equal(await page.locator('[data-search-status]').textContent(), '「アイネス」の検索結果は 2 件です(よく当たるものから順に表示します)。');
  await first.click();
  await page.waitForURL((url) => url.pathname === `${base}${referenceSlug}/`);
  await page.close();
});

test('axe-core はすべての画面で WCAG 2.2 AA の違反を報告しない', async () => {
  const pages = ['', `${referenceSlug}/`, 'variant-0001/', 'about/', 'contact/', 'search/?q=アイネス', '404.html'];
  for (const p of pages) {
    const page = await context.newPage();
    await page.goto(pageUrl(p));
    if (p.startsWith('search')) await page.locator('.search-results li').first().waitFor();
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    assert.deepEqual(result.violations.map((v) => `${p}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`), []);
    if (process.env.PIA_SCREENSHOTS && (p === '' || p === `${referenceSlug}/`)) {
      await page.screenshot({ path: path.join(process.env.PIA_SCREENSHOTS, p ? 'assessment.png' : 'index.png'), fullPage: true });
    }
    await page.close();
  }
});

test('キーボードだけで本文へ移動でき、フォーカスが見える', async () => {
  const page = await context.newPage();
  await page.goto(pageUrl(`${referenceSlug}/`));
  await page.keyboard.press('Tab');
  const skip = page.locator(':focus');
  assert.equal(await skip.textContent(), '本文へ移動');
  assert.notEqual(await skip.evaluate((el) => getComputedStyle(el).outlineStyle), 'none');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
  await page.close();
});

/**
 * Absolute URLs that are not requests: the SVG namespace (a name, in the favicon), and the dummy base that
 * pagefind.js uses to parse relative result URLs (`new URL(\`https://example.com${path}\`)`, never fetched).
 */
const allowed = (file: string, url: string) => url === 'http://www.w3.org/2000/svg' || (/^pagefind[\\/]pagefind(-worker)?\.js$/.test(file) && url.startsWith('https://example.com${'));

test('出力したファイルは他のホストを参照しない(http(s):// の URL がない)', () => {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (/\.(html|css|js|mjs|json|csv|svg|xml|txt|webmanifest)$/.test(name)) {
        for (const match of readFileSync(file, 'utf8').matchAll(/https?:\/\/[^\s"'`<>)\\]+/g)) {
          if (!allowed(path.relative(dist, file), match[0])) found.push(`${path.relative(dist, file)}: ${match[0]}`);
        }
      }
    }
  };
  walk(dist);
  assert.deepEqual(found, []);
});

test('ブラウザはサイトのホスト以外に一度も通信しない(フォント・検索を含む)', () => {
  const origin = new URL(site.url).origin;
  assert.ok(requested.some((u) => u.endsWith('.woff2')), 'the pages load the self-hosted fonts');
  assert.ok(requested.some((u) => u.includes('/pagefind/')), 'the search loads the local index');
  assert.deepEqual(requested.filter((u) => new URL(u).origin !== origin), []);
});
