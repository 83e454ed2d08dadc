/**
 * Live configuration from a shell command's output. Runs only with `pia check --allow-commands`: a
 * checks.yaml from a pull request must not be able to run code on the CI machine unless the workflow says so.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { parseData } from '../parse-data.ts';
import type { DataFormat, Observation } from '../types.ts';

export async function readCommandSource(spec: { コマンド: string; 形式?: DataFormat; 待ち時間?: number }, baseDir: string, allowCommands: boolean): Promise<Observation> {
  const label = `コマンド ${spec.コマンド}`;
  if (!allowCommands) return { ok: false, label, kind: 'refused', detail: 'コマンドは --allow-commands を指定したときだけ実行します' };
  const timeout = spec.待ち時間 ?? 10_000;
  const result = await new Promise<{ error: (Error & { code?: number | string; killed?: boolean }) | null; stdout: string }>((resolve) => {
    execFile('/bin/sh', ['-c', spec.コマンド], { cwd: path.resolve(baseDir), timeout, maxBuffer: 32 * 1024 * 1024, encoding: 'utf8' }, (error, stdout) => resolve({ error, stdout }));
  });
  if (result.error) {
    const detail = result.error.killed ? `${timeout} ミリ秒以内に終わりませんでした` : `終了コード ${String(result.error.code ?? '?')} で失敗しました`;
    return { ok: false, label, kind: 'unreachable', detail };
  }
  const parsed = parseData(result.stdout, spec.形式 ?? 'json');
  if (!parsed.ok) return { ok: false, label, kind: 'malformed', detail: parsed.detail };
  return { ok: true, data: parsed.data, label };
}
