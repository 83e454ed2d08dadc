/**
 * Live configuration from a file: a JSON, YAML or CSV export of a system's settings.
 *
 * A file source reads only regular files inside its scope (the folder of its checks.yaml, or the ファイルの範囲
 * it declares inside the repository): no absolute paths, no `..` out of the scope, no symlink that leads out of
 * it, no FIFO or device (opened non-blocking and checked with fstat, so a FIFO cannot hang the run), and at most
 * `maxSourceBytes`. Otherwise a pull request could make pia print /etc/shadow or /proc/self/environ.
 */
import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import path from 'node:path';
import { maxSourceBytes, mebibytes } from '../limits.ts';
import { formatOf, parseData } from '../parse-data.ts';
import type { DataFormat, Observation } from '../types.ts';

/** Is `target` the folder `root` itself or inside it? Both are absolute and normalised. */
export function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

export interface FileScope {
  /** The folder relative paths start from (the folder of checks.yaml), as named (for labels)… */
  baseDir: string;
  /** …and with symlinks resolved (for the checks). */
  realBaseDir: string;
  /** The real path (symlinks resolved) that every file must stay inside. */
  root: string;
}

export async function readFileSource(spec: { パス: string; 形式?: DataFormat }, scope: FileScope): Promise<Observation> {
  const file = path.resolve(scope.baseDir, spec.パス);
  const label = path.relative(process.cwd(), file) || file;
  const refuse = (detail: string): Observation => ({ ok: false, label, kind: 'unsafe', detail });
  if (path.isAbsolute(spec.パス) || /^[a-zA-Z]:|^\\\\|^~/.test(spec.パス) || spec.パス.includes('\0')) return refuse('パスは checks.yaml のフォルダからの相対パスで書きます(絶対パスは読みません)');
  const scopeLabel = path.relative(process.cwd(), scope.root) || '.';
  if (!isInside(scope.root, path.resolve(scope.realBaseDir, spec.パス))) return refuse(`ファイルの範囲(${scopeLabel})の外のファイルは読みません`);
  let real: string;
  try {
    real = await realpath(file);
  } catch (error) {
    const code = (error as { code?: string }).code;
    return { ok: false, label, kind: 'unreachable', detail: code === 'ENOENT' ? 'ファイルがありません' : `ファイルを読めません(${code ?? 'unknown'})` };
  }
  if (!isInside(scope.root, real)) return refuse(`シンボリックリンクがファイルの範囲(${scopeLabel})の外を指しているため読みません`);
  let buffer: Buffer;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer. O_NOFOLLOW: the path is already real.
    const handle = await open(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) return refuse('通常のファイルではないため読みません(FIFO・デバイス・フォルダは読みません)');
      if (stat.size > maxSourceBytes) return { ok: false, label, kind: 'malformed', detail: `ファイルが上限 ${mebibytes(maxSourceBytes)} を超えています(${mebibytes(stat.size)})` };
      // Read at most one byte past the limit: a file that grows while it is read is still bounded.
      buffer = Buffer.alloc(Math.min(stat.size, maxSourceBytes) + 1);
      let length = 0;
      while (length < buffer.length) {
        const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
        if (bytesRead === 0) break;
        length += bytesRead;
      }
      if (length > maxSourceBytes) return { ok: false, label, kind: 'malformed', detail: `ファイルが上限 ${mebibytes(maxSourceBytes)} を超えています` };
      buffer = buffer.subarray(0, length);
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    return { ok: false, label, kind: 'unreachable', detail: `ファイルを読めません(${code ?? 'unknown'})` };
  }
  const parsed = parseData(buffer.toString('utf8'), formatOf(file, spec.形式));
  if (!parsed.ok) return { ok: false, label, kind: 'malformed', detail: parsed.detail };
  return { ok: true, data: parsed.data, label, file, locate: parsed.locate };
}
