/**
 * Publication inputs are checked before anything is written: unsafe folder names, two assessments with the same
 * folder name under different parents, and symlinks leading out of assessments/ or public/ stop `pia build` with
 * a message naming the folders, exit code 2, and no PDF or site written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkPublicationInputs, UnsafePublicationError } from '../../src/site/build-site.ts';
import { findAssessments } from '../../src/site/loader.ts';
import { referenceFile } from './generate.ts';

const bin = fileURLToPath(new URL('../../src/cli/bin.js', import.meta.url));

function project(folders: string[]): string {
  const cwd = mkdtempSync(path.join(tmpdir(), 'pia-safety-'));
  for (const folder of folders) {
    mkdirSync(path.join(cwd, 'assessments', folder), { recursive: true });
    cpSync(referenceFile, path.join(cwd, 'assessments', folder, 'assessment.yaml'));
  }
  return cwd;
}

const build = (cwd: string) => spawnSync(process.execPath, [bin, 'build'], { cwd, encoding: 'utf8' });
const nothingWritten = (cwd: string) => {
  assert.ok(!existsSync(path.join(cwd, 'out')), 'no PDF written');
  assert.ok(!existsSync(path.join(cwd, 'dist')), 'no site written');
};

test('別の親フォルダにある同じ名前の評価書は、両方のフォルダを示す誤りで止まる(一方が黙って消えない)', () => {
  const cwd = project(['kodomo', 'r7/kodomo']);
  const result = build(cwd);
  assert.equal(result.status, 2, result.stderr);
  assert.match(result.stderr, /assessments\/kodomo と assessments\/r7\/kodomo: どちらもフォルダ名が「kodomo」です。/);
  nothingWritten(cwd);
});

test('%2e%2e・#・?・空白を含むフォルダ名は、何も書く前に断る', () => {
  for (const name of ['%2e%2e', 'a#b', 'q?x', 'sp ace', 'a%20b']) {
    const cwd = project([name]);
    const result = build(cwd);
    assert.equal(result.status, 2, `${name}: ${result.stderr}`);
    assert.match(result.stderr, new RegExp(`フォルダ名「${name.replace(/[?.]/g, '\\$&')}」はページのアドレスとファイル名に使えません`));
    assert.doesNotMatch(result.stderr, /内部エラー/);
    nothingWritten(cwd);
  }
  // Japanese folder names are fine.
  const japanese = path.join(project(['こども医療費']), 'assessments');
  assert.doesNotThrow(() => checkPublicationInputs(findAssessments(japanese), japanese));
});

test('assessments/ の中の、外を指すシンボリックリンク(ファイル・フォルダ)は読まずに断る', () => {
  const cwd = project(['kodomo']);
  const outside = mkdtempSync(path.join(tmpdir(), 'pia-outside-'));
  cpSync(referenceFile, path.join(outside, 'assessment.yaml'));
  mkdirSync(path.join(cwd, 'assessments', 'leak'));
  symlinkSync(path.join(outside, 'assessment.yaml'), path.join(cwd, 'assessments', 'leak', 'assessment.yaml'));
  symlinkSync(outside, path.join(cwd, 'assessments', 'linked-folder'));
  const result = build(cwd);
  assert.equal(result.status, 2, result.stderr);
  assert.match(result.stderr, /assessments\/leak\/assessment\.yaml: 評価書のフォルダの外\(.+\)を指すシンボリックリンクです。/);
  assert.match(result.stderr, /assessments\/linked-folder: 評価書のフォルダの外を指すシンボリックリンクです。/);
  nothingWritten(cwd);
});

test('public/ の中の、プロジェクトの外を指すシンボリックリンクがあるとサイトを作らない', () => {
  const cwd = project(['kodomo']);
  const publicDir = path.join(cwd, 'public');
  mkdirSync(path.join(publicDir, 'docs'), { recursive: true });
  writeFileSync(path.join(publicDir, 'favicon.svg'), '<svg/>');
  symlinkSync('/etc/passwd', path.join(publicDir, 'docs', 'passwd.txt'));
  const dir = path.join(cwd, 'assessments');
  assert.throws(() => checkPublicationInputs(findAssessments(dir), dir, publicDir), (e: unknown) => e instanceof UnsafePublicationError && /public\/docs\/passwd\.txt: プロジェクトの外を指すシンボリックリンクです/.test(e.message));
});
