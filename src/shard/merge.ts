/**
 * `pia merge`: one site from the outputs of `pia build --shard i/n` (out/shard-<i>-of-<n>/, e.g. CI artifacts).
 *
 * Who renders what: each shard renders the pages, downloads, PDFs and search index of its own assessments; the
 * pages over every assessment (the list, the portfolio of 事務, open data and the catalogue, and the common pages)
 * are rendered here, once, by the site build in lists mode (PIA_SITE_PART=lists: no per-assessment page). Its
 * loaders read what the shards left (each 評価書's canonical JSON and portfolio document: PIA_MERGE_PLAN), not the
 * sources: parsing and validating a whole country again was most of the merge's time and memory. The sources are
 * only hashed, before anything is written: each must be the file its shard built (shard.json's `source`), and the
 * canonical JSON must have the SHA-256 its shard recorded. So those pages are the very pages a single build makes,
 * and a shard from another commit, a missing shard, an altered output, or two shards with one slug are refused
 * with the shard folder and file named.
 *
 * Bounded memory: shards are copied one file at a time; what is kept is one path per file of the site.
 * Never partial: everything is assembled in a staging folder beside the output, which replaces it only at the end.
 */
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildSite, InvalidShardOutputError } from '../site/build-site.ts';
import { findAssessments } from '../site/loader.ts';
import { slugOf } from '../model/slug.ts';
import { downloadNames } from '../render/web/url.ts';
import { portfolioDir } from './output.ts';
import { fileSha256 } from '../site/source-hashes.ts';
import type { MergePlan, PlanEntry } from './portfolio-docs.ts';
import { linkOrCopy } from '../site/store.ts';
import { readShardManifest, shardEnvironment, withEnvironment, type ShardManifest } from './output.ts';
import { repositoryRoot, searchPartPrefix, shardKey, shardOf } from './shard.ts';
import type { Edition } from '../validate/edition.ts';
import { mergeSearch, SearchMergeError } from './search.ts';

/** The shards cannot be merged; `message` lists every problem, each with the folder or file it is in. */
export class MergeError extends Error {}

export interface MergeOptions {
  /** Folder with <slug>/assessment.yaml, the same commit the shards were built from (default assessments/). */
  assessmentsDir?: string;
  base?: string;
  siteConfig?: string;
  verbose?: boolean;
}

export interface MergeResult {
  outDir: string;
  shards: number;
  entries: number;
  files: number;
  /** Milliseconds: the lists build, copying the shards, the search index. */
  timings: { lists: number; copy: number; search: number };
}

interface Shard {
  dir: string;
  manifest: ShardManifest;
}

function readShards(dirs: readonly string[]): Shard[] {
  const problems: string[] = [];
  const shards: Shard[] = [];
  for (const dir of dirs) {
    const m = readShardManifest(dir);
    if (typeof m === 'string') problems.push(m);
    else shards.push({ dir, manifest: m });
  }
  if (problems.length > 0) throw new MergeError(problems.join('\n'));
  const first = shards[0]!.manifest;
  const byIndex = new Map<number, Shard>();
  for (const s of shards) {
    const m = s.manifest;
    const where = path.join(s.dir, 'shard.json');
    if (m.shard.count !== first.shard.count) problems.push(`${where}: ${m.shard.count} 個に分けたシャードです(${path.join(shards[0]!.dir, 'shard.json')} は ${first.shard.count} 個)。同じ --shard i/n の n で作った出力をまとめてください。`);
    if (m.edition !== first.edition) problems.push(`${where}: ${m.edition === 'submission' ? '提出用' : '公開用'}の出力です(${path.join(shards[0]!.dir, 'shard.json')} は${first.edition === 'submission' ? '提出用' : '公開用'})。公開用と提出用は混ぜられません。`);
    const other = byIndex.get(m.shard.index);
    if (other) problems.push(`${where}: シャード ${m.shard.index}/${m.shard.count} が ${other.dir} と重なっています。各シャードを1回ずつ指定してください。`);
    else byIndex.set(m.shard.index, s);
    for (const e of m.entries) {
      if (shardOf(e.file, m.shard.count) !== m.shard.index) problems.push(`${where}: ${e.file} はシャード ${shardOf(e.file, m.shard.count)}/${m.shard.count} に入るはずの評価書です。シャードの分け方が違う版の pia で作った出力です。`);
    }
  }
  const missing = Array.from({ length: first.shard.count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (problems.length === 0 && missing.length > 0) problems.push(`シャード ${missing.map((i) => `${i}/${first.shard.count}`).join('、')} の出力がありません。すべてのシャードの出力(out/shard-<i>-of-${first.shard.count})を指定してください。`);
  if (problems.length > 0) throw new MergeError(problems.join('\n'));
  return [...byIndex.values()].sort((a, b) => a.manifest.shard.index - b.manifest.shard.index);
}

/** slug → the shard that built it; two shards with one slug are refused (their pages would replace each other). */
function ownersOf(shards: readonly Shard[]): Map<string, { shard: Shard; file: string; sha256: string; source: string }> {
  const owners = new Map<string, { shard: Shard; file: string; sha256: string; source: string }>();
  const problems: string[] = [];
  for (const shard of shards) {
    for (const e of shard.manifest.entries) {
      const other = owners.get(e.slug);
      if (other) {
        problems.push(`${path.join(shard.dir, 'shard.json')} の ${e.file} と ${path.join(other.shard.dir, 'shard.json')} の ${other.file}: どちらも「${e.slug}」のページです。一方が公開されなくなるため、どちらかのフォルダ名を変えてください。`);
        continue;
      }
      owners.set(e.slug, { shard, file: e.file, sha256: e.sha256, source: e.source });
    }
  }
  if (problems.length > 0) throw new MergeError(problems.join('\n'));
  return owners;
}

/**
 * The plan of the lists build: for every source file (in the site's order), the shard output its loaders read
 * instead of it. Each source is only hashed: it must be the very file its shard built (shard.json's `source`), and
 * every 評価書 of the shards must still be a source. Read-only: problems are collected and thrown together.
 */
function planOf(owners: ReadonlyMap<string, { shard: Shard; file: string; sha256: string; source: string }>, assessmentsDir: string): MergePlan {
  const problems: string[] = [];
  const entries: PlanEntry[] = [];
  const root = repositoryRoot();
  const files = findAssessments(path.resolve(assessmentsDir));
  const seen = new Set<string>();
  for (const file of files) {
    const slug = slugOf(file);
    seen.add(slug);
    const owner = owners.get(slug);
    if (!owner || owner.file !== shardKey(file, root)) {
      problems.push(`${path.relative(process.cwd(), file)}: どのシャードの出力にもありません(この評価書を追加した後のシャードがないか、様式の構造に合わず出力されませんでした)。すべてのシャードを同じコミットで作り直してください。`);
      continue;
    }
    const source = fileSha256(file);
    if (source !== owner.source) {
      problems.push(`${path.join(owner.shard.dir, 'shard.json')}: ${owner.file} は別の版から作られています(シャード ${owner.source.slice(0, 12)}…、今の評価書 ${(source ?? '読めません').slice(0, 12)}…)。すべてのシャードを同じコミットで作り直してください。`);
      continue;
    }
    const site = path.resolve(owner.shard.dir, 'site', slug);
    entries.push({ slug, file, sha256: owner.sha256, source, json: path.join(site, downloadNames(slug).json), portfolio: path.resolve(portfolioDir(owner.shard.dir), `${slug}.json`) });
  }
  for (const [slug, owner] of owners) {
    if (!seen.has(slug)) problems.push(`${path.join(owner.shard.dir, 'shard.json')}: ${owner.file} は今の ${assessmentsDir} にありません。すべてのシャードを同じコミットで作り直してください。`);
  }
  if (problems.length > 0) throw new MergeError(problems.join('\n'));
  return { cwd: process.cwd(), entries };
}

function sha256Of(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Every file under `dir` as a path relative to it; a symlink (it could publish a file from elsewhere) is refused. */
function filesUnder(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const full = path.join(entry.parentPath, entry.name);
    if (entry.isSymbolicLink()) throw new MergeError(`${full}: シャードの出力の中にシンボリックリンクがあります。ほかの場所のファイルを公開しないよう、まとめません。`);
    if (entry.isFile()) files.push(path.relative(dir, full));
  }
  return files;
}

/** Copies, or confirms an identical copy is there; a different file of the same name is a conflict. */
function place(source: string, target: string, describe: () => string): void {
  if (existsSync(target)) {
    if (sha256Of(source) !== sha256Of(target)) throw new MergeError(`${source}: ${describe()}と内容が違います。同じコミット・同じ版の pia で作ったシャードをまとめてください。`);
    return;
  }
  mkdirSync(path.dirname(target), { recursive: true });
  copyFileSync(source, target);
}


export async function mergeShards(dirs: readonly string[], outDir: string, options: MergeOptions = {}): Promise<MergeResult> {
  if (dirs.length === 0) throw new MergeError('まとめるシャードの出力フォルダを指定してください。');
  const shards = readShards(dirs);
  const owners = ownersOf(shards);
  const edition: Edition = shards[0]!.manifest.edition;
  const target = path.resolve(outDir);
  const assessmentsDir = options.assessmentsDir ?? 'assessments';
  // Before anything is written: every source is the file its shard built.
  const plan = planOf(owners, assessmentsDir);
  mkdirSync(path.dirname(target), { recursive: true });
  const staging = mkdtempSync(path.join(path.dirname(target), `.${path.basename(target)}-merge-`));
  try {
    // 1. The pages over every assessment. The PDFs of all shards are linked into one folder so that the lists
    //    (and the catalogue's PDF links) see which assessments have one, as in a single build.
    let t = performance.now();
    const pdfDir = path.join(staging, 'pdf');
    mkdirSync(pdfDir);
    for (const [slug, owner] of owners) {
      const pdf = path.join(owner.shard.dir, 'pdf', `${slug}.pdf`);
      if (existsSync(pdf) && lstatSync(pdf).isFile()) linkOrCopy(pdf, path.join(pdfDir, `${slug}.pdf`));
    }
    const site = path.join(staging, 'site');
    const planFile = path.join(staging, 'plan.json');
    writeFileSync(planFile, JSON.stringify(plan));
    // Every assessment (no PIA_SHARD), no per-assessment page (PIA_SITE_PART=lists), read from the shards' outputs
    // (PIA_MERGE_PLAN), not from the sources.
    try {
      await withEnvironment({ ...shardEnvironment(undefined), PIA_SITE_PART: 'lists', PIA_MERGE_PLAN: planFile, PIA_PORTFOLIO_OUT: undefined }, () =>
        buildSite({ assessmentsDir, outDir: site, pdfDir, edition, base: options.base, siteConfig: options.siteConfig, verbose: options.verbose, cacheDir: path.join(staging, 'astro-cache') }),
      );
    } catch (error) {
      if (error instanceof InvalidShardOutputError) throw new MergeError(error.message);
      throw error;
    }
    const listsMs = performance.now() - t;

    // 2. Each shard's own assessments: their folders (page, PDF, JSON, CSV) and the hashed assets they use.
    //    Everything else of a shard (its partial lists, its common pages) is left: step 1 made the whole ones.
    t = performance.now();
    for (const shard of shards) {
      const root = path.join(shard.dir, 'site');
      if (shard.manifest.entries.length === 0) continue;
      if (!existsSync(root)) throw new MergeError(`${root} がありません。シャード ${shard.manifest.shard.index}/${shard.manifest.shard.count} の出力が欠けています。`);
      const mine = new Set(shard.manifest.entries.map((e) => e.slug));
      for (const file of filesUnder(root)) {
        const top = file.split(path.sep)[0]!;
        if (mine.has(top)) {
          place(path.join(root, file), path.join(site, file), () => `${file} `);
        } else if (top === '_astro' || top === 'fonts') {
          // Content-hashed names: the same name is the same file in every shard, or something is wrong.
          place(path.join(root, file), path.join(site, file), () => `ほかのシャードの ${file} `);
        }
      }
      for (const slug of mine) if (!existsSync(path.join(site, slug, 'index.html'))) throw new MergeError(`${path.join(root, slug, 'index.html')} がありません。シャード ${shard.manifest.shard.index}/${shard.manifest.shard.count} の出力が欠けています。`);
    }
    const copyMs = performance.now() - t;

    // 3. The search index: the parts of every shard beside the lists build's own.
    t = performance.now();
    try {
      mergeSearch(site, shards.map((s) => ({ dir: path.join(s.dir, 'site'), prefix: searchPartPrefix(s.manifest.shard.index).slice(0, -1), pages: s.manifest.entries.length })));
    } catch (error) {
      if (error instanceof SearchMergeError) throw new MergeError(error.message);
      throw error;
    }
    const searchMs = performance.now() - t;

    let files = 0;
    chmodSync(site, 0o755);
    for (const entry of readdirSync(site, { withFileTypes: true, recursive: true })) {
      if (entry.isSymbolicLink()) throw new MergeError(`${path.join(entry.parentPath, entry.name)}: まとめたサイトの中にシンボリックリンクがあります。ほかの場所のファイルを公開しないよう、まとめません。`);
      chmodSync(path.join(entry.parentPath, entry.name), entry.isDirectory() ? 0o755 : 0o644);
      if (entry.isFile()) files++;
    }
    replaceFolder(site, target);
    return { outDir: target, shards: shards.length, entries: owners.size, files, timings: { lists: listsMs, copy: copyMs, search: searchMs } };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** The merged site replaces `target`: a rename (staging is beside it, on the same file system). */
function replaceFolder(source: string, target: string): void {
  const old = existsSync(target) ? `${target}.old-${process.pid}` : undefined;
  if (old) renameSync(target, old);
  try {
    renameSync(source, target);
  } catch (error) {
    if (old) renameSync(old, target);
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    cpSync(source, target, { recursive: true });
  }
  if (old) rmSync(old, { recursive: true, force: true });
}
