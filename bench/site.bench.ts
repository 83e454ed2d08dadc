/**
 * Site build time (astro build through the content loader + pagefind index in parts), without PDFs, for 1, 100,
 * 1,000 and 3,000 generated variants of the reference assessment, and for rebuilds of 1,000 after one assessment
 * changed and after none did (content-addressed: only what changed is rendered and indexed).
 * Target: 1,000 assessments ≤ 20 s. CPU seconds are printed beside wall time because the machine may be shared.
 * The 1,000 build is timed three times from a cold cache (on this machine the same build varies by ±1.5 s from
 * run to run), and their median is printed with all three.
 *
 * Then the consumers' own tools on the built site of the reference and one variant: Lighthouse's mobile
 * performance (its default: Moto G Power, slow 4G and 4× CPU, simulated) of the index and the reference page,
 * five runs each with the median (Lighthouse's own advice; one run varies by ±10 points on a shared machine),
 * and the Nu HTML checker's errors over every page. PIA_BENCH_SITE_QUALITY=0 skips this part.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSite, type SiteOptions, type SiteResult } from '../src/site/build-site.ts';
import { referenceFile, referenceSlug, writeAssessments } from '../test/site/generate.ts';
import { validateText } from '../src/validate/validate.ts';
import { canonicalJson } from '../src/model/canonical.ts';
import { assessmentView, tableOfContents } from '../src/render/web/view.ts';
import { indexRow } from '../src/render/web/index-row.ts';
import { serve } from '../test/site/serve.ts';
import { formatFigures, htmlPages, javaAvailable, lighthouseMobile, nuCheck, type LighthouseFigures } from '../test/site/quality.ts';

/** CPU seconds of this process and its finished children (the pagefind binary), from /proc: independent of load. */
function cpuSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  // utime stime cutime cstime are fields 14–17 of stat(5); here 0-based 11–14 after the comm field.
  return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0) / 100;
}

/** The pagefind binary's CPU time counts once the child has been reaped, shortly after pagefind.close(). */
const reaped = () => new Promise((resolve) => setTimeout(resolve, 500));

function line(label: string, ms: number, cpu: number, result: SiteResult): void {
  const t = result.timings;
  const r = result.reuse;
  const reuse = r.noop ? 'no-op: site kept' : `rendered ${r.rendered}, reused ${r.reused}; search parts built ${r.searchBuilt}, reused ${r.searchReused} of ${r.searchParts}`;
  console.log(`${label.padEnd(30)} ${(ms / 1000).toFixed(2).padStart(6)} s   CPU ${cpu.toFixed(1).padStart(5)} s   (astro ${(t.astro / 1000).toFixed(2)} s, search index ${(t.search / 1000).toFixed(2)} s, ${result.pages} pages; ${reuse})`);
}

interface Timed {
  wall: number;
  cpu: number;
  result: SiteResult;
}

/** Builds the site, prints one line of timings, and returns wall time and CPU time (with pagefind's) in milliseconds. */
async function timedBuild(label: string, options: SiteOptions): Promise<Timed> {
  const start = performance.now();
  const cpu = cpuSeconds();
  const result = await buildSite(options);
  const wall = performance.now() - start;
  await reaped();
  const used = cpuSeconds() - cpu;
  line(label, wall, used, result);
  return { wall, cpu: used * 1000, result };
}

const ratio = (label: string, a: Timed, b: Timed, target: string) =>
  console.log(`${label.padEnd(30)} ${(a.wall / b.wall).toFixed(3)}× wall, ${(a.cpu / b.cpu).toFixed(3)}× CPU   (target ${target})`);

/**
 * 100 variants of the 全項目評価書 sample (様式4) against 100 of the 重点 reference, each a cold build: the
 * 全項目 page is 3–4× larger, so the ratio says what a city's 全項目 set costs.
 */
export async function fullForm(): Promise<void> {
  const root = mkdtempSync(path.join(tmpdir(), 'pia-site-bench-full-'));
  try {
    const full = readFileSync(new URL('../assessments/aobagawa-juki-full/assessment.yaml', import.meta.url), 'utf8');
    const walls: Record<string, number> = {};
    for (const kind of ['full', 'focused'] as const) {
      const dir = path.join(root, kind);
      if (kind === 'full') {
        for (let n = 0; n < 100; n++) {
          const file = path.join(dir, 'assessments', `full-${String(n).padStart(3, '0')}`, 'assessment.yaml');
          mkdirSync(path.dirname(file), { recursive: true });
          writeFileSync(file, full.replace('  評価書番号: 1\n', `  評価書番号: ${2000 + n}\n`).replace('評価書名: 住民基本台帳に関する事務 全項目評価書', `評価書名: 試験用の事務${n} 全項目評価書`));
        }
      } else writeAssessments(path.join(dir, 'assessments'), 99);
      walls[kind] = (await timedBuild(`build 100 ${kind === 'full' ? '全項目' : '重点'} assessments`, { assessmentsDir: path.join(dir, 'assessments'), outDir: path.join(dir, 'dist'), pdfDir: path.join(dir, 'no-pdf'), cacheDir: path.join(dir, 'cache') })).wall;
    }
    console.log(`ratio 全項目 / 重点 (100 each)`.padEnd(30) + ` ${(walls.full! / walls.focused!).toFixed(2)}×`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * Cold builds of 1, 100, 1,000 and 3,000 評価書; after the 1,000 build, a rebuild after one changed and a no-op
 * rebuild, as ratios of the cold build (targets ≤ 0.15× and ≤ 0.1×); 3,000 against 1,000 (target ≤ 3.2×) with the
 * peak memory of every process (target ≤ 2.5 GB): this process (Astro, the loaders, the validation threads; its
 * peak over all builds so far, so an upper bound for the 3,000 build) and the largest pagefind process.
 * PIA_BENCH_SITE_RUNS (default 3): cold builds of 1,000 whose median is the reference.
 */
export default async function (): Promise<void> {
  const root = mkdtempSync(path.join(tmpdir(), 'pia-site-bench-'));
  const coldRuns = Math.max(1, Number(process.env.PIA_BENCH_SITE_RUNS ?? 3));
  try {
    let cold1000: Timed | undefined;
    for (const count of [1, 100, 1000, 3000]) {
      const dir = path.join(root, String(count));
      const files = writeAssessments(path.join(dir, 'assessments'), count - 1);
      const options = { assessmentsDir: path.join(dir, 'assessments'), outDir: path.join(dir, 'dist'), pdfDir: path.join(dir, 'no-pdf'), cacheDir: path.join(dir, 'cache') };
      const runs = count === 1000 ? coldRuns : 1;
      const timed: Timed[] = [];
      for (let run = 1; run <= runs; run++) {
        // Each timed build starts cold: no Astro cache, no page store, no previous site.
        rmSync(options.cacheDir, { recursive: true, force: true });
        rmSync(options.outDir, { recursive: true, force: true });
        timed.push(await timedBuild(`build ${count} assessment(s)${runs > 1 ? ` #${run}` : ''}`, options));
      }
      const cold = [...timed].sort((a, b) => a.wall - b.wall)[Math.floor(runs / 2)]!;
      if (runs > 1) console.log(`build ${count} assessments, median of ${runs}`.padEnd(30) + ` ${(cold.wall / 1000).toFixed(2).padStart(6)} s   (target ≤ 20 s)`);
      if (count === 1000) {
        cold1000 = cold;
        engineShare(cold.cpu / count);
        const file = files[500]!;
        writeFileSync(file, readFileSync(file, 'utf8').replace('対応方法: 受付票', '対応方法: 電子の受付票'));
        const changed = await timedBuild('rebuild 1000 after 1 changed', options);
        const noop = await timedBuild('rebuild 1000, nothing changed', options);
        ratio('ratio 1 changed / cold', changed, cold, '≤ 0.15×');
        ratio('ratio no-op / cold', noop, cold, '≤ 0.1×');
      }
      if (count === 3000 && cold1000) {
        ratio('ratio 3000 / 1000 (cold)', cold, cold1000, '≤ 3.2×');
        console.log(`peak RSS at 3000: this process ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (all builds so far), largest pagefind process ${(cold.result.searchPeakRssBytes / 2 ** 20).toFixed(0)} MB   (target ≤ 2560 MB each)`);
      } else console.log(`  peak RSS so far: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (this process); largest pagefind process of the last build ${(cold.result.searchPeakRssBytes / 2 ** 20).toFixed(0)} MB`);
      rmSync(dir, { recursive: true, force: true });
    }
    if (process.env.PIA_BENCH_SITE_QUALITY !== '0') await quality(path.join(root, 'quality'));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  await fullForm();
}

/**
 * The assessment engine's share of a site build (issue 11: the engine must not slow the build): per 評価書, the work
 * the build asks of it — the loader's structure validation and canonical JSON, the page's view, the index row
 * (asked for by four pages) — measured warm on the reference, against the cold build's CPU per 評価書.
 */
export function engineShare(buildCpuPerDoc: number): void {
  const text = readFileSync(referenceFile, 'utf8');
  const loaded = validateText('a.yaml', text, { schemaOnly: true });
  const schema = loaded.form!.schema;
  const data = loaded.data!;
  const per = (fn: () => void, n = 300) => {
    for (let i = 0; i < 50; i++) fn();
    const runs = [0, 1, 2, 3, 4].map(() => {
      const start = performance.now();
      for (let i = 0; i < n; i++) fn();
      return (performance.now() - start) / n;
    });
    return median(runs);
  };
  const parts = {
    validate: per(() => validateText('a.yaml', text, { schemaOnly: true })),
    canonical: per(() => canonicalJson(data, schema)),
    view: per(() => tableOfContents(assessmentView(schema, data))),
    row: per(() => indexRow('a', schema, data, '2026-11-25')) * 4,
  };
  const engine = Object.values(parts).reduce((a, b) => a + b, 0);
  console.log(`site.engine-per-doc           ${engine.toFixed(2)} ms (validate ${parts.validate.toFixed(2)}, canonical ${parts.canonical.toFixed(2)}, view ${parts.view.toFixed(2)}, index rows ${parts.row.toFixed(2)}): ${((engine / buildCpuPerDoc) * 100).toFixed(1)} % of the cold build's ${buildCpuPerDoc.toFixed(1)} ms of CPU per 評価書`);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Lighthouse (mobile, 5 runs, median) and the Nu HTML checker on the site of the reference and one variant. */
async function quality(dir: string): Promise<void> {
  writeAssessments(path.join(dir, 'assessments'), 1);
  const built = await buildSite({ assessmentsDir: path.join(dir, 'assessments'), outDir: path.join(dir, 'dist'), pdfDir: path.join(dir, 'no-pdf'), cacheDir: path.join(dir, 'cache') });
  const pages = htmlPages(built.outDir);
  if (await javaAvailable()) {
    const messages = await nuCheck(pages);
    console.log(`Nu HTML checker: ${pages.length} pages, ${messages.filter((m) => m.type === 'error').length} errors, ${messages.filter((m) => m.subType === 'warning').length} warnings`);
  } else console.log('Nu HTML checker: skipped (no Java; apt-get install default-jre-headless)');
  const site = await serve(built.outDir, '/');
  try {
    for (const [label, url] of [['index', site.url], ['assessment page', `${site.url}${referenceSlug}/`]] as const) {
      const runs: LighthouseFigures[] = [];
      for (let i = 0; i < 5; i++) runs.push(...(await lighthouseMobile([url])));
      const scores = runs.map((r) => r.performance);
      const mid = runs.find((r) => r.performance === median(scores))!;
      console.log(`Lighthouse mobile, ${label}: median ${median(scores)} (runs ${scores.join(', ')}; CLS max ${Math.max(...runs.map((r) => r.cls)).toFixed(3)})`);
      console.log(`  median run: ${formatFigures(mid)}`);
    }
  } finally {
    await site.close();
  }
}
