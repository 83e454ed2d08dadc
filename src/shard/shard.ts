/**
 * `--shard i/n`: which assessment files one CI job of n works on. A file belongs to shard
 * 1 + (first 32 bits of SHA-256 of its repository-relative path) mod n, so the choice depends only on the file's
 * own path: adding or removing a file never moves another one, every job computes the same split without talking
 * to the others, and `pia validate`, `pia pdf` and `pia build` agree on it (they all select through this module).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fail, type FatalErrorSpec } from '../report/errors.ts';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** More jobs than this is not a CI matrix (GitHub allows 256 jobs per matrix). */
export const maxShards = 4096;

export const BadShard: FatalErrorSpec<{ value: string; command: string }> = {
  name: 'BadShard',
  title: '--shard の指定が正しくありません',
  message: ({ value, command }) => `--shard「${value}」は使えません。i/n の形(n 個に分けたうちの i 番目。1 ≦ i ≦ n ≦ ${maxShards} の整数)で指定してください。\`npx pia ${command} --help\` で使い方を確認してください。`,
  hint: 'GitHub Actions の matrix では --shard ${{ matrix.shard }}/16 のように指定します(例: 1/16 … 16/16)。',
  en: {
    title: 'Invalid --shard',
    message: ({ value, command }) => `--shard "${value}" cannot be used. Give i/n (the i-th of n parts, integers with 1 ≤ i ≤ n ≤ ${maxShards}). See \`npx pia ${command} --help\`.`,
    hint: 'In a GitHub Actions matrix write --shard ${{ matrix.shard }}/16 (1/16 … 16/16).',
  },
};

/** Parses "i/n"; anything else (0/3, 4/3, 1/0, a/b, 1/3/5, " 1/3") is a usage error (exit 2). */
export function parseShard(value: string | undefined, command: string): Shard | undefined {
  if (value === undefined) return undefined;
  const match = /^([1-9]\d{0,5})\/([1-9]\d{0,5})$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || index > count || count > maxShards) fail(BadShard, { value, command });
  return { index, count };
}

/** The folder paths are relative to: the git work tree holding `from` (its nearest folder with .git), else `from`. */
export function repositoryRoot(from = process.cwd()): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from);
  }
}

/** The key of a file: its path relative to the repository, with '/' separators, Unicode NFC (macOS writes NFD). */
export function shardKey(file: string, root: string): string {
  return path.relative(root, path.resolve(file)).split(path.sep).join('/').normalize('NFC');
}

/** 1-based shard of a key among `count`. */
export function shardOf(key: string, count: number): number {
  return 1 + (createHash('sha256').update(key).digest().readUInt32BE(0) % count);
}

/** The files of `shard` (all of them when it is undefined), in their given order. */
export function selectShard<T extends string>(files: readonly T[], shard: Shard | undefined, root = repositoryRoot()): T[] {
  if (!shard) return [...files];
  return files.filter((file) => shardOf(shardKey(file, root), shard.count) === shard.index);
}

/** "3/16" for messages and manifests. */
export function shardLabel(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}

/** The files of the shard named by PIA_SHARD (set by `pia build --shard` around the site build), else all. */
export function inShardFromEnvironment<T extends string>(files: readonly T[], env: NodeJS.ProcessEnv = process.env): T[] {
  return selectShard(files, parseShard(env.PIA_SHARD || undefined, 'build'), env.PIA_SHARD_ROOT || repositoryRoot());
}

/** The prefix of a shard's search-index part ids (s03-p00 …), so that parts of different shards never collide. */
export function searchPartPrefix(index: number): string {
  return `s${String(index).padStart(2, '0')}-`;
}
