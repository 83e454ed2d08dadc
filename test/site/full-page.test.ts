/**
 * The 全項目評価書 (様式4) on the site: builds the site from the fictional 全項目 sample beside the 重点 reference,
 * and runs the same browser checks as the 重点 page (axe WCAG 2.2 AA, index row, item anchors, change table, the
 * downloads, narrow screen). PIA_SCREENSHOTS=<dir> keeps screenshots at 1280 and 390 px.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext } from 'playwright';
import { AxeBuilder } from '@axe-core/playwright';
import { buildSite } from '../../src/site/build-site.ts';
import { findAssessments } from '../../src/site/loader.ts';
import { validateFile } from '../../src/validate/validate.ts';
import { buildPdfs } from '../../src/render/pdf/build-pdfs.ts';
import { fullSampleFile } from '../full-helpers.ts';
import { referenceFile, referenceSlug } from './generate.ts';
import { serve } from './serve.ts';
import { launchChromium } from '../support/tools.ts';

const base = '/kurashi/hyoka/';
const slug = 'aobagawa-juki-full';

let tmp: string;
let site: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let context: BrowserContext;

before(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'pia-full-site-test-'));
  const assessments = path.join(tmp, 'assessments');
  for (const [name, file] of [[slug, fullSampleFile], [referenceSlug, referenceFile]] as const) {
    mkdirSync(path.join(assessments, name), { recursive: true });
    cpSync(file, path.join(assessments, name, 'assessment.yaml'));
  }
  const results = findAssessments(assessments).map((f) => validateFile(f));
  await buildPdfs(results, path.join(tmp, 'pdf'), { workers: 0 });
  const built = await buildSite({ assessmentsDir: assessments, outDir: path.join(tmp, 'dist'), pdfDir: path.join(tmp, 'pdf'), base, cacheDir: path.join(tmp, 'cache') });
  site = await serve(built.outDir, base);
  browser = await launchChromium();
  context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
});

after(async () => {
  await context?.close();
  await browser?.close();
  await site?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const pageUrl = (p = '') => site.url + p;

test('一覧に全項目評価書が様式4として並び、その画面へリンクする', async () => {
  const page = await context.newPage();
  await page.goto(pageUrl());
  const row = page.locator('tbody tr', { hasText: '住民基本台帳' });
  assert.deepEqual((await row.locator('th, td').allTextContents()).map((t) => t.trim()), ['1', '住民基本台帳に関する事務 全項目評価書', '全項目評価書(様式4)', '青葉川市長', '令和8年2月16日', '令和8年2月16日', '公表中']);
  await row.getByRole('link').click();
  await page.waitForURL(pageUrl(`${slug}/`));
  assert.equal(await page.locator('h1').textContent(), '住民基本台帳に関する事務 全項目評価書');
  await page.close();
});

test('axe-core は全項目評価書の画面と一覧で WCAG 2.2 AA の違反を報告しない(1280 px と 390 px)', async () => {
  for (const width of [1280, 390]) {
    const narrow = await browser.newContext({ viewport: { width, height: 900 } });
    for (const p of ['', `${slug}/`]) {
      const page = await narrow.newPage();
      await page.goto(pageUrl(p));
      const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
      assert.deepEqual(result.violations.map((v) => `${width} ${p}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`), []);
      if (p !== '' && process.env.PIA_SCREENSHOTS) await page.screenshot({ path: path.join(process.env.PIA_SCREENSHOTS, `full-${width}.png`), fullPage: true });
      await page.close();
    }
    await narrow.close();
  }
});

test('項目の番号のアンカーで Ⅵ2 意見聴取 と Ⅲ のリスク対策に移動でき、※ が付く', async () => {
  const page = await context.newPage();
  await page.goto(pageUrl(`${slug}/#Ⅵ-2-②`));
  assert.equal(await page.evaluate(() => document.querySelector(':target')?.id), 'Ⅵ-2-②');
  assert.match((await page.locator('[id="Ⅵ-2-②"]').textContent()) ?? '', /令和7年11月4日から令和7年12月3日まで/);
  assert.match((await page.locator('[id="Ⅰ-1-②"] dt').textContent()) ?? '', /^②事務の内容※/);
  await page.close();
});

test('別添3 変更箇所は3行で、事前の行を示す', async () => {
  const page = await context.newPage();
  await page.goto(pageUrl(`${slug}/#別添3`));
  assert.equal(await page.locator('table.changes tbody tr').count(), 3);
  assert.match((await page.locator('table.changes tbody tr').last().textContent()) ?? '', /事前/);
  await page.close();
});

test('全項目評価書の PDF と JSON をダウンロードできる', async () => {
  const page = await context.newPage();
  await page.goto(pageUrl(`${slug}/`));
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /^PDF/ }).click()]);
  assert.equal(download.suggestedFilename(), `${slug}.pdf`);
  assert.equal(readFileSync((await download.path())!).subarray(0, 5).toString('latin1'), '%PDF-');
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /^JSON/ }).click()]);
  assert.equal(JSON.parse(readFileSync((await json.path())!, 'utf8'))['様式'], '全項目評価書');
  await page.close();
});
