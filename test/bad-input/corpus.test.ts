/**
 * Runs the bad-input corpus (cases.ts) through every command that reads an assessment, in this process (the CLI's
 * own entry, main(), with stdout and stderr captured), and reports per command how many cases it handled.
 * Every case must be handled: no internal error or stack trace, a message naming the file, the right exit code,
 * within the time budget, inputs unchanged and no temp file left.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.ts';
import { PiaError } from '../../src/report/errors.ts';
import { cases, commandsOf, referenceText, type Case, type Command } from './cases.ts';

interface Outcome {
  code: number | 'internal';
  out: string;
  ms: number;
}

/** The CLI in this process: main() plus what run() does with a thrown error (PiaError → its exit code). */
async function cli(cwd: string, args: string[]): Promise<Outcome> {
  const chunks: string[] = [];
  // Like a stream's write: the callback (if any) is called, as commands that wait for their output to drain expect.
  const capture = (chunk: string | Uint8Array, encoding?: unknown, callback?: unknown) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') queueMicrotask(() => done());
    return true;
  };
  const saved = { out: process.stdout.write, err: process.stderr.write, cwd: process.cwd(), today: process.env.PIA_TODAY };
  process.stdout.write = capture as typeof process.stdout.write;
  process.stderr.write = capture as typeof process.stderr.write;
  process.env.PIA_TODAY = '2026-11-25';
  process.chdir(cwd);
  const start = performance.now();
  let code: Outcome['code'];
  try {
    code = await main(args);
  } catch (error) {
    if (error instanceof PiaError) {
      chunks.push(error.message);
      code = error.exitCode;
    } else {
      chunks.push(`内部エラー: ${(error as Error)?.stack ?? String(error)}`);
      code = 'internal';
    }
  } finally {
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
    process.chdir(saved.cwd);
    if (saved.today === undefined) delete process.env.PIA_TODAY;
    else process.env.PIA_TODAY = saved.today;
  }
  return { code, out: chunks.join(''), ms: performance.now() - start };
}

/** Content hash of every regular file under the folder (FIFOs and devices are not read). */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    if (!entry.isFile()) continue;
    try {
      files.set(full, createHash('sha256').update(readFileSync(full)).digest('hex'));
    } catch {
      files.set(full, 'unreadable');
    }
  }
  return files;
}

function argsFor(command: Command, file: string, old: string, out: string): string[] {
  switch (command) {
    case 'validate': return ['validate', file];
    case 'pdf': return ['pdf', file, '-o', path.join(out, 'case.pdf')];
    case 'diff-old': return ['diff', file, old];
    case 'diff-new': return ['diff', old, file];
    case 'diff-write': return ['diff', old, file, '--write', '--date', '2026-12-01'];
    case 'build': return ['build'];
    case 'status': return ['status'];
  }
}

async function runCase(c: Case, command: Command): Promise<{ problem?: string; ms: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), `pia-bad-${c.id.replace(/[^a-z0-9-]/gi, '_')}-`));
  try {
    const file = c.make(dir);
    const old = path.join(dir, 'base', 'old.yaml');
    mkdirSync(path.dirname(old), { recursive: true });
    writeFileSync(old, referenceText);
    const out = path.join(dir, 'out-pdf');
    mkdirSync(out);
    const before = snapshot(dir);
    const result = await cli(dir, argsFor(command, file, old, out));
    const problems: string[] = [];
    if (result.code === 'internal' || /内部エラー/.test(result.out)) problems.push('internal error');
    if (/\n\s+at .+:\d+:\d+/.test(result.out)) problems.push('stack trace in the output');
    if (result.ms > (c.budget ?? 10_000)) problems.push(`took ${result.ms.toFixed(0)} ms (budget ${c.budget ?? 10_000})`);
    if (c.expect === 'refused' && (result.code === 0 || result.code === 'internal')) problems.push(`exit code ${result.code}, expected 1 or 2`);
    if (c.expect === 'accepted' && result.code !== 0 && result.code !== 1) problems.push(`exit code ${result.code}, expected 0 or 1`);
    // The message names what is wrong: the file (or, for the site build, its folder).
    const named = [file, path.dirname(file), path.relative(dir, file), path.relative(dir, path.dirname(file)), path.basename(path.dirname(file))];
    if (c.expect === 'refused' && !named.some((n) => n && result.out.includes(n))) problems.push('the message does not name the file');
    const after = snapshot(dir);
    // --write writes the assessment (through a symlink: its target); nothing else may change.
    const written = command === 'diff-write' && c.expect === 'accepted' ? new Set([file, realpathSync(file)]) : new Set<string>();
    for (const [f, hash] of before) if (!written.has(f) && after.get(f) !== hash) problems.push(`input changed: ${path.relative(dir, f)}`);
    for (const f of after.keys()) if (/\.(tmp|partial)$/.test(f)) problems.push(`temp file left: ${path.relative(dir, f)}`);
    if (command === 'diff-write' && c.id === 'read-only' && existsSync(file) && (statSync(file).mode & 0o777) !== 0o444) problems.push('mode not kept');
    if (command !== 'build' && existsSync(path.join(dir, 'dist'))) problems.push('a site was written');
    const verified = c.verify?.(dir, command, file);
    if (verified) problems.push(verified);
    if (c.expect === 'refused' && command === 'build' && (existsSync(path.join(dir, 'dist')) || (existsSync(path.join(dir, 'out', 'pdf')) && readdirSync(path.join(dir, 'out', 'pdf')).some((f) => f.endsWith('.pdf'))))) problems.push('output written for a refused input');
    return { problem: problems.length > 0 ? `${problems.join('; ')}\n--- output ---\n${result.out.slice(0, 1500)}` : undefined, ms: result.ms };
  } finally {
    try {
      for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
        const full = path.join(entry.parentPath, entry.name);
        if (!lstatSync(full).isSymbolicLink()) rmSync(full, { force: true, recursive: true });
      }
    } catch {
      // removed below
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The per-command table: handled / total and the time the command took over all its cases. */
export function corpusTable(counts: ReadonlyMap<Command, { handled: number; total: number; ms: number }>, cases: number, ms: number, cpuMs?: number): string {
  const rows = [...counts].map(([command, c]) => `| ${command.padEnd(10)} | ${`${c.handled}/${c.total}`.padStart(7)} | ${(c.ms / 1000).toFixed(1).padStart(6)} s |`);
  const total = [...counts.values()].reduce((a, c) => ({ handled: a.handled + c.handled, total: a.total + c.total }), { handled: 0, total: 0 });
  return [
    // CPU time too: on a shared machine the wall time mostly measures the other processes.
    `bad-input corpus: ${cases} cases, ${total.total} runs, ${(ms / 1000).toFixed(1)} s${cpuMs === undefined ? '' : ` (CPU ${(cpuMs / 1000).toFixed(1)} s)`}`,
    '| command    | handled |   time   |',
    '|------------|---------|----------|',
    ...rows,
    `| ${'all'.padEnd(10)} | ${`${total.handled}/${total.total}`.padStart(7)} | ${(ms / 1000).toFixed(1).padStart(6)} s |`,
  ].join('\n');
}

test('悪い入力の一覧: どのコマンドもすべての例を処理する(内部エラー・止まり・部分ファイルなし、位置つきの誤り)', { timeout: 300_000 }, async (t) => {
  const counts = new Map<Command, { handled: number; total: number; ms: number }>();
  const failures: string[] = [];
  const start = performance.now();
  const cpu = process.cpuUsage();
  // PIA_CORPUS_ONLY=id,id runs only those cases (while working on them; CI runs all).
  const only = process.env.PIA_CORPUS_ONLY?.split(',');
  const selected = cases.filter((c) => !only || only.includes(c.id));
  for (const c of selected) {
    for (const command of commandsOf(c)) {
      const { problem, ms } = await runCase(c, command);
      if (process.env.PIA_CORPUS_TIMES) process.stdout.write(`# ${command.padEnd(10)} ${c.id.padEnd(24)} ${ms.toFixed(0)} ms\n`);
      const count = counts.get(command) ?? { handled: 0, total: 0, ms: 0 };
      count.total++;
      count.ms += ms;
      if (problem) failures.push(`${command} × ${c.id} (${c.what}): ${problem}`);
      else count.handled++;
      counts.set(command, count);
    }
  }
  const used = process.cpuUsage(cpu);
  const report = corpusTable(counts, selected.length, performance.now() - start, (used.user + used.system) / 1000);
  t.diagnostic(report);
  process.stdout.write(`${report.replace(/^/gm, '# ')}\n`);
  assert.deepEqual(failures, []);
});
