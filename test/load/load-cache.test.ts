/** The parse cache: keyed by the decoded text's SHA-256, the same answers as loadText, copies callers may change. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { clearLoadCache, loadCacheStats, loadFileCached, loadText, loadTextCached, textSha256 } from '../../src/load/load-file.ts';
import { validatedOf } from '../../src/validate/validate-many.ts';
import { validateText } from '../../src/validate/validate.ts';

const file = fileURLToPath(new URL('../../assessments/koshigaya-48-kodomo-iryohi/assessment.yaml', import.meta.url));
const text = readFileSync(file, 'utf8');

test('a second load of the same text is a hit with the same data and positions, for the new file name', () => {
  clearLoadCache();
  const before = loadCacheStats();
  const a = loadTextCached('a.yaml', Buffer.from(text));
  const b = loadTextCached('b.yaml', '\uFEFF' + text); // a string with a BOM is the same text
  const after = loadCacheStats();
  assert.equal(after.misses - before.misses, 1);
  assert.equal(after.hits - before.hits, 1);
  assert.equal(after.entries, 1);
  assert.ok(a.ok && b.ok);
  const plain = loadText('c.yaml', text);
  assert.ok(plain.ok);
  assert.deepEqual(b.loaded.data, plain.loaded.data);
  assert.equal(b.loaded.file, 'b.yaml');
  for (const pointer of ['/表紙/評価書番号', '/変更箇所/0/ID', '/nope']) assert.deepEqual(b.loaded.locate(pointer), plain.loaded.locate(pointer));
  assert.equal(b.loaded.doc.toString(), plain.loaded.doc.toString());
  // Each caller has its own copy.
  (a.loaded.data as Record<string, unknown>)['様式'] = 'changed';
  const c = loadTextCached('c.yaml', text);
  assert.ok(c.ok);
  assert.equal((c.loaded.data as Record<string, unknown>)['様式'], '重点項目評価書');
});

test('refusals are cached too and name the file they were asked for; a file that is not UTF-8 is refused as before', () => {
  clearLoadCache();
  const bad = '様式: 重点項目評価書\n表紙:\n  評価書番号: 1\n  評価書番号: 2\n';
  const a = loadTextCached('a.yaml', bad);
  const b = loadTextCached('b.yaml', bad);
  assert.ok(!a.ok && !b.ok);
  assert.deepEqual(b.diagnostics.map((d) => [d.file, d.rule, d.line, d.col]), [['b.yaml', 'yaml-duplicate-key', 4, 3]]);
  const sjis = loadTextCached('s.yaml', new Uint8Array([0x97, 0x6c, 0x8e, 0xae, 0x3a, 0x20, 0x8f, 0x64, 0x93, 0x5f, 0x0a]));
  assert.ok(!sjis.ok);
  assert.equal(sjis.diagnostics[0]!.rule, 'load-not-utf8');
  assert.equal(loadCacheStats().entries, 1);
});

test('loadFileCached reads as loadFile does; the key is the textSha256 validation reports', () => {
  clearLoadCache();
  const r = loadFileCached(file);
  assert.ok(r.ok);
  const missing = loadFileCached('/nonexistent/a.yaml');
  assert.ok(!missing.ok);
  assert.equal(missing.diagnostics[0]!.rule, 'load-not-found');
  assert.equal(validatedOf('a.yaml', validateText('a.yaml', text)).textSha256, textSha256(text));
});
