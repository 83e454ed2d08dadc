/**
 * The CLI ends by setting the exit code and letting its streams drain: output piped to a slow reader is never cut
 * (process.exit used to drop all but the first 64 KiB that the pipe buffer holds), the exit code is kept, and a
 * reader that stops early (`| head`) gets no stack trace.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = path.join(root, 'src/cli/bin.js');
let dir: string;

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'pia-exit-'));
  // Eight 事務 folders (16 評価書): about 100 KB of JSON findings, more than a pipe buffer (64 KiB) holds.
  for (let i = 1; i <= 8; i++) cpSync(path.join(root, 'assessments/koshigaya-48-kodomo-iryohi'), path.join(dir, 'assessments', `office-${i}`), { recursive: true });
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** `pia args… | (sleep 1; cat > out)` in a shell: a real pipe whose reader starts late. */
function piped(args: string[], reader: string): { codes: number[]; stderr: string } {
  const command = `"$NODE" "$BIN" ${args.map((a) => `'${a}'`).join(' ')} | ${reader}; echo "\${PIPESTATUS[*]}" >&2`;
  const r = spawnSync('bash', ['-c', command], { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE: process.execPath, BIN: bin, PIA_LANG: '', PIA_TODAY: '2026-11-25' } });
  const lines = r.stderr.trimEnd().split('\n');
  return { codes: lines.at(-1)!.split(' ').map(Number), stderr: lines.slice(0, -1).join('\n') };
}

for (const [name, args] of [
  ['validate --format json', ['validate', '--format', 'json', 'assessments']],
  ['validate --format json --lang en', ['validate', '--format', 'json', 'assessments', '--lang', 'en']],
] as const) {
  test(`pia ${name} を遅い読み手へのパイプに出しても途中で切れず、終了コードも保たれる`, () => {
    const direct = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, PIA_LANG: '', PIA_TODAY: '2026-11-25' } });
    const out = path.join(dir, 'out.json');
    const r = piped([...args], `(sleep 1; cat > "${out}")`);
    const text = readFileSync(out, 'utf8');
    if (args[0] === 'validate') assert.ok(text.length > 65_536, `output of ${text.length} bytes is more than a pipe buffer`);
    assert.equal(text, direct.stdout, 'the piped output is whole');
    JSON.parse(text);
    assert.deepEqual(r.codes, [direct.status, 0]);
    assert.equal(r.stderr, direct.stderr);
  });
}

test('読み手が先に閉じても(| head -c 100)スタックトレースを出さず、終了コードは変わらない', () => {
  const r = piped(['validate', '--format', 'json', 'assessments'], 'head -c 100 > /dev/null');
  assert.doesNotMatch(r.stderr, /EPIPE|at .*\.ts:\d+/);
  assert.ok([0, 1].includes(r.codes[0]!), `exit code ${r.codes[0]}`);
});
