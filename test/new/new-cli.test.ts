/**
 * `npx pia new` as the officer runs it, in a fresh project folder: the draft is written once, atomically, only
 * inside assessments/, never over a file; `--from` copies another 事務's 評価書 without what belongs to it; the
 * result is the draft `pia validate` reads, and the basic form's 事務 filled at least passes `validate --strict`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { loadForms } from '../../src/schema/registry.ts';
import { editorSchemaFile } from '../../src/editor/editor-schema.ts';
import { fillMinimum } from './fill.ts';
import { parseFolder } from '../../src/new/target.ts';
import type { PiaError } from '../../src/report/errors.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = path.join(root, 'src/cli/bin.js');
const referenceOffice = 'assessments/koshigaya-48-kodomo-iryohi';

function project(withReference = false): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pia-new-'));
  mkdirSync(path.join(dir, 'assessments'));
  if (withReference) cpSync(path.join(root, referenceOffice), path.join(dir, referenceOffice), { recursive: true });
  return dir;
}
function pia(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, PIA_TODAY: '2026-12-02', PIA_LANG: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
/** Every file under a folder (temp files included), for "nothing else was written". */
const filesUnder = (dir: string): string[] => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();

test('pia new --help は使い方を示し、終了コード 0。pia の一覧にも new がある', () => {
  const dir = project();
  const help = pia(dir, 'new', '--help');
  assert.equal(help.code, 0);
  assert.match(help.stdout, /使い方: npx pia new <フォルダ名> --form <様式>/);
  assert.match(help.stdout, /--from/);
  assert.match(pia(dir, '--help').stdout, /new\s+様式のすべての項目/);
});

test('基礎項目評価書: 作成 → 最低限の記載 → validate --strict の指摘なし(事務の規則も含めて)', () => {
  const dir = project();
  const r = pia(dir, 'new', 'yobo-sesshu', '--form', '様式2');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /assessments\/yobo-sesshu\/assessment\.yaml を作成しました\(基礎項目評価書・様式2、項目 \d+ 件\)/);
  const file = path.join(dir, 'assessments/yobo-sesshu/assessment.yaml');
  const text = readFileSync(file, 'utf8');
  // The modeline points at the editor schema, relative to the file (as the LSP test expects of every 評価書).
  const target = /\$schema=(\S+)/.exec(text.split('\n')[0]!)?.[1];
  assert.equal(path.resolve(path.dirname(file), target!), editorSchemaFile(loadForms().get('基礎項目評価書')!.file));
  assert.deepEqual(filesUnder(path.join(dir, 'assessments')), ['yobo-sesshu/assessment.yaml']);

  const blank = pia(dir, 'validate', '--strict', '--format', 'json');
  assert.equal(blank.code, 1);
  const rules = new Set(JSON.parse(blank.stdout).diagnostics.map((d: { rule: string }) => d.rule));
  assert.deepEqual([...rules], ['blank-required-item']);

  writeFileSync(file, fillMinimum(loadForms().get('基礎項目評価書')!, file, text));
  const filled = pia(dir, 'validate', '--strict');
  assert.equal(filled.code, 0, filled.stdout);
  assert.match(filled.stdout, /エラー 0 件、警告 0 件/);
});

test('同じ事務の2つ目の評価書は事務のフォルダの中に作る(事務のフォルダに評価書がなければ断る)', () => {
  const dir = project();
  const orphan = pia(dir, 'new', 'jido-teate/jido-teate-juten', '--form', '重点項目評価書');
  assert.equal(orphan.code, 2);
  assert.match(orphan.stderr, /事務のフォルダ assessments\/jido-teate の中の評価書ですが/);
  assert.equal(existsSync(path.join(dir, 'assessments/jido-teate')), false, 'nothing created');
  assert.equal(pia(dir, 'new', 'jido-teate', '--form', 'basic').code, 0);
  const nested = pia(dir, 'new', 'assessments/jido-teate/jido-teate-juten/', '--form', 'focused', '--format', 'json');
  assert.equal(nested.code, 0, nested.stderr);
  const json = JSON.parse(nested.stdout);
  assert.equal(json.file, 'assessments/jido-teate/jido-teate-juten/assessment.yaml');
  assert.equal(json.form, '重点項目評価書');
  assert.equal(json.code, '様式3');
  assert.equal(json.from, null);
  assert.ok(json.items > 200);
  const text = readFileSync(path.join(dir, json.file), 'utf8');
  assert.match(text.split('\n')[0]!, /^# yaml-language-server: \$schema=.*focused\.v1\.editor\.schema\.json$/);
  // The folder name is the slug (site URL, PDF name): not twice in the city, at any level.
  const taken = pia(dir, 'new', 'jido-teate-juten', '--form', '基礎項目評価書');
  assert.equal(taken.code, 2);
  assert.match(taken.stderr, /フォルダ名「jido-teate-juten」は assessments\/jido-teate\/jido-teate-juten で既に使われています/);
  // pia validate finds both 評価書 of the 事務 and reads them as one 事務.
  const v = pia(dir, 'validate', 'assessments/jido-teate', '--format', 'json');
  assert.equal(JSON.parse(v.stdout).files, 2);
});

test('既にある評価書は上書きしない(終了コード 2、ファイルは元のまま)', () => {
  const dir = project();
  mkdirSync(path.join(dir, 'assessments/kiso'));
  writeFileSync(path.join(dir, 'assessments/kiso/assessment.yml'), 'keep: me\n');
  const r = pia(dir, 'new', 'kiso', '--form', '基礎項目評価書');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /assessments\/kiso\/assessment\.yml が既にあります。上書きしないため、何も書き込んでいません。/);
  assert.equal(readFileSync(path.join(dir, 'assessments/kiso/assessment.yml'), 'utf8'), 'keep: me\n');
  assert.equal(pia(dir, 'new', 'kiso2', '--form', '基礎項目評価書').code, 0);
  const again = pia(dir, 'new', 'kiso2', '--form', '全項目評価書');
  assert.equal(again.code, 2);
  assert.match(parse(readFileSync(path.join(dir, 'assessments/kiso2/assessment.yaml'), 'utf8')).様式, /基礎項目評価書/);
  assert.deepEqual(filesUnder(path.join(dir, 'assessments')), ['kiso/assessment.yml', 'kiso2/assessment.yaml'], 'no temp file left');
});

test('assessments/ の外に出る名前、使えない名前、リンクのフォルダは断る(終了コード 2、何も作らない)', () => {
  const dir = project();
  const outside = mkdtempSync(path.join(tmpdir(), 'pia-outside-'));
  symlinkSync(outside, path.join(dir, 'assessments/link'));
  for (const name of ['../escape', '/tmp/abs', 'a/../../b', 'a\\b', 'Kiso', '評価書', 'x_y', 'x-', 'a/b/c', '.', '', 'a'.repeat(81)]) {
    assert.throws(() => parseFolder(name), (e: PiaError) => e.spec === 'BadFolderName' && e.exitCode === 2, name);
  }
  assert.deepEqual(parseFolder('assessments/jido-teate/').segments, ['jido-teate']);
  assert.equal(parseFolder('a'.repeat(80)).folder, 'a'.repeat(80));
  for (const [name, message] of [['../escape', /使えません/], ['link', /フォルダではない/], ['link/x', /フォルダではない/], ['-x', /オプション/]] as const) {
    const r = pia(dir, 'new', name, '--form', '基礎項目評価書');
    assert.equal(r.code, 2, `${name}: ${r.stdout}`);
    assert.match(r.stderr, message, name);
  }
  assert.deepEqual(filesUnder(outside), []);
  assert.deepEqual(readdirSync(path.join(dir, 'assessments')), ['link']);
  assert.deepEqual(readdirSync(dir), ['assessments']);
});

test('指定の誤りは終了コード 2: 様式なし・知らない様式・引数の数・--format', () => {
  const dir = project();
  assert.match(pia(dir, 'new', 'x').stderr, /--form で様式を指定してください。使える様式: .*基礎項目評価書\(様式2\)/);
  assert.match(pia(dir, 'new', 'x', '--form', '様式9').stderr, /様式「様式9」の定義が schemas\/ にありません/);
  assert.equal(pia(dir, 'new', '--form', '様式2').code, 2);
  assert.equal(pia(dir, 'new', 'x', 'y', '--form', '様式2').code, 2);
  assert.equal(pia(dir, 'new', 'x', '--form', '様式2', '--format', 'sarif').code, 2);
  assert.equal(pia(dir, 'new', 'x', '--bogus').code, 2);
  assert.deepEqual(readdirSync(path.join(dir, 'assessments')), []);
});

test('--lang en: 英語のメッセージ(評価書の中身は様式の日本語のまま)', () => {
  const dir = project();
  const r = pia(dir, 'new', 'kiso', '--form', '様式2', '--lang', 'en');
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^Created assessments\/kiso\/assessment\.yaml \(基礎項目評価書, 様式2; \d+ items\)\.\nNext: /);
  const refused = pia(dir, 'new', 'kiso', '--form', '様式2', '--lang', 'en');
  assert.match(refused.stderr, /already exists\. It was not overwritten; nothing was written\./);
  assert.match(pia(dir, 'new', '../x', '--form', '様式2', '--lang', 'en').stderr, /cannot be used: give only a folder name inside assessments\//);
});

test('--from: 他の事務の評価書を写す。評価書番号・評価書名・事務の名称と概要・日付・手続の結果・変更箇所・検証の例外は写さず、そう表示する', () => {
  const dir = project(true);
  const source = parse(readFileSync(path.join(dir, referenceOffice, 'assessment.yaml'), 'utf8'));
  const r = pia(dir, 'new', 'jido-teate', '--from', `${referenceOffice}/`, '--format', 'json');
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.equal(json.form, '重点項目評価書');
  assert.equal(json.from, `${referenceOffice}/assessment.yaml`);
  const reasons = new Map<string, string>(json.cleared.map((c: { pointer: string; reason: string }) => [c.pointer, c.reason]));
  assert.equal(reasons.get('/表紙/評価書番号'), 'identity');
  assert.equal(reasons.get('/表紙/評価書名'), 'identity');
  assert.equal(reasons.get('/表紙/公表日'), 'date');
  // 事務の名称 and 事務の概要 are blank in the reference; cleared (and listed) only where the source has them.
  assert.equal(reasons.has('/基本情報/特定個人情報ファイルを取り扱う事務/事務の名称'), source.基本情報.特定個人情報ファイルを取り扱う事務?.事務の名称 != null);
  assert.equal(reasons.get('/変更箇所'), 'changes');
  assert.ok(json.cleared.find((c: { pointer: string; count?: number }) => c.pointer === '/変更箇所')?.count === source.変更箇所.length);

  const copy = parse(readFileSync(path.join(dir, 'assessments/jido-teate/assessment.yaml'), 'utf8'));
  assert.equal(copy.表紙.評価書番号, null);
  assert.equal(copy.表紙.公表日, null);
  assert.deepEqual(copy.変更箇所, []);
  assert.equal(copy.検証の例外, undefined);
  assert.equal(copy.基本情報.特定個人情報ファイルを取り扱う事務.事務の名称, null);
  // What the other 事務 can share is copied as it is: the declaration, the organisation, the risk measures.
  assert.equal(copy.表紙.個人のプライバシー等の権利利益の保護の宣言, source.表紙.個人のプライバシー等の権利利益の保護の宣言);
  assert.equal(copy.表紙.評価実施機関名, source.表紙.評価実施機関名);
  // (items the source lacks are added blank)
  for (const [key, value] of Object.entries(source.リスク対策.特定個人情報ファイル[0].特定個人情報の使用)) assert.deepEqual(copy.リスク対策.特定個人情報ファイル[0].特定個人情報の使用[key], value, key);
  assert.deepEqual(copy.特定個人情報ファイル記録項目.map((f: { 記録項目: unknown }) => f.記録項目), source.特定個人情報ファイル記録項目.map((f: { 記録項目: unknown }) => f.記録項目));

  // In text: the list of what was not copied, by item name.
  const text = pia(dir, 'new', 'jido-teate-2', '--from', `${referenceOffice}/assessment.yaml`);
  assert.match(text.stdout, /次の \d+ 件は写さず、空欄にしました/);
  assert.match(text.stdout, /- 表紙 評価書番号\(元の事務を表す記載\)/);
  assert.match(text.stdout, /変更箇所\(元の評価書の変更履歴 \d+ 行\)/);
});

test('--from は assessments/ の中の、様式に合う評価書だけ。--form と様式が違えば断る', () => {
  const dir = project(true);
  const outside = path.join(dir, 'elsewhere.yaml');
  cpSync(path.join(root, referenceOffice, 'assessment.yaml'), outside);
  assert.match(pia(dir, 'new', 'x', '--from', outside).stderr, /--from の .* を元にできません: assessments\/ の外のファイルです/);
  assert.match(pia(dir, 'new', 'x', '--from', 'assessments/none').stderr, /を元にできません/);
  writeFileSync(path.join(dir, 'assessments/broken.yaml'), '様式: 重点項目評価書\n表紙: 1\n');
  assert.match(pia(dir, 'new', 'x', '--from', 'assessments/broken.yaml').stderr, /様式の構造に合いません/);
  assert.match(pia(dir, 'new', 'x', '--from', referenceOffice, '--form', '基礎項目評価書').stderr, /--form 基礎項目評価書 と、--from の評価書の様式\(重点項目評価書\)が違います/);
  assert.equal(existsSync(path.join(dir, 'assessments/x')), false);
});
