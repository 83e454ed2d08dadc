/**
 * The only place that runs git: reading a file at a revision (`main:assessments/x/assessment.yaml`), listing
 * the assessments changed since a base revision, and reading every committed version of a file at once.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fail, GitReadFailed } from '../report/errors.ts';

const maxBuffer = 512 * 1024 * 1024;

function git(args: readonly string[], cwd: string, input?: string): { ok: boolean; stdout: string; stderr: string } {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer, input });
  return { ok: result.status === 0, stdout: result.stdout ?? '', stderr: (result.stderr ?? result.error?.message ?? '').trim() };
}

export type SideSpec = { kind: 'file'; path: string } | { kind: 'revision'; revision: string; path: string };

/** A path that exists is a file; otherwise `<revision>:<path>` names a committed version. */
export function parseSideSpec(spec: string, cwd = process.cwd()): SideSpec {
  if (existsSync(path.resolve(cwd, spec))) return { kind: 'file', path: spec };
  const match = /^([^:]+):(.+)$/.exec(spec);
  if (match) return { kind: 'revision', revision: match[1]!, path: match[2]! };
  return { kind: 'file', path: spec };
}

export function showSpec(spec: SideSpec): string {
  return spec.kind === 'file' ? spec.path : `${spec.revision}:${spec.path}`;
}

/** Text of a file at a revision; the path is relative to the current directory, as users type it. */
export function readAtRevision(revision: string, file: string, cwd = process.cwd()): string {
  const relative = file.startsWith('./') || file.startsWith('../') ? file : `./${file}`;
  const result = git(['show', `${revision}:${relative}`], cwd);
  if (!result.ok) fail(GitReadFailed, { spec: `${revision}:${file}`, detail: result.stderr.split('\n')[0] ?? '' });
  return result.stdout;
}

/** Bytes of a file at a revision (decoded by the loader, which checks UTF-8); larger than `limit` is refused. */
export function readBytesAtRevision(revision: string, file: string, limit: number, cwd = process.cwd()): { ok: true; bytes: Buffer } | { ok: false; size: number } {
  const relative = file.startsWith('./') || file.startsWith('../') ? file : `./${file}`;
  const size = git(['cat-file', '-s', `${revision}:${relative}`], cwd);
  if (!size.ok) fail(GitReadFailed, { spec: `${revision}:${file}`, detail: size.stderr.split('\n')[0] ?? '' });
  if (Number(size.stdout.trim()) > limit) return { ok: false, size: Number(size.stdout.trim()) };
  const result = spawnSync('git', ['show', `${revision}:${relative}`], { cwd, maxBuffer: limit + 1 });
  if (result.status !== 0) fail(GitReadFailed, { spec: `${revision}:${file}`, detail: String(result.stderr ?? result.error?.message ?? '').trim().split('\n')[0] ?? '' });
  return { ok: true, bytes: result.stdout as Buffer };
}

export function readSide(spec: SideSpec, cwd = process.cwd()): string | undefined {
  if (spec.kind === 'revision') return readAtRevision(spec.revision, spec.path, cwd);
  const file = path.resolve(cwd, spec.path);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

export function existsAtRevision(revision: string, file: string, cwd = process.cwd()): boolean {
  return git(['cat-file', '-e', `${revision}:./${file}`], cwd).ok;
}

/** Assessment files of the work tree that differ from `base` (tracked or new), relative to cwd. */
export function changedAssessments(base: string, cwd = process.cwd()): string[] {
  const diff = git(['diff', '--name-only', '--relative', '--diff-filter=ACMR', base, '--'], cwd);
  if (!diff.ok) fail(GitReadFailed, { spec: base, detail: diff.stderr.split('\n')[0] ?? '' });
  const untracked = git(['ls-files', '--others', '--exclude-standard'], cwd);
  const names = [...diff.stdout.split('\n'), ...untracked.stdout.split('\n')].filter((f) => /(^|\/)assessment\.ya?ml$/.test(f));
  return [...new Set(names)].sort();
}

export interface Commit {
  sha: string;
  /** Committer date, YYYY-MM-DD. */
  date: string;
  subject: string;
}

/** Commits that touched the file, oldest first (follows the file only as named now). */
export function fileHistory(file: string, cwd = process.cwd()): Commit[] {
  const result = git(['log', '--reverse', '--format=%H%x09%cs%x09%s', '--', file], cwd);
  if (!result.ok) fail(GitReadFailed, { spec: file, detail: result.stderr.split('\n')[0] ?? '' });
  return result.stdout.split('\n').filter(Boolean).map((line) => {
    const [sha, date, ...subject] = line.split('\t');
    return { sha: sha!, date: date!, subject: subject.join('\t') };
  });
}

/** The file's text at each commit, read through one `git cat-file --batch` process. */
export function readVersions(commits: readonly Commit[], file: string, cwd = process.cwd()): (string | undefined)[] {
  if (commits.length === 0) return [];
  const prefix = git(['rev-parse', '--show-prefix'], cwd).stdout.trim();
  const full = path.posix.normalize(prefix + file.split(path.sep).join('/'));
  const result = spawnSync('git', ['cat-file', '--batch'], { cwd, input: commits.map((c) => `${c.sha}:${full}`).join('\n') + '\n', maxBuffer });
  const out = result.stdout as Buffer;
  const texts: (string | undefined)[] = [];
  let offset = 0;
  for (let i = 0; i < commits.length; i++) {
    const newline = out.indexOf(0x0a, offset);
    const header = out.subarray(offset, newline).toString('utf8');
    offset = newline + 1;
    const size = /^\S+ blob (\d+)$/.exec(header);
    if (!size) {
      texts.push(undefined); // "<name> missing": the file did not exist at that commit
      continue;
    }
    const length = Number(size[1]);
    texts.push(out.subarray(offset, offset + length).toString('utf8'));
    offset += length + 1;
  }
  return texts;
}

export function isInsideGitRepository(cwd = process.cwd()): boolean {
  return git(['rev-parse', '--is-inside-work-tree'], cwd).stdout.trim() === 'true';
}

/** Whether git tracks the file (history exists for it). */
export function isTracked(file: string, cwd = process.cwd()): boolean {
  return git(['ls-files', '--error-unmatch', '--', file], cwd).ok;
}
