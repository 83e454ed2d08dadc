/** --shard i/n: parsing, and the split by repository-relative path (stable, disjoint, complete, even). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PiaError } from '../../src/report/errors.ts';
import { inShardFromEnvironment, parseShard, repositoryRoot, selectShard, shardKey, shardOf } from '../../src/shard/shard.ts';

const files = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `assessments/a-${i + from}/assessment.yaml`);

test('--shard: i/n を受け付け、0/3・4/3・1/0・a/b などは使い方の誤り(終了コード 2、ヒント付き)', () => {
  assert.deepEqual(parseShard('1/3', 'validate'), { index: 1, count: 3 });
  assert.deepEqual(parseShard('16/16', 'build'), { index: 16, count: 16 });
  assert.equal(parseShard(undefined, 'pdf'), undefined);
  for (const bad of ['0/3', '4/3', '1/0', 'a/b', '1/3/5', ' 1/3', '1/3 ', '01/3', '-1/3', '1.5/3', '', '3', '/3', '1/99999']) {
    assert.throws(() => parseShard(bad, 'validate'), (e: unknown) => {
      assert.ok(e instanceof PiaError, bad);
      assert.equal(e.exitCode, 2);
      assert.match(e.message, /--shard「.*」は使えません。i\/n の形/);
      assert.match(e.message, /npx pia validate --help/);
      assert.match(e.hint ?? '', /matrix/);
      return true;
    });
  }
});

test('分け方: どのファイルもちょうど1つのシャードに入り、偏りは小さく、ファイルを足してもほかは移らない', () => {
  const all = files(3200);
  const root = process.cwd();
  const parts = Array.from({ length: 16 }, (_, i) => selectShard(all, { index: i + 1, count: 16 }, root));
  assert.deepEqual(parts.flat().sort(), [...all].sort());
  assert.equal(new Set(parts.flat()).size, all.length);
  for (const part of parts) assert.ok(part.length > 200 * 0.8 && part.length < 200 * 1.2, `${part.length} of 3200 in one of 16 shards`);
  // Adding 100 files: every old file stays where it was.
  const more = [...all, ...files(100, 5000)];
  for (let i = 0; i < 16; i++) {
    const after = selectShard(more, { index: i + 1, count: 16 }, root);
    assert.deepEqual(after.filter((f) => all.includes(f)), parts[i]);
  }
  // Fixed values: the split is part of the interface between CI jobs (and versions of pia), it must not drift.
  // sha256("assessments/koshigaya-48-kodomo-iryohi/assessment.yaml") starts 697abdc1: 0x697abdc1 mod 16 = 1 → shard 2.
  assert.equal(shardOf('assessments/koshigaya-48-kodomo-iryohi/assessment.yaml', 16), 2);
  assert.deepEqual([1, 2, 3, 4, 5, 6].map((i) => shardOf(`assessments/a-${i}/assessment.yaml`, 3)), [2, 1, 2, 2, 1, 3]);
});

test('分け方はリポジトリからのパスで決まる: ./ の有無、絶対パス、作業フォルダ、NFD/NFC によらない', (t) => {
  const repo = mkdtempSync(path.join(tmpdir(), 'pia-shard-'));
  t.after(() => rmSync(repo, { recursive: true, force: true }));
  mkdirSync(path.join(repo, '.git'));
  mkdirSync(path.join(repo, 'assessments', 'sub'), { recursive: true });
  assert.equal(repositoryRoot(path.join(repo, 'assessments', 'sub')), repo);
  const key = 'assessments/こども医療費/assessment.yaml';
  const cwd = process.cwd();
  try {
    process.chdir(repo);
    assert.equal(shardKey('./assessments/こども医療費/assessment.yaml', repositoryRoot()), key);
    assert.equal(shardKey(path.join(repo, key), repositoryRoot()), key);
    assert.equal(shardKey(key.normalize('NFD'), repositoryRoot()), key);
    process.chdir(path.join(repo, 'assessments'));
    assert.equal(shardKey('こども医療費/assessment.yaml', repositoryRoot()), key);
  } finally {
    process.chdir(cwd);
  }
});

test('サイトの読み込み(PIA_SHARD)は --shard と同じ評価書を選ぶ', () => {
  const all = files(50);
  const root = process.cwd();
  assert.deepEqual(inShardFromEnvironment(all, { PIA_SHARD: '2/5', PIA_SHARD_ROOT: root }), selectShard(all, { index: 2, count: 5 }, root));
  assert.deepEqual(inShardFromEnvironment(all, {}), all);
  assert.throws(() => inShardFromEnvironment(all, { PIA_SHARD: '6/5' }), PiaError);
});

test('シャードなしのサイトの作成は、呼び出し元の環境に残った PIA_SHARD を消してから行い、後で戻す', async () => {
  const { shardEnvironment, withEnvironment } = await import('../../src/shard/output.ts');
  const before = { PIA_SHARD: process.env.PIA_SHARD, PIA_SHARD_ROOT: process.env.PIA_SHARD_ROOT };
  process.env.PIA_SHARD = '1/16';
  try {
    const seen = await withEnvironment(shardEnvironment(undefined), async () => inShardFromEnvironment(files(40)));
    assert.equal(seen.length, 40, 'every assessment, not 1/16 of them');
    assert.equal(process.env.PIA_SHARD, '1/16');
    const inShard = await withEnvironment(shardEnvironment({ index: 2, count: 4 }), async () => [process.env.PIA_SHARD, inShardFromEnvironment(files(40))] as const);
    assert.equal(inShard[0], '2/4');
    assert.deepEqual(inShard[1], selectShard(files(40), { index: 2, count: 4 }, repositoryRoot()));
  } finally {
    for (const [k, v] of Object.entries(before)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  }
});
