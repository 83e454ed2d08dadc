/**
 * What one shard job leaves for the merge: <root>/site (a site of its assessments only, never to be published
 * alone: its list pages list only its part), <root>/pdf, <root>/portfolio (what the portfolio page reads of each of
 * its 評価書: src/shard/portfolio-docs.ts), and <root>/shard.json, written last and atomically, so a folder with a
 * shard.json holds a finished shard. The merge reads these, never the sources' YAML: it only hashes the sources to
 * know that every shard was built from them.
 */
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../render/pdf/write.ts';
import { fileSha256 } from '../site/source-hashes.ts';
import type { Edition } from '../validate/edition.ts';
import { repositoryRoot, shardKey, type Shard } from './shard.ts';

export const shardManifestName = 'shard.json';
export const shardFormat = 'pia-shard/2';

export interface ShardEntry {
  slug: string;
  /** Repository-relative path of the assessment (the key the shard was chosen by). */
  file: string;
  /** SHA-256 of the canonical JSON of the edition (what the PDF embeds and catalogue.json lists). */
  sha256: string;
  /** SHA-256 of the source file's bytes: the merge compares it with the file it finds (fileSha256). */
  source: string;
}

export interface ShardManifest {
  format: typeof shardFormat;
  shard: Shard;
  edition: Edition;
  /** Assessment files of this shard (valid or not). */
  files: number;
  entries: ShardEntry[];
}

/** out/shard-3-of-16 (out/submission/shard-3-of-16 for the submission version). */
export function shardRoot(shard: Shard, edition: Edition): string {
  return path.join('out', ...(edition === 'submission' ? ['submission'] : []), `shard-${shard.index}-of-${shard.count}`);
}

/**
 * For the site build (Astro changes the working folder): the shard and the root its paths are relative to. Without
 * a shard both are cleared, so that a PIA_SHARD left in the caller's environment never makes a partial dist/.
 */
export function shardEnvironment(shard: Shard | undefined): { PIA_SHARD: string | undefined; PIA_SHARD_ROOT: string | undefined } {
  return shard ? { PIA_SHARD: `${shard.index}/${shard.count}`, PIA_SHARD_ROOT: repositoryRoot() } : { PIA_SHARD: undefined, PIA_SHARD_ROOT: undefined };
}

/** Runs `run` with these variables set (undefined: removed), and puts the environment back afterwards. */
export async function withEnvironment<T>(env: Record<string, string | undefined>, run: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  };
  apply(env);
  try {
    return await run();
  } finally {
    apply(saved);
  }
}

/** A build of a shard first removes its old manifest: a failed build must not leave a folder that looks finished. */
export function startShard(root: string): void {
  rmSync(path.join(root, shardManifestName), { force: true });
}

/** The folder of a shard's portfolio documents (PIA_PORTFOLIO_OUT of its site build). */
export function portfolioDir(root: string): string {
  return path.join(root, 'portfolio');
}

export function writeShardManifest(root: string, shard: Shard, edition: Edition, files: readonly string[], built: readonly { slug: string; sha256: string }[], fileOf: (slug: string) => string): string {
  const repo = repositoryRoot();
  const manifest: ShardManifest = {
    format: shardFormat,
    shard,
    edition,
    files: files.length,
    entries: built.map((b) => {
      const source = fileSha256(fileOf(b.slug));
      if (!source) throw new Error(`${fileOf(b.slug)}: the source of a built assessment can no longer be read`);
      return { slug: b.slug, file: shardKey(fileOf(b.slug), repo), sha256: b.sha256, source };
    }).sort((a, b) => a.slug.localeCompare(b.slug)),
  };
  const file = path.join(root, shardManifestName);
  writeFileAtomic(file, JSON.stringify(manifest, null, 1) + '\n');
  return file;
}

/** Largest shard.json read (50,000 entries take ~8 MB). */
export const maxManifestBytes = 64 * 1024 * 1024;

/** Reads and checks a shard.json from a folder that may come from anywhere (a CI artifact): returns a problem text or the manifest. */
export function readShardManifest(dir: string): ShardManifest | string {
  const file = path.join(dir, shardManifestName);
  if (!existsSync(file)) return `${file} がありません。pia build --shard i/n が最後まで終わったフォルダ(out/shard-<i>-of-<n>)を指定してください。`;
  if (statSync(file).size > maxManifestBytes) return `${file} が大きすぎます(上限 ${maxManifestBytes / 1024 / 1024} MB)。`;
  let m: ShardManifest;
  try {
    m = JSON.parse(readFileSync(file, 'utf8')) as ShardManifest;
  } catch (error) {
    return `${file} を JSON として読めません(${(error as Error).message})。`;
  }
  const slug = /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u;
  const ok =
    m !== null && typeof m === 'object' && m.format === shardFormat && (m.edition === 'public' || m.edition === 'submission') &&
    Number.isInteger(m.shard?.index) && Number.isInteger(m.shard?.count) && m.shard.index >= 1 && m.shard.index <= m.shard.count &&
    Number.isInteger(m.files) && Array.isArray(m.entries) &&
    m.entries.every((e) => typeof e?.slug === 'string' && slug.test(e.slug) && typeof e.file === 'string' && typeof e.sha256 === 'string' && /^[0-9a-f]{64}$/.test(e.sha256) && typeof e.source === 'string' && /^[0-9a-f]{64}$/.test(e.source));
  if (!ok) return `${file} は pia build --shard が書いたシャードの記録(${shardFormat})ではありません。`;
  return m;
}
