/**
 * Live configuration from a shell command's output. Runs only with `pia check --allow-commands`: a
 * checks.yaml from a pull request must not be able to run code on the CI machine unless the workflow says so.
 *
 * The shell runs in its own process group, and the whole group is killed when the shell exits, when the time is
 * up, or when the output passes `maxSourceBytes`: a command that starts `sleep 1000 &` leaves nothing behind and
 * cannot keep the run waiting on the pipe it inherited.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { maxSourceBytes, mebibytes } from '../limits.ts';
import { parseData } from '../parse-data.ts';
import type { DataFormat, Observation } from '../types.ts';

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is already gone.
  }
}

export async function readCommandSource(spec: { コマンド: string; 形式?: DataFormat; 待ち時間?: number }, baseDir: string, allowCommands: boolean, env: NodeJS.ProcessEnv = process.env): Promise<Observation> {
  const label = `コマンド ${spec.コマンド}`;
  if (!allowCommands) return { ok: false, label, kind: 'refused', detail: 'コマンドは --allow-commands を指定したときだけ実行します' };
  const timeout = spec.待ち時間 ?? 10_000;
  const outcome = await new Promise<{ stdout: string; failure?: string; kind?: 'unreachable' | 'malformed' }>((resolve) => {
    const child = spawn('/bin/sh', ['-c', spec.コマンド], { cwd: path.resolve(baseDir), env, detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    let length = 0;
    let failure: { detail: string; kind: 'unreachable' | 'malformed' } | undefined;
    let exitCode: number | null = null;
    const stop = (detail: string, kind: 'unreachable' | 'malformed') => {
      failure ??= { detail, kind };
      killGroup(child.pid);
    };
    const timer = setTimeout(() => stop(`${timeout} ミリ秒以内に終わりませんでした(プロセスグループごと停止しました)`, 'unreachable'), timeout);
    child.stdout.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > maxSourceBytes) stop(`出力が上限 ${mebibytes(maxSourceBytes)} を超えました`, 'malformed');
      else chunks.push(chunk);
    });
    child.on('error', (error) => stop(`実行できません(${(error as NodeJS.ErrnoException).code ?? error.name})`, 'unreachable'));
    // The shell is done: whatever it left running in its group goes too, which also closes the pipe.
    child.on('exit', (code) => {
      exitCode = code;
      killGroup(child.pid);
    });
    child.on('close', () => {
      clearTimeout(timer);
      if (failure) resolve({ stdout: '', failure: failure.detail, kind: failure.kind });
      else if (exitCode !== 0) resolve({ stdout: '', failure: `終了コード ${exitCode ?? '?'} で失敗しました`, kind: 'unreachable' });
      else resolve({ stdout: Buffer.concat(chunks, length).toString('utf8') });
    });
  });
  if (outcome.failure) return { ok: false, label, kind: outcome.kind!, detail: outcome.failure };
  const parsed = parseData(outcome.stdout, spec.形式 ?? 'json');
  if (!parsed.ok) return { ok: false, label, kind: 'malformed', detail: parsed.detail };
  return { ok: true, data: parsed.data, label };
}
