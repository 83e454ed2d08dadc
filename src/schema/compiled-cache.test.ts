/**
 * The cache of compiled form validators (registry.ts compileForm): a validator loaded from the cache reports
 * exactly what a fresh compile reports, and a damaged cache file is compiled again, never trusted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const registry = fileURLToPath(new URL('./registry.ts', import.meta.url));
// A document with errors of several keywords: a wrong type, an unknown key, a missing required item, a bad enum.
const probe = `
  import { loadForms, validatorFromCache } from ${JSON.stringify(registry)};
  const results = [...loadForms().values()].map((form) => {
    const bad = { 様式: form.formName, 表紙: { 評価書番号: [1] }, 余計な項目: true };
    const ok = form.validate(bad);
    return { form: form.formName, ok, errors: form.validate.errors, cached: validatorFromCache(form) };
  });
  process.stdout.write(JSON.stringify(results));
`;

interface Probe { form: string; ok: boolean; errors: unknown[]; cached: boolean }
/** The probe's results in a new process with this cache folder; `cached` says where each validator came from. */
function run(cacheDir: string, cached: boolean): Omit<Probe, 'cached'>[] {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8', env: { ...process.env, PIA_AJV_CACHE_DIR: cacheDir } });
  assert.equal(r.status, 0, r.stderr);
  const results = JSON.parse(r.stdout) as Probe[];
  assert.deepEqual(results.map((p) => p.cached), results.map(() => cached), cached ? 'loaded from the cache' : 'compiled');
  return results.map(({ cached: _, ...rest }) => rest);
}

test('キャッシュした検証関数は、その場でコンパイルしたものと同じ誤りを報告し、壊れたキャッシュは使わない', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pia-ajv-'));
  try {
    const fresh = run(dir, false);
    assert.ok(fresh.length >= 2 && fresh.every((f) => f.errors.length > 0), 'every form reports errors for the probe');
    const files = readdirSync(dir).filter((f) => f.endsWith('.cjs'));
    assert.equal(files.length, fresh.length, 'one cached validator per form');
    assert.deepEqual(run(dir, true), fresh, 'from the cache');
    for (const f of files) writeFileSync(path.join(dir, f), 'module.exports = 42; // not a validator');
    assert.deepEqual(run(dir, false), fresh, 'a damaged cache file is compiled again');
    assert.deepEqual(run(dir, true), fresh, 'and cached again');
    for (const f of files) writeFileSync(path.join(dir, f), 'this is not JavaScript {');
    assert.deepEqual(run(dir, false), fresh, 'an unparsable cache file is compiled again');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
