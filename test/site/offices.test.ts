/**
 * The portfolio page (/offices/) and its calendar (/offices.ics): built from the repository's assessments/ (the
 * reference 事務 with its 基礎, two 基礎-only 事務), served under a city's base path, driven with Debian's Chromium.
 * PIA_SCREENSHOTS=<dir> keeps screenshots at 1280 and 390 px.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser } from 'playwright';
import { AxeBuilder } from '@axe-core/playwright';
import ICAL from 'ical.js';
import { buildSite } from '../../src/site/build-site.ts';
import { serve } from './serve.ts';
import { launchChromium } from '../support/tools.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const base = '/kurashi/hyoka/';
let tmp: string;
let dist: string;
let site: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
const today = process.env.PIA_TODAY;
const checkReport = process.env.PIA_CHECK_REPORT;

/** A saved `pia check --format json` (the shape is validated when read): the 重点 passes, the 全項目 fails; no 基礎. */
function writeCheckReport(file: string): void {
  const run = (assessment: string, failing: boolean, contradicted: number) => ({
    assessment, checks: assessment.replace('assessment.yaml', 'checks.yaml'), policy: { error: '失敗', unchecked: '報告', expired: '失敗' }, failing,
    summary: { satisfied: 9, contradicted, error: 0, unchecked: 1, attested: 2, expired: 0 }, results: [],
  });
  writeFileSync(file, JSON.stringify({ version: 1, runs: [
    run('assessments/koshigaya-48-kodomo-iryohi/assessment.yaml', false, 0),
    run('assessments/aobagawa-juki-full/assessment.yaml', true, 1),
  ] }));
}

before(async () => {
  process.env.PIA_TODAY = '2026-12-01';
  tmp = mkdtempSync(path.join(tmpdir(), 'pia-offices-test-'));
  cpSync(path.join(root, 'assessments'), path.join(tmp, 'assessments'), { recursive: true });
  // Relative to the project folder (the one holding assessments/), as `pia build --check-report` gives it.
  writeCheckReport(path.join(tmp, 'check.json'));
  process.env.PIA_CHECK_REPORT = 'check.json';
  const built = await buildSite({ assessmentsDir: path.join(tmp, 'assessments'), outDir: path.join(tmp, 'dist'), pdfDir: path.join(tmp, 'pdf'), base, cacheDir: path.join(tmp, 'cache') });
  dist = built.outDir;
  site = await serve(dist, base);
  browser = await launchChromium();
});

after(async () => {
  if (today === undefined) delete process.env.PIA_TODAY;
  else process.env.PIA_TODAY = today;
  if (checkReport === undefined) delete process.env.PIA_CHECK_REPORT;
  else process.env.PIA_CHECK_REPORT = checkReport;
  await browser?.close();
  await site?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('事務ごとの表: 期限の近い順に、評価書(各画面へのリンク)、しきい値判断、公表日、見直し、再評価、事前の変更、点検', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${site.url}offices/`);
  assert.equal(await page.locator('h1').textContent(), '事務ごとの評価書と期限');
  assert.match((await page.locator('table caption').textContent()) ?? '', /事務 4 件/);
  const names = await page.locator('tbody th[scope=row]').allTextContents();
  assert.deepEqual(names, ['特別児童扶養手当に関する事務', '予防接種に関する事務', '住民基本台帳に関する事務', 'こども医療費の支給に関する事務']);
  const ref = page.locator('tbody tr', { hasText: 'こども医療費' });
  const cells = (await ref.locator('th, td').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
  assert.equal(cells[0], '予定令和9年3月30日');
  assert.equal(cells[2], '基礎項目評価書評価書番号 48重点項目評価書評価書番号 48');
  assert.equal(cells[3], '基礎項目評価の実施が義務付けられる');
  assert.equal(cells[4], '公表日令和8年3月30日 次の見直し令和9年3月30日 5年の再評価令和13年3月30日');
  assert.match(cells[5]!, /^令和10年3月30日: Ⅱ 特定個人情報ファイルの概要 6\. 特定個人情報の保管・消去 保管場所/);
  assert.equal(cells[6], '誤り 0 件、警告 2 件');
  // Check results from the report; the 基礎 has no run: 未確認.
  assert.equal(cells[7], '基礎項目評価書: 未確認重点項目評価書: 合格(適合 9、未点検 1、確認書 2)');
  const full = page.locator('tbody tr', { hasText: '住民基本台帳' });
  assert.equal(await full.locator('td.checks li[data-checks=failing] strong').textContent(), '不合格(矛盾 1、適合 9、未点検 1、確認書 2)');
  assert.deepEqual(await page.locator('tbody tr', { hasText: '予防接種' }).locator('td.checks li').allTextContents(), ['基礎項目評価書: 未確認']);
  assert.match((await page.locator('main').textContent()) ?? '', /に書き出された結果\(2 件の評価書\)によります/);
  assert.equal(await page.locator('tbody tr').first().locator('td.status').textContent(), '期限切れ令和4年6月1日');
  await ref.getByRole('link', { name: '基礎項目評価書' }).click();
  await page.waitForURL(`${site.url}koshigaya-48-kodomo-iryohi-basic/`);
  assert.equal(await page.locator('h1').textContent(), 'こども医療費の支給に関する事務 基礎項目評価書');
  await context.close();
});

test('axe-core は WCAG 2.2 AA の違反を報告しない(1280 px と 390 px、ポートフォリオと基礎項目評価書の画面)', async () => {
  for (const width of [1280, 390]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    for (const p of ['offices/', 'koshigaya-48-kodomo-iryohi-basic/', 'example-902-tokubetsu-jido-fuyo/']) {
      const page = await context.newPage();
      await page.goto(`${site.url}${p}`);
      const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
      assert.deepEqual(result.violations.map((v) => `${width} ${p}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`), []);
      // The portfolio page: nothing wider than the screen except inside the scrolling table region.
      if (p === 'offices/') {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 1, `${width} ${p}: the page scrolls sideways by ${overflow}px`);
      }
      if (process.env.PIA_SCREENSHOTS) await page.screenshot({ path: path.join(process.env.PIA_SCREENSHOTS, `${p.replace(/\/$/, '')}-${width}.png`), fullPage: true });
      await page.close();
    }
    await context.close();
  }
});

test('キーボードだけで表の領域に移動でき、フォーカスが見える', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${site.url}offices/`);
  await page.locator('.table-scroll').focus();
  assert.notEqual(await page.locator('.table-scroll').evaluate((el) => getComputedStyle(el).outlineStyle), 'none');
  await context.close();
});

test('/offices.ics は iCalendar として読め(ical.js)、ページと同じ期限を持つ', () => {
  const text = readFileSync(path.join(dist, 'offices.ics'), 'utf8');
  const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  assert.equal(events.length, 12);
  assert.ok(events.some((e) => e.summary === '【再評価】こども医療費の支給に関する事務: 5年を経過する前の再評価' && e.startDate.toString() === '2031-03-30'));
  // Each 評価書 by its path in the project (the folder holding assessments/), not from where pia is installed.
  const named = events.map((e) => /^評価書: (.*)$/m.exec(e.description)?.[1]);
  assert.ok(named.every((f) => f !== undefined && /^assessments\/.+\/assessment\.yaml$/.test(f) && !f.includes('..')), named.join(', '));
  assert.ok(named.includes('assessments/koshigaya-48-kodomo-iryohi/assessment.yaml'));
});
