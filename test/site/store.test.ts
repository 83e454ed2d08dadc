/**
 * The page store (src/site/store.ts) and the validation cache (src/site/structure-cache.ts) serve only what they
 * stored: an entry whose file was written since (even to the same size), removed or cut short is not used.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Store, sha256 } from '../../src/site/store.ts';
import { validateStructure } from '../../src/site/structure-cache.ts';
import { handOverSourceHashes } from '../../src/site/source-hashes.ts';
import { writeAssessments } from './generate.ts';

const key = (s: string) => sha256(s);

function unitFrom(tmp: string): string {
  const from = path.join(tmp, 'built');
  mkdirSync(path.join(from, 'sub'), { recursive: true });
  writeFileSync(path.join(from, 'index.html'), '<p>評価書</p>');
  writeFileSync(path.join(from, 'sub', 'data.json'), '{"a":1}');
  return from;
}

test('保存したページは、書き換え(同じ大きさでも)・削除されていれば使わない', (t) => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'pia-store-'));
  t.after(() => rmSync(tmp, { recursive: true, force: true }));
  const store = new Store(path.join(tmp, 'store'));
  const from = unitFrom(tmp);
  const put = store.put(key('a'), from, ['index.html', 'sub/data.json'], { slug: 'a' });
  assert.deepEqual(store.get(key('a'))?.files, put.files);
  assert.deepEqual(store.get(key('a'))?.meta, { slug: 'a' });

  // The same size, written in place through the built file (a hard link of the stored one).
  const fd = openSync(path.join(from, 'index.html'), 'r+');
  writeSync(fd, 'q', 1);
  closeSync(fd);
  assert.equal(statSync(path.join(put.dir, 'index.html')).size, Buffer.byteLength('<p>評価書</p>'));
  assert.equal(store.get(key('a')), undefined);

  store.put(key('b'), unitFrom(mkdtempSync(path.join(tmp, 'b-'))), ['index.html', 'sub/data.json']);
  rmSync(path.join(store.root, key('b'), 'sub', 'data.json'));
  assert.equal(store.get(key('b')), undefined);
});

test('保存した記録が保存先の外のファイル・シンボリックリンク・記録自身を指していれば使わない', (t) => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'pia-store-'));
  t.after(() => rmSync(tmp, { recursive: true, force: true }));
  const store = new Store(path.join(tmp, 'store'));
  const put = store.put(key('a'), unitFrom(tmp), ['index.html', 'sub/data.json']);
  const unitFile = path.join(put.dir, '.pia-unit.json');
  const good = readFileSync(unitFile, 'utf8');
  const outside = path.join(tmp, 'outside.html');
  writeFileSync(outside, '<p>評価書</p>');
  const recorded = JSON.parse(good) as { files: Record<string, string>; stamps: Record<string, string> };
  for (const name of ['../../outside.html', 'sub/../../../outside.html', '/etc/hostname', '.pia-unit.json', 'sub//data.json']) {
    writeFileSync(unitFile, JSON.stringify({ ...recorded, files: { ...recorded.files, [name]: sha256(readFileSync(outside)) } }));
    assert.equal(store.get(key('a')), undefined, name);
  }
  writeFileSync(unitFile, good);
  assert.ok(store.get(key('a')));
  // A recorded file replaced by a link to a file of the same bytes elsewhere.
  rmSync(path.join(put.dir, 'index.html'));
  symlinkSync(outside, path.join(put.dir, 'index.html'));
  assert.equal(store.get(key('a')), undefined);
  // Files no record names are never placed, so they do not spoil the entry.
  rmSync(path.join(put.dir, 'index.html'));
  writeFileSync(path.join(put.dir, 'index.html'), '<p>評価書</p>');
  writeFileSync(path.join(put.dir, 'extra.html'), 'x');
  assert.deepEqual(Object.keys(store.get(key('a'))?.files ?? {}).sort(), ['index.html', 'sub/data.json']);
});

test('保存した記録(ハッシュは正しいが時刻の記録がないもの)は、ハッシュで確かめて使う', (t) => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'pia-store-'));
  t.after(() => rmSync(tmp, { recursive: true, force: true }));
  const store = new Store(path.join(tmp, 'store'));
  const put = store.put(key('a'), unitFrom(tmp), ['index.html', 'sub/data.json']);
  const unitFile = path.join(put.dir, '.pia-unit.json');
  const recorded = JSON.parse(readFileSync(unitFile, 'utf8')) as { files: Record<string, string>; stamps?: unknown };
  delete recorded.stamps;
  writeFileSync(unitFile, JSON.stringify(recorded));
  assert.ok(store.get(key('a')));
  writeFileSync(path.join(put.dir, 'index.html'), '<p>評価書</p>'.replace('評価書', '改ざん'));
  assert.equal(store.get(key('a')), undefined);
});

test('検証結果のキャッシュは、書き換えた・途中で切れた記録を使わず、検証し直す', async (t) => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'pia-structure-cache-'));
  t.after(() => rmSync(tmp, { recursive: true, force: true }));
  const files = writeAssessments(path.join(tmp, 'assessments'), 2, { withReference: false });
  const cache = path.join(tmp, 'cache');
  const first = await validateStructure(files, cache);
  const dir = path.join(cache, 'pia-structure');
  const entries = readdirSync(dir).sort();
  assert.equal(entries.length, 2);
  assert.deepEqual(await validateStructure(files, cache), first);

  // One entry's data changed (its recorded hash no longer matches), the other cut short.
  const [a, b] = entries.map((e) => path.join(dir, e));
  writeFileSync(a!, readFileSync(a!, 'utf8').replace('試験用の事務', '書き換えた事務'));
  const text = readFileSync(b!, 'utf8');
  writeFileSync(b!, text.slice(0, text.length >> 1));
  const again = await validateStructure(files, cache);
  assert.deepEqual(again, first);
  assert.doesNotMatch(JSON.stringify(again), /書き換えた事務/);
  // The entries were written again, whole.
  assert.doesNotMatch(readFileSync(a!, 'utf8'), /書き換えた事務/);
  assert.equal(readFileSync(b!, 'utf8'), text);
});

test('ビルドが先に求めた原本のハッシュを使い、その後に書き換えた原本の結果はそのハッシュで記録しない', async (t) => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'pia-structure-handover-'));
  t.after(() => {
    handOverSourceHashes(undefined);
    rmSync(tmp, { recursive: true, force: true });
  });
  const [file] = writeAssessments(path.join(tmp, 'assessments'), 1, { withReference: false }) as [string];
  const cache = path.join(tmp, 'cache');
  const dir = path.join(cache, 'pia-structure');
  const before = readFileSync(file);
  // The build hashed the file, then it was written before the loader read it.
  handOverSourceHashes(new Map([[file, sha256(before)]]));
  writeFileSync(file, before.toString('utf8').replace('試験用の事務1 重点項目評価書', '書き換えた事務 重点項目評価書'));
  const [changed] = await validateStructure([file], cache);
  assert.match(JSON.stringify(changed!.data), /書き換えた事務/);
  // Kept, if at all, under the key of the text it was made from.
  for (const name of readdirSync(dir)) assert.match(readFileSync(path.join(dir, name), 'utf8'), /書き換えた事務/);
  // Put back as it was when hashed: not served the changed text's result.
  writeFileSync(file, before);
  const [back] = await validateStructure([file], cache);
  assert.doesNotMatch(JSON.stringify(back!.data), /書き換えた事務/);
  assert.equal(readdirSync(dir).length, 1, 'a result made from the hashed text is kept (the other pruned)');
  assert.doesNotMatch(readFileSync(path.join(dir, readdirSync(dir)[0]!), 'utf8'), /書き換えた事務/);
  // With the hash handed over and the text as it was hashed, the kept result is used.
  handOverSourceHashes(new Map([[file, sha256(before)]]));
  assert.deepEqual(await validateStructure([file], cache), [back]);
});

test('BOM 付きの評価書の検証結果も記録され、次のビルドで使われる', async (t) => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'pia-structure-bom-'));
  t.after(() => rmSync(tmp, { recursive: true, force: true }));
  const [file] = writeAssessments(path.join(tmp, 'assessments'), 1, { withReference: false }) as [string];
  writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(file)]));
  const cache = path.join(tmp, 'cache');
  const dir = path.join(cache, 'pia-structure');
  const first = await validateStructure([file], cache);
  assert.equal(first[0]!.renderable, true);
  assert.equal(readdirSync(dir).length, 1, 'stored under the hash of its bytes, BOM and all');
  // Served from the entry: an entry changed with its own hash recomputed would be used, so the data here is the entry's.
  const entry = path.join(dir, readdirSync(dir)[0]!);
  const body = readFileSync(entry, 'utf8').split('\n').slice(1).join('\n').replace('試験用の事務1', '記録から読んだ事務');
  writeFileSync(entry, `${sha256(body)}\n${body}`);
  assert.match(JSON.stringify((await validateStructure([file], cache))[0]!.data), /記録から読んだ事務/);
});
