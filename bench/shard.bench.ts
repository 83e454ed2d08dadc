/**
 * A national corpus, shard by shard: PIA_BENCH_SHARD_DOCS generated assessments (default 50,000: variants of the
 * reference, test/site/generate.ts) split into PIA_BENCH_SHARDS (default 16) by `--shard i/n`, each shard built in a
 * process of its own, one after the other (as one CI job each: nothing of the corpus is held by one process), then
 * `pia merge` of all the shards' outputs in one more process. For each: wall time, CPU seconds, and the peak
 * resident memory of the largest process of its tree (GNU time's maximum RSS covers waited-for children, so the
 * pagefind binary counts), each against its limit: any process ≤ 2.5 GB (issue 19's limit for the site build).
 *
 * A shard job validates its files and builds its site (pages, JSON/CSV downloads, search index) and shard.json, as
 * `pia build --shard` does, but without PDFs by default: 50,000 PDFs take hours on 2 cores, and a PDF costs the
 * same whatever the corpus (bench/pdf.bench.ts). PIA_BENCH_SHARD_PDF=1 runs `pia build --shard` itself.
 * PIA_BENCH_SHARD_KEEP=<dir> builds the corpus there and keeps it, with each finished shard's figures
 * (<dir>/bench-shards.json): a later run with the same <dir> and the same split reuses the shards finished before
 * (marked "earlier run"; their figures are those measured then) and builds only the others, so that a run of many
 * hours can be resumed. PIA_BENCH_SHARD_STOP=shards stops after the shards (the merge is left for a later run).
 * Ratios printed: the slowest shard against the median one (balance), and merge against the median shard.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(projectRoot, 'src/cli/bin.js');
const limitBytes = 2.5 * 1024 ** 3;

interface Measured {
  label: string;
  wall: number;
  cpu: number;
  peak: number;
  detail: string;
}

/** Runs node with args under GNU time in `cwd`: wall s, CPU s, max RSS (KB) of the largest process of the tree. */
function timed(label: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Measured {
  const r = spawnSync('/usr/bin/time', ['-f', 'PIA_TIME %e %U %S %M', process.execPath, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const m = /PIA_TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr ?? '');
  if (r.status !== 0 || !m) throw new Error(`${label} failed (${r.status}): ${(r.stderr ?? '').slice(-3000)}\n${(r.stdout ?? '').slice(-2000)}`);
  const detail = (r.stdout ?? '').trim().split('\n').filter((l) => l.startsWith('PIA_JOB ')).map((l) => l.slice(8)).join(' ');
  return { label, wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), peak: Number(m[4]) * 1024, detail };
}

const gb = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(2)} GB`;
function print(m: Measured): void {
  console.log(`${m.label.padEnd(28)} ${m.wall.toFixed(1).padStart(7)} s   CPU ${m.cpu.toFixed(1).padStart(7)} s   peak ${gb(m.peak).padStart(8)} ${m.peak <= limitBytes ? 'ok' : 'OVER'} (≤ ${gb(limitBytes)})   ${m.detail}`);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function diskUsage(dir: string): number {
  const r = spawnSync('du', ['-sb', dir], { encoding: 'utf8' });
  return Number(r.stdout.split('\t')[0]);
}

export default async function (): Promise<void> {
  const docs = Number(process.env.PIA_BENCH_SHARD_DOCS ?? 50_000);
  const count = Number(process.env.PIA_BENCH_SHARDS ?? 16);
  const withPdf = process.env.PIA_BENCH_SHARD_PDF === '1';
  const keep = process.env.PIA_BENCH_SHARD_KEEP;
  const root = keep ? path.resolve(keep) : mkdtempSync(path.join(tmpdir(), 'pia-shard-bench-'));
  const started = performance.now();
  try {
    const { writeAssessments } = await import('../test/site/generate.ts');
    if (!existsSync(path.join(root, 'assessments'))) {
      const t = performance.now();
      writeAssessments(path.join(root, 'assessments'), docs - 1);
      console.log(`shard.corpus                 ${docs} assessments generated in ${((performance.now() - t) / 1000).toFixed(1)} s (${gb(diskUsage(path.join(root, 'assessments')))} of YAML), ${count} shards${withPdf ? ', with PDFs' : ', without PDFs'}`);
    }
    const { PIA_BASE: _b, PIA_SHARD: _s, ...env } = process.env;
    const shards: Measured[] = [];
    // Figures of the shards finished by an earlier run into the kept folder (same split, same PDF choice).
    const record = path.join(root, 'bench-shards.json');
    const recordKey = `${docs}/${count}/${withPdf}`;
    const earlier: Record<string, Measured> = keep && existsSync(record) ? ((JSON.parse(readFileSync(record, 'utf8')) as { key: string; shards: Record<string, Measured> }).key === recordKey ? (JSON.parse(readFileSync(record, 'utf8')) as { shards: Record<string, Measured> }).shards : {}) : {};
    for (let i = 1; i <= count; i++) {
      const label = `shard.build ${i}/${count}`;
      const before = earlier[String(i)];
      if (before && existsSync(path.join(root, 'out', `shard-${i}-of-${count}`, 'shard.json'))) {
        print({ ...before, detail: `${before.detail} (earlier run)` });
        shards.push(before);
        continue;
      }
      const m = withPdf
        ? timed(label, [bin, 'build', '--shard', `${i}/${count}`], root, env)
        : timed(label, [self], root, { ...env, PIA_BENCH_SHARD_JOB: `${i}/${count}` });
      if (withPdf) m.detail = `${(JSON.parse(readFileSync(path.join(root, 'out', `shard-${i}-of-${count}`, 'shard.json'), 'utf8')) as { files: number }).files} files`;
      print(m);
      shards.push(m);
      if (keep) {
        earlier[String(i)] = m;
        writeFileSync(`${record}.partial`, JSON.stringify({ key: recordKey, shards: earlier }, null, 1));
        renameSync(`${record}.partial`, record);
      }
    }
    if (process.env.PIA_BENCH_SHARD_STOP === 'shards') {
      console.log(`shard.stop                   after the shards (PIA_BENCH_SHARD_STOP=shards); run again with PIA_BENCH_SHARD_KEEP=${root} for the merge`);
      return;
    }
    const output = path.join(root, 'out');
    const merged = timed('shard.merge', [bin, 'merge', ...Array.from({ length: count }, (_, i) => path.join('out', `shard-${i + 1}-of-${count}`)), '-o', 'dist'], root, env);
    merged.detail = `${gb(diskUsage(path.join(root, 'dist')))} site, shard outputs ${gb(diskUsage(output))}`;
    print(merged);
    const walls = shards.map((s) => s.wall);
    const filesPer = Array.from({ length: count }, (_, i) => (JSON.parse(readFileSync(path.join(root, 'out', `shard-${i + 1}-of-${count}`, 'shard.json'), 'utf8')) as { files: number }).files);
    console.log(`shard.split                  files per shard ${Math.min(...filesPer)}–${Math.max(...filesPer)} (largest / mean ${(Math.max(...filesPer) / (docs / count)).toFixed(2)}×), all ${filesPer.reduce((a, b) => a + b, 0)} of ${docs} once`);
    const cpus = shards.map((s) => s.cpu);
    console.log(`shard.balance                slowest / median shard: wall ${(Math.max(...walls) / median(walls)).toFixed(2)}×, CPU ${(Math.max(...cpus) / median(cpus)).toFixed(2)}×   peak of any shard ${gb(Math.max(...shards.map((s) => s.peak)))}`);
    console.log(`shard.merge-ratio            merge / median shard: wall ${(merged.wall / median(walls)).toFixed(2)}×, CPU ${(merged.cpu / median(cpus)).toFixed(2)}×   total ${((performance.now() - started) / 60000).toFixed(1)} min`);
    const over = [...shards, merged].filter((m) => m.peak > limitBytes);
    console.log(`shard.limits                 ${over.length === 0 ? `every process ≤ ${gb(limitBytes)}` : `OVER the limit: ${over.map((m) => m.label).join(', ')}`}`);
  } finally {
    if (!keep) rmSync(root, { recursive: true, force: true });
  }
}

/** One shard job (run by the bench in its own process, in the corpus folder): validate, site, shard.json; no PDFs. */
async function job(value: string): Promise<void> {
  const { parseShard, selectShard, searchPartPrefix } = await import('../src/shard/shard.ts');
  const { portfolioDir, shardEnvironment, shardRoot, startShard, writeShardManifest } = await import('../src/shard/output.ts');
  const { assessmentFiles } = await import('../src/cli/files.ts');
  const { validateMany } = await import('../src/validate/validate-many.ts');
  const { loadForms } = await import('../src/schema/registry.ts');
  const { canonicalJson } = await import('../src/model/canonical.ts');
  const { slugOf } = await import('../src/model/slug.ts');
  const { buildSite } = await import('../src/site/build-site.ts');
  const shard = parseShard(value, 'build')!;
  const out = shardRoot(shard, 'public');
  startShard(out);
  const files = selectShard(assessmentFiles([]), shard);
  let t = performance.now();
  const forms = loadForms();
  const results = (await validateMany(files, { edition: 'public' })).map((r) => ({ ...r, form: r.formName ? forms.get(r.formName) : undefined }));
  const validateMs = performance.now() - t;
  const built = results.filter((r) => r.renderable && r.data && r.form).map((r) => ({ slug: slugOf(r.file), sha256: canonicalJson(r.data!, r.form!.schema).sha256 }));
  t = performance.now();
  let pages = 0;
  if (files.length > 0) {
    const cacheDir = path.join(out, 'astro-cache');
    Object.assign(process.env, shardEnvironment(shard), { PIA_PORTFOLIO_OUT: path.resolve(portfolioDir(out)) }); // all defined for a shard
    const options: Parameters<typeof buildSite>[0] & { searchPartPrefix?: string } = { outDir: path.join(out, 'site'), pdfDir: path.join(out, 'pdf'), validated: results, cacheDir, searchPartPrefix: searchPartPrefix(shard.index) };
    pages = (await buildSite(options)).pages;
    rmSync(cacheDir, { recursive: true, force: true });
  }
  const siteMs = performance.now() - t;
  const bySlug = new Map(files.map((f) => [slugOf(f), f]));
  writeShardManifest(out, shard, 'public', files, built, (slug) => bySlug.get(slug)!);
  console.log(`PIA_JOB ${files.length} files, validate ${(validateMs / 1000).toFixed(1)} s, site ${(siteMs / 1000).toFixed(1)} s (${pages} pages)`);
}

if (process.env.PIA_BENCH_SHARD_JOB) {
  await job(process.env.PIA_BENCH_SHARD_JOB);
  process.exit(0); // the job owns this process; Astro may keep handles open
}
