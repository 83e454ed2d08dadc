/**
 * What citizens and web staff get from the built site: every page fits a phone (320–414 px) without sideways
 * scrolling, every page passes the Nu HTML checker, the city's site configuration is applied without editing
 * components, open data (schemas, catalogue, field definitions, licence) is published at stable URLs, fonts cover
 * every character of every page, and search finds items, exact phrases first (10+ real queries).
 * One site is built for all of these: the reference, a variant, and the reference made clean under --strict.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import { create as openFont } from 'fontkit';
import { buildSite, InvalidAssessmentsError } from '../../src/site/build-site.ts';
import { compileSchema, loadForms } from '../../src/schema/registry.ts';
import { fieldDefinitions } from '../../src/render/web/open-data.ts';
import { usedCodePoints } from '../../src/site/fonts.ts';
import { referenceSlug, strictClean, writeAssessments } from './generate.ts';
import { serve } from './serve.ts';
import { htmlPages, javaAvailable, nuCheck } from './quality.ts';
import { launchChromium } from '../support/tools.ts';

const siteUrl = 'https://www.city.example.lg.jp/kurashi/hyoka/';
const base = '/kurashi/hyoka/';
const form = loadForms().get('重点項目評価書')!;

let tmp: string;
let dist: string;
let site: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let context: BrowserContext;

const config = `# yaml-language-server: $schema=../schemas/site.v1.schema.json
サイト名: 試験市 特定個人情報保護評価書
自治体名: 試験市
自治体のURL: https://www.city.example.lg.jp/
サイトのURL: ${siteUrl}
基本パス: ${base}
ロゴ:
  ファイル: logo.svg
  代替テキスト: 試験市
ヘッダーのリンク:
  - 名称: 試験市トップ
    URL: https://www.city.example.lg.jp/
フッターのリンク:
  - 名称: サイトの利用について
    URL: /riyou/
問合せ先:
  部署: 総務部 情報政策課
  電話: 048-000-0000
  メール: joho@city.example.lg.jp
ライセンス:
  名称: 試験用ライセンス 1.0
  識別子: CC-BY-4.0
  URL: https://creativecommons.org/licenses/by/4.0/legalcode.ja
  説明: 出典を示せば自由に利用できます。
`;

before(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'pia-site-publication-'));
  const assessments = path.join(tmp, 'assessments');
  writeAssessments(assessments, 1);
  writeFileSync(path.join(tmp, 'pia-site.yaml'), config);
  writeFileSync(path.join(tmp, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48"><rect width="48" height="48" fill="#036"/></svg>');
  const built = await buildSite({ assessmentsDir: assessments, outDir: path.join(tmp, 'dist'), pdfDir: path.join(tmp, 'pdf'), cacheDir: path.join(tmp, 'cache'), siteConfig: path.join(tmp, 'pia-site.yaml') });
  dist = built.outDir;
  site = await serve(dist, base);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
});

after(async () => {
  await context?.close();
  await browser?.close();
  await site?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});


const pageUrl = (p = '') => site.url + p;
const pagesOf = () => htmlPages(dist).map((f) => path.relative(dist, f).replace(/(^|\/)index\.html$/, '$1'));

test('どのページも幅 320・360・390・414 px で横にスクロールしない(一覧・評価書・変更箇所の表を含む)', async () => {
  const pages = pagesOf();
  assert.ok(pages.length >= 9, `${pages.length} pages`);
  const wide: string[] = [];
  const phone = await browser.newContext({ viewport: { width: 414, height: 800 }, isMobile: true, hasTouch: true });
  const page = await phone.newPage();
  for (const p of pages) {
    await page.goto(pageUrl(p));
    // Sections off screen are laid out when they come near: lay them all out before measuring.
    await page.addStyleTag({ content: '.section { content-visibility: visible !important; }' });
    for (const width of [320, 360, 390, 414]) {
      await page.setViewportSize({ width, height: 800 });
      const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      if (scroll > client) wide.push(`${p} at ${width} px: ${scroll} > ${client}`);
    }
  }
  await phone.close();
  assert.deepEqual(wide, []);
});

test('Nu HTML checker(vnu)はどのページにも誤りを報告しない', async () => {
  // npm test's preflight makes sure Java runs (installs default-jre-headless as root, or stops with a message).
  assert.ok(await javaAvailable(), 'Java (for the Nu HTML checker) is missing: run npm test, whose preflight installs or names it');
  const pages = htmlPages(dist);
  const errors = (await nuCheck(pages)).filter((m) => m.type === 'error' || m.subType === 'fatal');
  assert.deepEqual(errors.map((m) => `${path.relative(dist, m.file)}:${m.line}: ${m.message}`), []);
  assert.ok(pages.length >= 9);
});

test('サイトの設定(pia-site.yaml)の市名・ロゴ・リンク・問合せ先・ライセンス・公開場所が、部品を編集せずに全ページに入る', async () => {
  const page = await context.newPage();
  await page.goto(pageUrl(`${referenceSlug}/`));
  assert.equal(await page.title(), 'こども医療費の支給に関する事務 重点項目評価書 | 試験市 特定個人情報保護評価書');
  assert.equal(await page.locator('.site-name img').getAttribute('alt'), '試験市');
  assert.equal(await page.locator('.site-name img').getAttribute('src'), `${base}site-logo.svg`);
  assert.equal((await page.request.get(pageUrl('site-logo.svg'))).status(), 200);
  assert.equal(await page.locator('.site-header nav a', { hasText: '試験市トップ' }).getAttribute('href'), 'https://www.city.example.lg.jp/');
  assert.equal(await page.locator('.footer-links a').getAttribute('href'), '/riyou/');
  assert.match((await page.locator('.site-footer').textContent()) ?? '', /試験市 総務部 情報政策課.*電話 048-000-0000.*joho@city\.example\.lg\.jp/s);
  assert.equal(await page.locator('.site-footer a[rel="license"]').textContent(), '試験用ライセンス 1.0');
  // Breadcrumbs: city → 評価書一覧 → this 評価書 (the current page, not a link); 「ページの先頭へ」 returns to the top.
  assert.deepEqual((await page.locator('nav.breadcrumbs li').allTextContents()).map((t) => t.trim()), ['試験市', '評価書一覧', 'こども医療費の支給に関する事務 重点項目評価書']);
  assert.equal(await page.locator('nav.breadcrumbs a').nth(1).getAttribute('href'), base);
  assert.equal(await page.locator('nav.breadcrumbs [aria-current="page"]').count(), 1);
  const contact = await context.newPage();
  await contact.goto(pageUrl('contact/'));
  assert.match((await contact.locator('main').textContent()) ?? '', /担当: 試験市 総務部 情報政策課.*電話: 048-000-0000/s);
  await contact.close();
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.getByRole('link', { name: 'ページの先頭へ' }).click();
  assert.equal(await page.evaluate(() => Math.round(window.scrollY)), 0);
  await page.close();
});

test('誤りのあるサイトの設定は、場所つきの日本語で知らせ、サイトを作らない', async () => {
  const bad = path.join(tmp, 'bad-site.yaml');
  writeFileSync(bad, 'サイト名: 試験\nロゴ:\n  ファイル: ../outside.svg\n  代替テキスト: x\n色: 赤\n');
  await assert.rejects(
    buildSite({ assessmentsDir: path.join(tmp, 'assessments'), outDir: path.join(tmp, 'bad-dist'), pdfDir: path.join(tmp, 'pdf'), cacheDir: path.join(tmp, 'cache'), siteConfig: bad }),
    (error: unknown) => error instanceof InvalidAssessmentsError && /bad-site\.yaml:5:1: 「色」はサイトの設定に書けない項目です。/.test(error.message) && /サイトを作成しませんでした/.test(error.message),
  );
  assert.throws(() => readdirSync(path.join(tmp, 'bad-dist')));
});

test('評価書のページは最新の変更を冒頭に示し、項目と変更箇所の行へリンクする。目次の番号は一度だけ、ダウンロードには大きさがある', async () => {
  const page = await context.newPage();
  await page.goto(pageUrl(`${referenceSlug}/`));
  const recent = page.locator('section.recent');
  assert.equal(await recent.locator('h2').textContent(), '最新の変更(令和10年9月30日)');
  // What the 変更箇所 says for that date, linking to the item (Ⅲ 4., not written in the reference) and to its row.
  const item = recent.locator('li').first();
  assert.match((await item.textContent()) ?? '', /Ⅲリスク対策 4\. 特定個人情報ファイルの取扱いの委託 規定の内容・具体的な方法\s*事後\s*評価書の見直し/);
  assert.equal(decodeURIComponent((await item.locator('a').first().getAttribute('href'))!), '#Ⅲ-4');
  await item.getByRole('link', { name: '変更前と変更後を見る' }).click();
  assert.equal(await page.evaluate(() => document.querySelector(':target')?.id), 'change-2028-09-30-itaku-kitei');
  // The TOC's labels carry the form's numbers (1. …); the list adds none of its own.
  const toc = page.locator('nav.toc');
  assert.equal(await toc.locator('ol').count(), 0);
  assert.deepEqual(await toc.locator('li').evaluateAll((lis) => [...new Set(lis.map((li) => getComputedStyle(li).listStyleType))]), ['none']);
  assert.equal((await toc.getByRole('link', { name: '3. 特定個人情報の入手・使用' }).first().textContent()), '3. 特定個人情報の入手・使用');
  // Sizes beside the downloads are those of the files served.
  for (const [name, file] of [[/^JSON/, `${referenceSlug}.json`], [/^CSV/, `${referenceSlug}-records.csv`]] as const) {
    const bytes = readFileSync(path.join(dist, referenceSlug, file)).length;
    assert.match((await page.getByRole('link', { name }).textContent()) ?? '', new RegExp(`、${Math.round(bytes / 1024)} KB\\)$`));
  }
  // 事前・事後 explained in plain words beside the 変更箇所.
  const help = page.locator('[id="別添2"] .timing-help');
  assert.match((await help.textContent()) ?? '', /事前.*変更を実施する前に.*事後.*変更を実施した後に/s);
  await page.close();
});

test('（未記載）は様式の必須項目の欠落だけに示し、--strict で誤りのない評価書には一つも出ない', async () => {
  const count = (site: string, slug: string) => (readFileSync(path.join(site, slug, 'index.html'), 'utf8').match(/（未記載）/g) ?? []).length;
  const marks = (site: string, slug: string) => (readFileSync(path.join(site, slug, 'index.html'), 'utf8').match(/<span class="missing"[^>]*>（未記載）<\/span>/g) ?? []).length;
  // The reference lacks four required items (Ⅰ 1., Ⅲ 4., 6., 7.): four marks, not the 37 of optional items and
  // boxes; the legend explains the mark once.
  assert.equal(marks(dist, referenceSlug), 4);
  assert.equal(count(dist, referenceSlug), 5);
  // The reference made clean under `validate --strict` (its missing required items filled, unknown boxes unchecked),
  // built on its own (its text would tie with the reference's in the search tests).
  const dir = path.join(tmp, 'strict');
  const reference = parseYaml(readFileSync(path.join(tmp, 'assessments', referenceSlug, 'assessment.yaml'), 'utf8')) as Record<string, unknown>;
  mkdirSync(path.join(dir, 'assessments', 'strict-clean'), { recursive: true });
  writeFileSync(path.join(dir, 'assessments', 'strict-clean', 'assessment.yaml'), JSON.stringify(strictClean(reference, form.schema), null, 2));
  const built = await buildSite({ assessmentsDir: path.join(dir, 'assessments'), outDir: path.join(dir, 'dist'), pdfDir: path.join(dir, 'pdf'), cacheDir: path.join(tmp, 'cache'), siteConfig: path.join(tmp, 'pia-site.yaml') });
  assert.equal(count(built.outDir, 'strict-clean'), 0);
  // Its JSON download is valid against the schema it names.
  const json = JSON.parse(readFileSync(path.join(built.outDir, 'strict-clean', 'strict-clean.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(json.$schema, form.schema.$id);
  assert.equal(form.validate(json), true, JSON.stringify(form.validate.errors));
  assert.equal(readFileSync(path.join(built.outDir, 'index.html'), 'utf8').includes('（未記載）'), false);
});

test('JSON Schema を固定の URL で公表し、JSON は最初の項目 $schema でそのスキーマを名指す($id は実在の識別子)', async () => {
  for (const file of [path.basename(form.file), 'catalogue.v1.schema.json']) {
    const served = await (await context.request.get(pageUrl(`schemas/${file}`))).text();
    assert.equal(served, readFileSync(path.join(path.dirname(form.file), file), 'utf8'));
    const id = (JSON.parse(served) as { $id: string }).$id;
    assert.match(id, /^urn:pia:schema:[a-z-]+:v\d+$/);
    assert.doesNotMatch(id, /example/);
  }
  const json = JSON.parse(readFileSync(path.join(dist, referenceSlug, `${referenceSlug}.json`), 'utf8')) as Record<string, unknown>;
  assert.equal(Object.keys(json)[0], '$schema');
  assert.equal(json.$schema, form.schema.$id);
});

test('一覧(catalogue.json・catalogue.csv)はすべての評価書の書誌情報と URL を持ち、ライセンスは設定から入る', async () => {
  const catalogue = JSON.parse(await (await context.request.get(pageUrl('catalogue.json'))).text()) as Record<string, any>;
  const validate = compileSchema('catalogue.v1.schema.json');
  assert.equal(validate(catalogue), true, JSON.stringify(validate.errors));
  assert.equal(catalogue.件数, 2);
  assert.deepEqual(catalogue.ライセンス, { 名称: '試験用ライセンス 1.0', 識別子: 'CC-BY-4.0', URL: 'https://creativecommons.org/licenses/by/4.0/legalcode.ja' });
  const reference = catalogue.評価書.find((r: Record<string, string>) => r.評価書番号 === '48');
  assert.deepEqual({ ...reference, 'JSON の SHA-256': undefined }, {
    評価書番号: '48', 評価書名: 'こども医療費の支給に関する事務 重点項目評価書', 様式: '重点項目評価書(様式3)', 評価実施機関名: '越谷市長', 公表日: '2026-03-30', 最新の変更日: '2028-09-30', 状況: reference.状況,
    ページ: `${siteUrl}${referenceSlug}/`, JSON: `${siteUrl}${referenceSlug}/${referenceSlug}.json`, 'JSON の SHA-256': undefined, スキーマ: 'urn:pia:schema:focused:v1', スキーマのURL: `${siteUrl}schemas/focused.v1.schema.json`, CSV: `${siteUrl}${referenceSlug}/${referenceSlug}-records.csv`, PDF: null,
  });
  assert.equal(reference['JSON の SHA-256'], createHash('sha256').update(readFileSync(path.join(dist, referenceSlug, `${referenceSlug}.json`))).digest('hex'));
  const csv = readFileSync(path.join(dist, 'catalogue.csv'), 'utf8');
  assert.ok(csv.startsWith('\uFEFF評価書番号,評価書名,様式,'));
  const rows = parseCsv(csv.slice(1), { columns: true }) as Record<string, string>[];
  assert.deepEqual(rows.map((r) => r['評価書番号']), catalogue.評価書.map((r: Record<string, string>) => r.評価書番号));
  assert.equal(rows.find((r) => r['評価書番号'] === '48')!['JSON の SHA-256'], reference['JSON の SHA-256']);
  const page = await context.newPage();
  await page.goto(pageUrl('open-data/'));
  assert.equal(await page.locator('main a[rel="license"]').textContent(), '試験用ライセンス 1.0');
  await page.close();
});

test('項目の定義のページはスキーマから作り、JSON のすべての項目を JSON Pointer・様式の項目・型・必須で示す', async () => {
  const page = await context.newPage();
  await page.goto(pageUrl('open-data/focused.v1/'));
  const fields = fieldDefinitions(form.schema);
  const rows = page.locator('table.fields tbody tr');
  assert.equal(await rows.count(), fields.length);
  assert.ok(fields.length > 150);
  const audit = rows.filter({ has: page.locator('th code', { hasText: /^\/リスク対策\/監査\/実施の有無\/内部監査$/ }) });
  // The item's own description (schemas), shown where the form gives one.
  assert.deepEqual((await audit.locator('th, td').allTextContents()).map((t) => t.trim()), ['/リスク対策/監査/実施の有無/内部監査', 'Ⅲ リスク対策 8. 監査 実施の有無 内部監査', 'チェック欄(true / false / "不明")', '任意', '', '評価実施機関の内部の監査部門などによる監査を実施しているか。']);
  const choice = rows.filter({ has: page.locator('th code', { hasText: /^\/基本情報\/個人番号の利用\/法令上の根拠$/ }) });
  assert.equal(await choice.count(), 1);
  await page.close();
});

test('サイトの字は、ページに使われた字だけを含む WOFF にまとめ、どのページのどの字も含む', () => {
  const fonts = readdirSync(path.join(dist, 'fonts'));
  assert.deepEqual(fonts.map((f) => f.replace(/-[0-9a-f]{10}\.woff$/, '')).sort(), ['biz-udpgothic-400', 'biz-udpgothic-700']);
  const used = [...usedCodePoints(dist)].filter((c) => c > 0x7f && !/\s/u.test(String.fromCodePoint(c)));
  for (const file of fonts) {
    const font = openFont(readFileSync(path.join(dist, 'fonts', file)));
    assert.deepEqual(used.filter((c) => !font.hasGlyphForCodePoint(c)).map((c) => String.fromCodePoint(c)), [], file);
    assert.ok(readFileSync(path.join(dist, 'fonts', file)).length < 400 * 1024);
  }
  // Every page declares the fonts once, inline (no stylesheet of hundreds of @font-face rules).
  const html = readFileSync(path.join(dist, referenceSlug, 'index.html'), 'utf8');
  assert.equal((html.match(/@font-face/g) ?? []).length, 2);
  for (const css of readdirSync(path.join(dist, '_astro')).filter((f) => f.endsWith('.css'))) assert.doesNotMatch(readFileSync(path.join(dist, '_astro', css), 'utf8'), /@font-face/);
});

/** Runs a query on the search page: the ranked pages, each with its first item link. */
async function search(query: string): Promise<{ page: string; item?: string; items: string[]; exactItems: string[]; exact: boolean }[]> {
  const page = await context.newPage();
  await page.goto(pageUrl(`search/?q=${encodeURIComponent(query)}`));
  await page.waitForFunction(() => { const s = document.querySelector('[data-search-status]')?.textContent ?? ''; return s !== '' && s !== '検索しています…'; });
  const results = await page.locator('.search-results > li').evaluateAll((lis) => lis.map((li) => ({
    page: li.querySelector(':scope > a')!.getAttribute('href')!,
    item: li.querySelector(':scope > ul a')?.getAttribute('href') ?? undefined,
    items: Array.from(li.querySelectorAll(':scope > ul > li > a')).map((a) => a.getAttribute('href')!),
    exactItems: Array.from(li.querySelectorAll(':scope > ul > li[data-exact]')).map((e) => e.querySelector('a')!.getAttribute('href')!),
    exact: !li.querySelector(':scope > .partial'),
  })));
  await page.close();
  const local = (href: string) => decodeURIComponent(href).replace(base, '');
  return results.map((r) => ({ ...r, page: local(r.page), item: r.item && local(r.item), items: r.items.map(local), exactItems: r.exactItems.map(local) }));
}

test('検索は項目に直接リンクし、語句をそのまま含むページを先に示す(実際の語句 12 件と、それぞれの最上位の結果)', async () => {
  // Query → the first result: page and item anchor. Texts from the reference 評価書 (越谷市 48).
  const expected: [string, string, string][] = [
    ['アイネス', referenceSlug, `${referenceSlug}/#Ⅱ-4-委託事項1-③`],
    ['デジタル庁', referenceSlug, `${referenceSlug}/#Ⅱ-3-①`],
    ['社会保険診療報酬支払基金', referenceSlug, `${referenceSlug}/#Ⅱ-3-①`],
    ['福祉総合システムの保守運用', referenceSlug, `${referenceSlug}/#Ⅱ-4-委託事項1-①`],
    // Only in a 変更後 row (Ⅲ 4. is not written in the reference): found, linking to the 変更箇所 row.
    ['保有個人情報の適切な管理に関する指針', referenceSlug, `${referenceSlug}/#change-2028-09-30-itaku-kitei`],
    ['第1号様式', 'variant-0001', 'variant-0001/#Ⅳ-2-②'],
    ['自己点検', referenceSlug, `${referenceSlug}/#Ⅲ-8-実施の有無`],
    ['こども医療費受給資格管理ファイル', referenceSlug, `${referenceSlug}/#Ⅰ-3`],
    ['個人番号カード', referenceSlug, `${referenceSlug}/#Ⅲ-2-リスク-リスクに対する措置の内容`],
    ['048-963-9166', referenceSlug, `${referenceSlug}/#Ⅳ-2-①`],
    ['賦課に係る資料', referenceSlug, `${referenceSlug}/#Ⅲ-2-その他のリスク及びそのリスクに対する措置`],
    ['児童生年月日', referenceSlug, `${referenceSlug}/#別添1-記録項目`],
  ];
  const got: string[] = [];
  for (const [query, page, item] of expected) {
    const [first] = await search(query);
    got.push(`${query} → ${first ? `${first.page} ${first.item}` : '(なし)'}`);
    assert.ok(first, query);
  }
  assert.deepEqual(got, expected.map(([q, page, item]) => `${q} → ${page}/ ${item}`));
});

test('語句をそのまま含むページは、一部の語だけに当たるページより先に並ぶ', async () => {
  // 「第1号様式」 is in the variant only (受付票(第1号様式)); the reference has 様式 elsewhere, not the phrase.
  const results = await search('第1号様式');
  assert.equal(results[0]!.page, 'variant-0001/');
  assert.equal(results[0]!.exact, true);
  const firstPartial = results.findIndex((r) => !r.exact);
  assert.ok(firstPartial === -1 || results.slice(firstPartial).every((r) => !r.exact));
});

test('選択していないチェック欄の名前と選択肢の一覧では見つからない(「委託しない」は委託する評価書の委託の有無に当たらない)', async () => {
  // The reference entrusts (委託の有無: 委託する); 「委託しない」 is then only the form's wording there. The one
  // place the phrase is the 評価書's own text is 再委託しない (④再委託の有無), and that is the only item found with it.
  const results = await search('委託しない');
  assert.deepEqual(results.filter((r) => r.exact).map((r) => [r.page, r.exactItems]), [referenceSlug, 'variant-0001'].map((slug) => [`${slug}/`, [`${slug}/#Ⅱ-4-委託事項1-④`]]));
});

test('検索の結果で語句をそのまま含むとした項目は、どれもその語句を含む(「個人番号」)', async () => {
  const results = await search('個人番号');
  const exact = results.filter((r) => r.exact && r.page === `${referenceSlug}/`).flatMap((r) => r.exactItems);
  assert.ok(exact.length >= 1);
  const page = await context.newPage();
  await page.goto(pageUrl(`${referenceSlug}/`));
  for (const href of exact) {
    const id = href.slice(href.indexOf('#') + 1);
    assert.match((await page.evaluate((i) => document.getElementById(i)?.textContent ?? '', id)).replace(/\s+/g, ''), /個人番号/, id);
  }
  await page.close();
});
