/**
 * Shards end to end, as a CI matrix runs them: `pia build --shard i/3` three times in one project, `pia merge`, and
 * the merged site against a single `pia build` of the same assessments; merge refusals (missing, repeated, stale,
 * conflicting shards) leave the previous output untouched; the merged site's search finds assessments of the first
 * and the last shard (Chromium).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser } from 'playwright';
import { referenceFile, referenceSlug, variantText } from '../site/generate.ts';
import { serve } from '../site/serve.ts';
import { launchChromium } from '../support/tools.ts';
import { selectShard, shardOf } from '../../src/shard/shard.ts';
import { shardFormat } from '../../src/shard/output.ts';

const bin = fileURLToPath(new URL('../../src/cli/bin.js', import.meta.url));
// Published at / (no PIA_BASE from the caller's environment).
const { PIA_BASE: _base, ...env } = process.env;
const run = (cwd: string, args: string[], extra: NodeJS.ProcessEnv = {}) =>
  promisify(execFile)(process.execPath, [bin, ...args], { cwd, env: { ...env, ...extra } }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

// Chosen so that each of the 3 shards holds at least one (asserted below): ref, v1 → 1/3; v12 → 2/3; v5 → 3/3.
const variants = [1, 5, 12];
let cwd: string;
const shardDirs = ['out/shard-1-of-3', 'out/shard-2-of-3', 'out/shard-3-of-3'];

before(async () => {
  cwd = mkdtempSync(path.join(tmpdir(), 'pia-shard-merge-'));
  mkdirSync(path.join(cwd, 'assessments', referenceSlug), { recursive: true });
  cpSync(referenceFile, path.join(cwd, 'assessments', referenceSlug, 'assessment.yaml'));
  for (const n of variants) {
    const file = path.join(cwd, 'assessments', `variant-${String(n).padStart(4, '0')}`, 'assessment.yaml');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, variantText(n));
  }
  for (const shard of ['1/3', '2/3', '3/3']) {
    const r = await run(cwd, ['build', '--shard', shard]);
    assert.equal(r.code, 0, r.stderr);
  }
  // The single build the merged site is compared with.
  const single = await run(cwd, ['build']);
  assert.equal(single.code, 0, single.stderr);
  cpSync(path.join(cwd, 'dist'), path.join(cwd, 'single'), { recursive: true });
  rmSync(path.join(cwd, 'dist'), { recursive: true });
});
after(() => rmSync(cwd, { recursive: true, force: true }));

const read = (...p: string[]) => readFileSync(path.join(cwd, ...p), 'utf8');
/** The @font-face rules name font files subset to the characters of the build that made the page. */
const withoutFonts = (html: string) => html.replace(/<style>@font-face[^<]*<\/style>/g, '');
const listing = (dir: string) => readdirSync(path.join(cwd, dir), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(path.join(cwd, dir), path.join(e.parentPath, e.name))).filter((f) => !/^(fonts|pagefind|pagefind-parts)\//.test(f)).sort();

test('各シャードは自分の評価書だけを作り、shard.json に記録する(3 つとも空でない)', () => {
  const slugs = shardDirs.map((d) => (JSON.parse(read(d, 'shard.json')) as { format: string; entries: { slug: string }[] }).entries.map((e) => e.slug));
  assert.deepEqual(slugs, [[referenceSlug, 'variant-0001'], ['variant-0012'], ['variant-0005']]);
  assert.equal(JSON.parse(read(shardDirs[0]!, 'shard.json')).format, shardFormat);
  // The same split as --shard computes for these paths.
  const all = [referenceSlug, ...variants.map((n) => `variant-${String(n).padStart(4, '0')}`)].map((s) => path.join(cwd, 'assessments', s, 'assessment.yaml'));
  assert.deepEqual(selectShard(all, { index: 3, count: 3 }, cwd), [path.join(cwd, 'assessments/variant-0005/assessment.yaml')]);
  assert.ok(existsSync(path.join(cwd, shardDirs[2]!, 'site', 'variant-0005', 'index.html')));
  assert.ok(!existsSync(path.join(cwd, shardDirs[2]!, 'site', 'variant-0001')));
  assert.ok(existsSync(path.join(cwd, shardDirs[1]!, 'pdf', 'variant-0012.pdf')));
  assert.ok(!existsSync(path.join(cwd, 'dist')), 'a shard never writes dist/');
});

test('pia merge: まとめたサイトは一度に作ったサイトと同じ(一覧・事務・オープンデータ・カタログ・各評価書のページ)', async () => {
  // The merge reads the 評価書 of a whole city in groups (of 1,000 and, for the portfolio, of whole 事務 of about
  // 2,000): here groups of one, so that the four 評価書 are read one by one (test/office/portfolio-batches.test.ts
  // has 事務 of two), and the site must still be the single build's, which read them at once.
  const r = await run(cwd, ['merge', ...shardDirs], { PIA_SITE_BATCH_FILES: '1' });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /3 個のシャードをまとめ、公開用サイト\(評価書 4 件、\d+ ファイル\)を dist\/ に出力しました。/);
  assert.deepEqual(listing('dist'), listing('single'));
  for (const file of ['catalogue.json', 'catalogue.csv', 'offices.ics', 'variant-0005/variant-0005.json', 'variant-0012/variant-0012-records.csv']) assert.equal(read('dist', file), read('single', file), file);
  assert.deepEqual(readFileSync(path.join(cwd, 'dist', 'variant-0005', 'variant-0005.pdf')), readFileSync(path.join(cwd, 'single', 'variant-0005', 'variant-0005.pdf')));
  for (const file of listing('single').filter((f) => f.endsWith('.html'))) assert.equal(withoutFonts(read('dist', file)), withoutFonts(read('single', file)), file);
  // Every font file a page names is there.
  for (const file of listing('dist').filter((f) => f.endsWith('.html'))) {
    for (const [, font] of read('dist', file).matchAll(/url\(\/(fonts\/[^)]+)\)/g)) assert.ok(existsSync(path.join(cwd, 'dist', font!)), `${file} → ${font}`);
  }
  const parts = JSON.parse(read('dist', 'pagefind-parts', 'parts.json')) as { version: number; parts: { id: string; bundle: string; pages: number }[] };
  assert.equal(parts.version, 1);
  assert.deepEqual(parts.parts.reduce((n, p) => n + p.pages, 0), 4);
  assert.ok(parts.parts.every((p) => /^s0[123]-/.test(p.id) && existsSync(path.join(cwd, 'dist', p.bundle, 'pagefind-entry.json'))));
});

/** Runs merge expecting a refusal; dist/ must be what it was. */
async function refused(args: string[], message: RegExp): Promise<void> {
  mkdirSync(path.join(cwd, 'dist'), { recursive: true });
  writeFileSync(path.join(cwd, 'dist', 'previous.txt'), 'the site before');
  const before = listing('dist');
  const r = await run(cwd, ['merge', ...args]);
  assert.equal(r.code, 2, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stderr, message);
  assert.match(r.stderr, /dist\/ には何も書きませんでした。/);
  assert.deepEqual(listing('dist'), before);
  assert.equal(read('dist', 'previous.txt'), 'the site before');
  assert.deepEqual(readdirSync(cwd).filter((f) => f.includes('-merge-')), [], 'no staging folder left');
}

test('pia merge は欠けた・重なったシャードを断り、何も書かない', async () => {
  await refused([shardDirs[0]!, shardDirs[2]!], /シャード 2\/3 の出力がありません。/);
  await refused([...shardDirs, shardDirs[1]!], /out\/shard-2-of-3\/shard\.json: シャード 2\/3 が out\/shard-2-of-3 と重なっています。/);
  await refused(['assessments'], /assessments\/shard\.json がありません。/);
  mkdirSync(path.join(cwd, 'bad'), { recursive: true });
  writeFileSync(path.join(cwd, 'bad', 'shard.json'), JSON.stringify({ format: shardFormat, shard: { index: 1, count: 1 }, edition: 'public', files: 1, entries: [{ slug: '../x', file: 'a', sha256: '00', source: '00' }] }));
  await refused(['bad'], /bad\/shard\.json は pia build --shard が書いたシャードの記録\(pia-shard\/2\)ではありません。/);
});

test('pia merge は別の版から作ったシャードを、シャードと評価書を示して断る', async () => {
  const file = path.join(cwd, 'assessments', 'variant-0012', 'assessment.yaml');
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.replace('受付票(第12号様式)を作成し、', '受付票(第12号様式)を作成して、'));
  try {
    await refused(shardDirs, /out\/shard-2-of-3\/shard\.json: assessments\/variant-0012\/assessment\.yaml は別の版から作られています/);
  } finally {
    writeFileSync(file, text);
  }
});

test('pia merge は同じ名前で内容の違うファイルを、そのファイルを示して断る', async () => {
  const copy = path.join(cwd, 'out', 'tampered-3');
  cpSync(path.join(cwd, shardDirs[2]!), copy, { recursive: true });
  t_after(() => rmSync(copy, { recursive: true, force: true }));
  const asset = readdirSync(path.join(copy, 'site', '_astro')).find((f) => f.endsWith('.css'))!;
  appendFileSync(path.join(copy, 'site', '_astro', asset), '\n/* changed */');
  await refused([shardDirs[0]!, shardDirs[1]!, 'out/tampered-3'], new RegExp(`out/tampered-3/site/_astro/${asset.replace('.', '\\.')}: ほかのシャードの _astro/${asset.replace('.', '\\.')} と内容が違います。`));
});

test('pia merge はシャードの JSON・事務の一覧用の記録が書き換えられた・欠けたものを、そのファイルを示して断る(評価書の YAML は読み直さない)', async () => {
  const copy = path.join(cwd, 'out', 'edited-3');
  cpSync(path.join(cwd, shardDirs[2]!), copy, { recursive: true });
  t_after(() => rmSync(copy, { recursive: true, force: true }));
  const json = path.join(copy, 'site', 'variant-0005', 'variant-0005.json');
  const text = readFileSync(json, 'utf8');
  writeFileSync(json, text.replace('試験用の事務5', '書き換えた事務5'));
  await refused([shardDirs[0]!, shardDirs[1]!, 'out/edited-3'], /out\/edited-3\/site\/variant-0005\/variant-0005\.json: shard\.json の記録\([0-9a-f]{12}…\)と内容が違います/);
  writeFileSync(json, text);
  rmSync(path.join(copy, 'portfolio', 'variant-0005.json'));
  await refused([shardDirs[0]!, shardDirs[1]!, 'out/edited-3'], /out\/edited-3\/portfolio\/variant-0005\.json がありません。/);
});

test('pia merge はシャードの中のシンボリックリンクを断る(ほかの場所のファイルを公開しない)', async () => {
  const copy = path.join(cwd, 'out', 'linked-3');
  cpSync(path.join(cwd, shardDirs[2]!), copy, { recursive: true });
  t_after(() => rmSync(copy, { recursive: true, force: true }));
  symlinkSync('/etc/hostname', path.join(copy, 'site', 'variant-0005', 'extra.txt'));
  await refused([shardDirs[0]!, shardDirs[1]!, 'out/linked-3'], /out\/linked-3\/site\/variant-0005\/extra\.txt: シャードの出力の中にシンボリックリンクがあります。/);
});

test('pia merge は2つのシャードにある同じ名前の評価書を、両方の記録とファイルを示して断る', async () => {
  // Two folders named x under different parents, each in the shard its path selects: no single build would accept them.
  const candidates = Array.from({ length: 50 }, (_, i) => `assessments/g${i}/x/assessment.yaml`);
  const first = candidates.find((f) => shardOf(f, 2) === 1)!;
  const second = candidates.find((f) => shardOf(f, 2) === 2)!;
  const sha = 'a'.repeat(64);
  for (const [i, file] of [[1, first], [2, second]] as const) {
    mkdirSync(path.join(cwd, 'dup', `s${i}`), { recursive: true });
    writeFileSync(path.join(cwd, 'dup', `s${i}`, 'shard.json'), JSON.stringify({ format: shardFormat, shard: { index: i, count: 2 }, edition: 'public', files: 1, entries: [{ slug: 'x', file, sha256: sha, source: sha }] }));
  }
  await refused(['dup/s1', 'dup/s2'], new RegExp(`dup/s2/shard\\.json の ${second.replaceAll('/', '\\/')} と dup/s1/shard\\.json の ${first.replaceAll('/', '\\/')}: どちらも「x」のページです。`));
});

let browser: Browser | undefined;
const cleanups: (() => void)[] = [];
function t_after(f: () => void) {
  cleanups.push(f);
}
after(async () => {
  for (const f of cleanups) f();
  await browser?.close();
});

test('まとめたサイトの検索(Chromium): 最初のシャードの評価書も最後のシャードの評価書も見つかる', async () => {
  const r = await run(cwd, ['merge', ...shardDirs, '-o', 'merged']);
  assert.equal(r.code, 0, r.stderr);
  const site = await serve(path.join(cwd, 'merged'), '/');
  try {
    browser = await launchChromium();
    const page = await browser.newPage();
    const found = async (query: string) => {
      await page.goto(`${site.url}search/?q=${encodeURIComponent(query)}`);
      await page.locator('[data-search-status]').filter({ hasText: /検索結果は|当たるページはありません/ }).waitFor();
      return page.locator('.search-results > li > a').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    };
    // variant-0001 is in shard 1/3, variant-0005 in shard 3/3 (the first test checks it); each phrase is in one of them only.
    assert.ok((await found('受付票(第1号様式)')).includes('/variant-0001/'));
    assert.ok((await found('受付票(第5号様式)')).includes('/variant-0005/'));
    assert.ok((await found('試験用の事務12')).includes('/variant-0012/'));
    assert.ok((await found('こども医療費')).includes(`/${referenceSlug}/`));
    // The same pages as the single build's search (one index of every page), the page with the phrase first. Ties
    // may come in another order: pagefind scores with each index's own term statistics.
    const single = await serve(path.join(cwd, 'single'), '/');
    try {
      for (const query of ['第1号様式', '第5号様式', 'こども医療費']) {
        const merged = await found(query);
        await page.goto(`${single.url}search/?q=${encodeURIComponent(query)}`);
        await page.locator('[data-search-status]').filter({ hasText: /検索結果は|当たるページはありません/ }).waitFor();
        const alone = await page.locator('.search-results > li > a').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
        assert.deepEqual([...merged].sort(), [...alone].sort(), query);
        if (query !== 'こども医療費') assert.equal(merged[0], alone[0], query);
      }
    } finally {
      await single.close();
    }
    // The common pages are in the main index.
    assert.ok((await found('お問い合わせ')).length > 0);
    if (process.env.PIA_SCREENSHOTS) {
      await found('受付票(第5号様式)');
      await page.screenshot({ path: path.join(process.env.PIA_SCREENSHOTS, 'merged-search.png'), fullPage: true });
    }
    // Without the parts list the assessments are not found: they are only in the shards' parts.
    await page.route('**/pagefind-parts/parts.json', (route) => route.fulfill({ status: 404 }));
    assert.deepEqual(await found('受付票(第5号様式)'), []);
  } finally {
    await site.close();
  }
});
