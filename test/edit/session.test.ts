/** The editor's server side without a browser: save safety (mode, BOM, changed on disk), the merge, the CLI. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { rebase, Session } from '../../src/edit/session.ts';
import { git, referenceRel, repoRoot, scratchProject } from './helpers.ts';

const entrustOf = (data: any) => data['特定個人情報ファイルの概要'][0]['特定個人情報ファイルの取扱いの委託']['委託事項'][0];

test('save keeps the file mode and a BOM; a file changed on disk meanwhile is never overwritten', () => {
  const project = scratchProject();
  try {
    chmodSync(project.file, 0o640);
    writeFileSync(project.file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(project.file)]));
    const session = new Session(project.dir, { today: '2026-12-02' });
    const opened = session.open(referenceRel);
    const data = structuredClone(opened.data) as any;
    entrustOf(data)['委託先名'] = '株式会社モード';
    const saved = session.save(opened.hash, data, undefined);
    assert.equal(saved.saved, true);
    assert.equal(statSync(project.file).mode & 0o777, 0o640);
    const bytes = readFileSync(project.file);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(git(project.dir, 'diff', '--numstat').trim().split('\t').slice(0, 2).join(' '), '2 2', 'the BOM line (unchanged content) and the one value');

    // Another program writes the file; the page's save of its older version is refused and the file kept.
    const other = readFileSync(project.file, 'utf8').replace('部署: 子ども家庭部子ども福祉課', '部署: 別のプログラム');
    writeFileSync(project.file, other);
    const stale = structuredClone(data);
    entrustOf(stale)['委託先名'] = '株式会社古い画面';
    const refused = session.save(saved.saved ? saved.hash : '', stale, undefined);
    assert.equal(refused.saved, false);
    assert.equal(readFileSync(project.file, 'utf8'), other);
    // What is offered: the disk's data, and the page's change carried onto it.
    const conflict = refused as unknown as { disk: any; merged: any; clashes: unknown[] };
    assert.equal(conflict.disk['基本情報']['評価実施機関における担当部署']['部署'], '別のプログラム');
    assert.equal(conflict.merged['基本情報']['評価実施機関における担当部署']['部署'], '別のプログラム');
    assert.equal(entrustOf(conflict.merged)['委託先名'], '株式会社古い画面');
    assert.deepEqual(conflict.clashes, []);
  } finally {
    project.cleanup();
  }
});

test('the merge keeps both sides and names every value changed on both', () => {
  const base = { a: 1, b: { c: 'x', d: 'y' }, list: [{ ID: 'p', v: 1 }] };
  const mine = { a: 2, b: { c: 'mine', d: 'y' }, list: [{ ID: 'p', v: 1 }] };
  const theirs = { a: 1, b: { c: 'theirs', d: 'z' }, list: [{ ID: 'p', v: 3 }] };
  const merged = rebase(base, mine, theirs);
  assert.deepEqual(merged.data, { a: 2, b: { c: 'theirs', d: 'z' }, list: [{ ID: 'p', v: 3 }] });
  assert.deepEqual(merged.clashes, [{ pointer: '/b/c', mine: 'mine', theirs: 'theirs' }]);
});

test('drafted rows from the page are checked: only the 変更箇所 keys, strings, a valid ID', () => {
  const project = scratchProject();
  try {
    const session = new Session(project.dir, { today: '2026-12-02' });
    const opened = session.open(referenceRel);
    assert.throws(() => session.save(opened.hash, opened.data, [{ ID: 'x', 悪い列: 'a' }]), /悪い列/);
    assert.throws(() => session.save(opened.hash, opened.data, [{ ID: 'NOT VALID' }]), /ID/);
    assert.throws(() => session.save(opened.hash, opened.data, 'rows'), /正しくありません/);
    assert.equal(readFileSync(project.file, 'utf8'), readFileSync(path.join(repoRoot, referenceRel), 'utf8'));
  } finally {
    project.cleanup();
  }
});

test('the CLI: --help, a path outside assessments/ and a folder without assessments/ are usage errors (exit 2)', () => {
  const project = scratchProject();
  try {
    const bin = path.join(repoRoot, 'src/cli/bin.js');
    const helpRun = spawnSync(process.execPath, [bin, 'edit', '--help'], { cwd: project.dir, encoding: 'utf8' });
    assert.equal(helpRun.status, 0);
    assert.match(helpRun.stdout, /npx pia edit/);
    const listed = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    assert.match(listed.stdout, /edit\s+評価書をブラウザ/);
    const outside = spawnSync(process.execPath, [bin, 'edit', '../package.json'], { cwd: project.dir, encoding: 'utf8', timeout: 30_000 });
    assert.equal(outside.status, 2, outside.stderr);
    const empty = spawnSync(process.execPath, [bin, 'edit'], { cwd: path.join(project.dir, 'assessments'), encoding: 'utf8', timeout: 30_000 });
    assert.equal(empty.status, 2, empty.stderr);
    assert.match(empty.stderr, /assessments\/ フォルダがありません/);
  } finally {
    project.cleanup();
  }
});
