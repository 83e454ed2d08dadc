/**
 * The saved output of `pia check --format json` as the portfolio's check results (pia status --check-report, the
 * site's 事務一覧 with PIA_CHECK_REPORT / pia build --check-report). A file from CI: bounded in size, read as a
 * regular file only, validated against schemas/check-report.v1.schema.json; only the counts of each run are kept
 * (never the observed values or messages, which may quote configuration). Keys are absolute paths of the 評価書.
 */
import { closeSync, fstatSync, openSync, readSync, constants } from 'node:fs';
import path from 'node:path';
import { compileSchema } from '../schema/registry.ts';
import type { CheckSummary } from './portfolio.ts';

export const maxCheckReportBytes = 20 * 1024 * 1024;

export class CheckReportError extends Error {
  override name = 'CheckReportError';
}

export interface CheckReport {
  file: string;
  /** When the file was written (ISO date-time): the page says how old the results are. */
  writtenAt: string;
  runs: Map<string, CheckSummary>;
}

/** Reads the report; the runs' `assessment` paths are resolved against `baseDir` (where pia check ran). */
export function readCheckReport(file: string, baseDir: string): CheckReport {
  let text: string;
  let mtime: Date;
  let fd: number | undefined;
  try {
    // O_NONBLOCK: a FIFO in its place does not hang the command; it is then refused as not a regular file.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new CheckReportError(`点検の結果のファイル ${file} は通常のファイルではありません。pia check --format json の出力を指定してください。`);
    if (stat.size > maxCheckReportBytes) throw new CheckReportError(`点検の結果のファイル ${file} が大きすぎます(上限 ${maxCheckReportBytes / 1024 / 1024} MB)。`);
    const bytes = Buffer.alloc(stat.size);
    let at = 0;
    while (at < bytes.length) {
      const n = readSync(fd, bytes, at, bytes.length - at, at);
      if (n === 0) break;
      at += n;
    }
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, at));
    mtime = stat.mtime;
  } catch (error) {
    if (error instanceof CheckReportError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CheckReportError(code === 'ENOENT' ? `点検の結果のファイル ${file} がありません。` : `点検の結果のファイル ${file} を読めません(${code ?? 'UTF-8 ではありません'})。`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  let report: unknown;
  try {
    report = JSON.parse(text);
  } catch {
    throw new CheckReportError(`点検の結果のファイル ${file} は JSON ではありません。pia check --format json の出力を指定してください。`);
  }
  const validate = compileSchema('check-report.v1.schema.json');
  if (!validate(report)) throw new CheckReportError(`点検の結果のファイル ${file} は pia check --format json の出力の形ではありません(${validate.errors?.[0]?.instancePath || '/'} ${validate.errors?.[0]?.message ?? ''})。`);
  const runs = new Map<string, CheckSummary>();
  for (const run of (report as { runs: { assessment: string; failing: boolean; summary: Omit<CheckSummary, 'failing'> }[] }).runs) {
    const s = run.summary;
    runs.set(path.resolve(baseDir, run.assessment), { satisfied: s.satisfied, contradicted: s.contradicted, error: s.error, unchecked: s.unchecked, attested: s.attested, expired: s.expired, failing: run.failing });
  }
  return { file, writtenAt: mtime.toISOString(), runs };
}
