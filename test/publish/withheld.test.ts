/**
 * 非公表 end to end, for every form: marker strings planted in every 非公表 place of the reference 重点項目評価書,
 * of its 基礎項目評価書 and of the sample 全項目評価書 (a whole text item, a part of a text, a 変更箇所 cell, a 別添1
 * 記録項目, a whole 委託事項 block, 変更箇所 text quoting a withheld part, and the reason itself) never appear in
 * any public artefact of `pia build` (HTML, JSON, CSV, JS, source maps, the pagefind index decompressed, PDF text
 * and the PDF's embedded JSON). `pia build --submission` has them all, outside dist/, with the banner on every page
 * of the site and of every PDF.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { referenceFile, referenceSlug } from '../site/generate.ts';
import { pdfAttachments, pdfInfo, pdfText } from '../support/tools.ts';
import { submissionBanner } from '../../src/validate/edition.ts';

const bin = fileURLToPath(new URL('../../src/cli/bin.js', import.meta.url));
const focusedMarkers = ['QZXM1', 'QZXM2', 'QZXM3', 'QZXM4', 'QZXM5', 'QZXM6', 'QZXM7'];
const basicMarkers = ['QZXB1', 'QZXB2', 'QZXB3', 'QZXB4'];
const fullMarkers = ['QZXF1', 'QZXF2', 'QZXF3', 'QZXF4', 'QZXF5', 'QZXF6'];
const markers = [...focusedMarkers, ...basicMarkers, ...fullMarkers];
/** The reasons' markers: in the 非公表 list only, which neither edition renders. */
const reasonMarkers = new Set(['QZXM7', 'QZXB4', 'QZXF6']);
const fileId = 'kodomo-iryohi-jukyu-shikaku';
const basicSlug = `${referenceSlug}-basic`;
const repo = fileURLToPath(new URL('../../', import.meta.url));
const fullDir = 'aobagawa-juki-full';
const fullBasicSlug = 'aobagawa-juki-basic';

/** Replaces `from` (which must occur exactly once) by `to`. */
function plant(text: string, from: string, to: string): string {
  assert.equal(text.split(from).length, 2, `${from} occurs once`);
  return text.replace(from, to);
}
const withAppended = (text: string, list: string[]) => `${text}${text.endsWith('\n') ? '' : '\n'}${list.join('\n')}\n`;

/** The reference's (fictional) 基礎項目評価書: a whole item, a part of a text, a 変更箇所 cell and a quote of the part. */
export function plantedBasicText(): string {
  let text = readFileSync(path.join(repo, 'assessments', referenceSlug, basicSlug, 'assessment.yaml'), 'utf8');
  text = plant(text, '秘密保持を契約に含めている。', '秘密保持を契約に含めている(QZXB1条項)。');
  text = plant(text, 'システムの名称: 福祉総合システム、団体内統合宛名システム、中間サーバー\n', 'システムの名称: 福祉総合システム、団体内統合宛名システム、中間サーバー、QZXB2連携基盤\n');
  text = plant(text, '変更箇所: []\n', [
    '変更箇所:',
    '  - ID: r8-system',
    '    変更日: 令和8年3月1日',
    '    項目: Ⅰ 関連情報 1. ③システムの名称',
    '    変更前の記載: 福祉総合システム、団体内統合宛名システム、中間サーバー、QZXB2連携基盤',
    '    変更後の記載: 福祉総合システム、団体内統合宛名システム、中間サーバー(QZXB3更新)',
    '    提出時期: 事後',
    '    提出時期に係る説明: 重要な変更に当たらないため。',
    '',
  ].join('\n'));
  return withAppended(text, [
    '非公表:',
    '  - 項目: /リスク対策/最も優先度が高いと考えられる対策/判断の根拠',
    '    理由: 契約の条項 QZXB4',
    '  - 項目: /関連情報/特定個人情報ファイルを取り扱う事務/システムの名称',
    '    部分: 、QZXB2連携基盤',
    '    理由: 連携基盤の名称',
    '  - 項目: /変更箇所/r8-system/変更後の記載',
    '    部分: (QZXB3更新)',
    '    理由: 更新の名称',
  ]);
}

/** The sample 全項目評価書 (様式4): the same kinds of places as in the 重点. */
export function plantedFullText(): string {
  let text = readFileSync(path.join(repo, 'assessments', fullDir, 'assessment.yaml'), 'utf8');
  text = plant(text, '生体認証(静脈認証)とパスワード', '生体認証(QZXF1式静脈認証)とパスワード');
  text = plant(text, 'を行っているサーバー室に設置した市町村CS', 'を行っているQZXF2サーバー室に設置した市町村CS');
  text = plant(text, '    変更後の記載: 市民生活部市民課\n', '    変更後の記載: 市民生活部市民課(QZXF3分室)\n');
  text = plant(text, '    変更前の記載: (記載なし)\n', '    変更前の記載: (記載なし) QZXF2サーバー室\n');
  text = plant(text, '証明書交付制限の区分]', 'QZXF4制限区分]');
  text = plant(text, '委託先名: 株式会社あおば窓口サポート', '委託先名: 株式会社QZXF5');
  return withAppended(text, [
    '非公表:',
    '  - 項目: /特定個人情報ファイルの取扱いプロセスにおけるリスク対策/jumin-kihon-daicho/特定個人情報の使用/リスク2/具体的な管理方法',
    '    理由: 認証装置の方式 QZXF6',
    '  - 項目: /特定個人情報ファイルの概要/honnin-kakunin/特定個人情報の保管・消去/保管場所',
    '    部分: QZXF2サーバー室',
    '    理由: サーバーの設置場所',
    '  - 項目: /変更箇所/r5-soshiki/変更後の記載',
    '    部分: (QZXF3分室)',
    '    理由: 分室の名称',
    '  - 項目: /特定個人情報ファイル記録項目/jumin-kihon-daicho/記録項目/sonota/項目/5',
    '    理由: 区分の名称',
    // A whole 委託事項 here holds checkboxes (提供方法), which cannot be withheld: its 委託先名 is.
    '  - 項目: /特定個人情報ファイルの概要/jumin-kihon-daicho/特定個人情報ファイルの取扱いの委託/委託事項/madoguchi-nyuryoku/委託先名',
    '    理由: 委託先',
  ]);
}

export function plantedText(): string {
  const text = readFileSync(referenceFile, 'utf8')
    .replace('生体認証とパスワードによる二要素認証とすることで', '生体認証(QZXM1式静脈認証)とパスワードによる二要素認証とすることで')
    .replace('入退室管理を行っている部屋に設置した', '入退室管理を行っているQZXM2サーバー室に設置した')
    .replace('    変更後の記載: 越谷市保有個人情報の適切な管理に関する指針', '    変更後の記載: 越谷市保有個人情報の適切な管理に関する指針(QZXM3改訂版)')
    .replace('    変更前の記載: 越谷市個人情報取扱事務の委託に関する指針', '    変更前の記載: 越谷市個人情報取扱事務の委託に関する指針 QZXM2サーバー室 QZXM6')
    .replace('記号, 番号, 個人識別番号]', '記号, 番号, QZXM4識別子]')
    .replace('委託先名: 株式会社アイネス', '委託先名: 株式会社QZXM5');
  const withheld = [
    '非公表:',
    `  - 項目: /リスク対策/特定個人情報ファイル/${fileId}/特定個人情報の使用/リスク2/具体的な管理方法`,
    '    理由: 認証装置の方式が分かると攻撃の手掛かりになるため QZXM7',
    `  - 項目: /特定個人情報ファイルの概要/${fileId}/特定個人情報の保管・消去/保管場所`,
    '    部分: QZXM2サーバー室',
    '    理由: サーバーの設置場所',
    '  - 項目: /変更箇所/2028-09-30-itaku-kitei/変更後の記載',
    '    部分: (QZXM3改訂版)',
    '    理由: 改訂の版名',
    '  - 項目: /変更箇所/2028-09-30-itaku-kitei/変更前の記載',
    '    部分: QZXM6',
    '    理由: 変更前の記載の一部',
    `  - 項目: /特定個人情報ファイル記録項目/${fileId}/記録項目/hoken-joho/項目/7`,
    '    理由: 識別子の名称',
    `  - 項目: /特定個人情報ファイルの概要/${fileId}/特定個人情報ファイルの取扱いの委託/委託事項/fukushi-sogo-system-hoshu`,
    '    理由: 委託先',
    '',
  ].join('\n');
  for (const m of ['QZXM1', 'QZXM2', 'QZXM3', 'QZXM4', 'QZXM5', 'QZXM6']) assert.ok(text.includes(m), m);
  return `${text}${text.endsWith('\n') ? '' : '\n'}${withheld}`;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** Every text a reader (or a crawler) can get from the file: its bytes, decompressed pagefind data, PDF text and attachments. */
async function readable(file: string): Promise<string> {
  const bytes = readFileSync(file);
  const parts = [bytes.toString('utf8')];
  if (/\.pf_/.test(file) || file.includes(`${path.sep}pagefind${path.sep}`)) {
    try {
      parts.push(gunzipSync(bytes).toString('utf8'));
    } catch {
      // not compressed
    }
  }
  if (file.endsWith('.pdf')) {
    // The PDF's text and attachments, read with the tests' PDF reader (no system tool needed).
    const pages = await pdfText(file);
    assert.ok(pages.join('').length > 0, `text read from ${file}`);
    parts.push(...pages);
    for (const bytes of (await pdfAttachments(file)).values()) parts.push(Buffer.from(bytes).toString('utf8'));
  }
  return parts.join('\n');
}

let cwd: string;
before(async () => {
  cwd = mkdtempSync(path.join(tmpdir(), 'pia-withheld-'));
  const put = (rel: string, text: string) => {
    const file = path.join(cwd, 'assessments', rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  };
  // Two 事務: the reference (重点 + its 基礎) and the sample 全項目 事務 (全項目 + its 基礎, unchanged).
  put(`${referenceSlug}/assessment.yaml`, plantedText());
  put(`${referenceSlug}/${basicSlug}/assessment.yaml`, plantedBasicText());
  put(`${fullDir}/assessment.yaml`, plantedFullText());
  put(`${fullDir}/${fullBasicSlug}/assessment.yaml`, readFileSync(path.join(repo, 'assessments', fullDir, fullBasicSlug, 'assessment.yaml'), 'utf8'));
  const run = promisify(execFile);
  // A strict umask, as on many servers' deploy accounts: the published files must still be readable by the web server.
  await run('bash', ['-c', 'umask 077; exec "$0" "$@"', process.execPath, bin, 'build'], { cwd, maxBuffer: 64 * 1024 * 1024 });
  await run(process.execPath, [bin, 'build', '--submission'], { cwd, maxBuffer: 64 * 1024 * 1024 });
});
after(() => rmSync(cwd, { recursive: true, force: true }));

test('公表用(dist/ と out/pdf/)のどのファイルにも非公表の文が現れない(HTML・JSON・CSV・JS・索引・PDF の文字と添付)', async () => {
  const files = [...filesUnder(path.join(cwd, 'dist')), ...filesUnder(path.join(cwd, 'out', 'pdf'))];
  const kinds = new Set(files.map((f) => path.extname(f)));
  for (const ext of ['.html', '.json', '.csv', '.pdf', '.js']) assert.ok(kinds.has(ext), `${ext} is among the checked files`);
  assert.ok(files.some((f) => f.includes(`${path.sep}pagefind${path.sep}`) && /\.pf_(fragment|index)$/.test(f)), 'the search index is checked');
  let withheldShown = 0;
  for (const file of files) {
    const text = await readable(file);
    // The search index keeps words in lower case.
    const lower = text.toLowerCase();
    for (const m of markers) assert.ok(!lower.includes(m.toLowerCase()), `${m} leaked into ${path.relative(cwd, file)}`);
    if (text.includes('（非公表）')) withheldShown++;
  }
  const page = readFileSync(path.join(cwd, 'dist', referenceSlug, 'index.html'), 'utf8');
  assert.match(page, /（非公表）/);
  assert.ok(withheldShown >= 4, 'the page, the JSON, the CSV and the PDF show （非公表）');
  // Every form: its page, JSON and PDF exist, were checked above, and show （非公表） where the text was.
  for (const slug of [basicSlug, fullDir]) {
    for (const f of [path.join('dist', slug, 'index.html'), path.join('dist', slug, `${slug}.json`), path.join('out', 'pdf', `${slug}.pdf`)]) {
      assert.ok(files.includes(path.join(cwd, f)), `${f} was built and checked`);
      assert.ok((await readable(path.join(cwd, f))).includes('（非公表）'), `${f} shows （非公表）`);
    }
    assert.equal(JSON.parse(readFileSync(path.join(cwd, 'dist', slug, `${slug}.json`), 'utf8'))['非公表'], undefined, `${slug}: the list is not published`);
  }
  assert.match(readFileSync(path.join(cwd, 'dist', fullDir, `${fullDir}-records.csv`), 'utf8'), /その他,6,（非公表）/);
  const json = JSON.parse(readFileSync(path.join(cwd, 'dist', referenceSlug, `${referenceSlug}.json`), 'utf8'));
  assert.equal(json['非公表'], undefined, 'the list (with its reasons) is not published');
  assert.match(readFileSync(path.join(cwd, 'dist', referenceSlug, `${referenceSlug}-records.csv`), 'utf8'), /保険情報,8,（非公表）/);
  assert.ok(!page.includes(submissionBanner), 'no banner on the public site');
  // A withheld choice is shown as （非公表）, not as a wrongly written choice.
  assert.ok(!page.includes('様式の選択肢にない記載です'), 'the reference has no wrongly written choice; （非公表） is not one');
});

test('提出用(out/submission/)はすべてを載せ、サイトの各ページと PDF の各ページに「提出用」の表示がある。dist/ には作らない', async () => {
  const site = path.join(cwd, 'out', 'submission', 'site');
  const pages = filesUnder(site).filter((f) => f.endsWith('.html'));
  assert.ok(pages.length >= 5);
  for (const page of pages) assert.ok(readFileSync(page, 'utf8').includes(submissionBanner), `banner on ${path.relative(cwd, page)}`);
  const page = readFileSync(path.join(site, referenceSlug, 'index.html'), 'utf8');
  for (const m of ['QZXM1', 'QZXM2', 'QZXM3', 'QZXM4', 'QZXM5', 'QZXM6']) assert.ok(page.includes(m), `${m} in the submission page`);
  const basicPage = readFileSync(path.join(site, basicSlug, 'index.html'), 'utf8');
  for (const m of basicMarkers.filter((m) => !reasonMarkers.has(m))) assert.ok(basicPage.includes(m), `${m} in the submission 基礎 page`);
  const fullPage = readFileSync(path.join(site, fullDir, 'index.html'), 'utf8');
  for (const m of fullMarkers.filter((m) => !reasonMarkers.has(m))) assert.ok(fullPage.includes(m), `${m} in the submission 全項目 page`);
  const pdf = path.join(cwd, 'out', 'submission', 'pdf', `${referenceSlug}.pdf`);
  const pageTexts = await pdfText(pdf);
  assert.ok(pageTexts.length > 0);
  assert.equal(pageTexts.filter((p) => p.includes('提出用(非公表の部分を含む全文)')).length, (await pdfInfo(pdf)).pages, 'the banner is on every PDF page');
  assert.ok(pageTexts.join('\n').includes('QZXM5'));
  // The same reading finds the markers in the submission's search index: the public check above can see a leak there.
  // The 評価書 pages are indexed in the parts (pagefind-parts/, src/site/search-parts.ts), the site's own pages in pagefind/.
  const indexes = await Promise.all([...filesUnder(path.join(site, 'pagefind')), ...filesUnder(path.join(site, 'pagefind-parts'))].filter((f) => /\.pf_index$/.test(f)).map(readable));
  assert.ok(indexes.some((text) => text.includes('qzxm1')), 'markers are found in a search index');
  const publicTexts = await Promise.all(filesUnder(path.join(cwd, 'dist')).map(readable));
  assert.ok(!publicTexts.some((text) => text.includes('QZXM1')), 'the public site was not replaced by the submission one');
});

test('dist/ のフォルダは 755、ファイルは 644(umask 077 で作っても、権限を保つ複写でもウェブサーバーが読める)', () => {
  const dist = path.join(cwd, 'dist');
  assert.equal(statSync(dist).mode & 0o777, 0o755);
  for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    assert.equal(statSync(full).mode & 0o777, entry.isDirectory() ? 0o755 : 0o644, path.relative(cwd, full));
  }
});
