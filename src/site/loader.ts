/**
 * Astro content loader for the 評価書: each assessments/<slug>/assessment.yaml goes through the project's own
 * loader and validator (validateFile, on worker threads for many files), so the site, the PDF and `pia validate`
 * read the same data the same way.
 * No zod schema: JSON Schema is the only truth. An assessment that cannot be rendered stops the build with the
 * same file:line:col diagnostics as `pia validate`. The assessments folder comes from PIA_ASSESSMENTS.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { assessmentsUnder } from '../load/assessment-files.ts';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader } from 'astro/loaders';
import { createHash } from 'node:crypto';
import { validateMany, type Validated } from '../validate/validate-many.ts';
import { formatText } from '../report/format.ts';
import type { Diagnostic } from '../report/diagnostic.ts';
import { canonicalJson } from '../model/canonical.ts';
import { slugOf } from '../model/slug.ts';
import { entryDataDir, pruneEntryData, writeEntryData } from './entry-data.ts';
import { loadForms } from '../schema/registry.ts';
import { editionFromEnv, type Edition } from '../validate/edition.ts';
import { inShardFromEnvironment } from '../shard/shard.ts';
import { indexRow, type IndexRow } from '../render/web/index-row.ts';
import { todayInJapan } from '../model/wareki.ts';
import { validatorKey } from './structure-cache.ts';
import { sourceHash, validatedSourceHash } from './source-hashes.ts';
import { validatedBefore } from './validated-handover.ts';
import { invalidMergeMarker, mergePlanFromEnv, readShardFile, shownPath, type MergePlan } from '../shard/portfolio-docs.ts';

/** What a page gets for one 評価書: plain JSON, as Astro serialises the store. */
export interface AssessmentEntry {
  slug: string;
  /** The form's value of 様式; its schema is the `forms` entry of that id. */
  form: string;
  /** SHA-256 of the canonical JSON (keys in the form's order, ISO dates). */
  sha256: string;
  /** The canonical JSON, read with canonicalData/canonicalText (entry-data.ts). */
  dataFile: string;
  /** True when out/pdf/<slug>.pdf exists: the page offers it for download. */
  hasPdf: boolean;
  /** Size of that PDF in bytes (shown beside the download link). */
  pdfBytes?: number;
  /**
   * Its row of the lists (index, catalogue), made when the entry is loaded, for the day `rowDay`: the lists of a
   * rebuild (or of `pia merge`) do not read every 評価書's canonical JSON again. entryRow makes it again on another day.
   */
  row?: IndexRow;
  rowDay?: string;
}


export interface SiteSources {
  assessmentsDir: string;
  pdfDir: string;
}

export function siteSources(env: NodeJS.ProcessEnv = process.env): SiteSources {
  return { assessmentsDir: path.resolve(env.PIA_ASSESSMENTS || 'assessments'), pdfDir: path.resolve(env.PIA_PDF_DIR || 'out/pdf') };
}

/** Marks the loader's error so that buildSite can report it as invalid input rather than an internal error. */
export const invalidAssessmentsMarker = 'PIA_INVALID_ASSESSMENTS:';

export interface InvalidAssessments {
  fileCount: number;
  diagnostics: Diagnostic[];
}

export function findAssessments(dir: string): string[] {
  // PIA_SHARD=i/n (pia build --shard): only that shard's assessments.
  return inShardFromEnvironment(assessmentsUnder(dir));
}

/**
 * 評価書 validated at once at most by the loader (see below); PIA_SITE_BATCH_FILES sets it (and the portfolio's,
 * src/office/site-loader.ts) for tests, which check on a few 評価書 that the groups do not change the site.
 */
export function siteBatchFiles(fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.PIA_SITE_BATCH_FILES);
  return Number.isInteger(n) && n >= 1 ? n : fallback;
}

export function assessmentLoader(): Loader {
  return {
    name: 'pia-assessments',
    load: async ({ store, logger, generateDigest, config }) => {
      const { assessmentsDir, pdfDir } = siteSources();
      // PIA_EDITION=submission: the submission version (everything); otherwise the public one (非公表 withheld).
      const edition = editionFromEnv();
      const dataDir = entryDataDir(fileURLToPath(config.cacheDir));
      const files = findAssessments(assessmentsDir);
      if (files.length === 0) throw new Error(`${assessmentsDir} に評価書(assessment.yaml)が見つかりません。評価書は <フォルダ>/<名前>/assessment.yaml に置きます。`);
      // Whether an assessment can be rendered depends only on its text and the form schemas: an entry kept from
      // the previous build with the same digest was valid then and is valid now, and is not validated again.
      // The code is part of it (coarsely, all of src/: the loader, the canonical form, and the renderer's code that
      // makes the list row the entry carries).
      const formsDigest = generateDigest([validatorKey(), ...[...loadForms().values()].map((f) => readFileSync(f.file, 'utf8'))].join('\u0000'));
      const today = todayInJapan();
      const plan = mergePlanFromEnv();
      if (plan) {
        loadFromShards(plan, { store, dataDir, pdfDir, today, digest: (sha256, hasPdf, pdfBytes, dataFile) => generateDigest(`${formsDigest}\u0000${edition}\u0000${hasPdf}\u0000${pdfBytes ?? ''}\u0000shard\u0000${sha256}\u0000${dataFile}`) });
        logger.info(`${plan.entries.length} 件の評価書をシャードの出力から読み込みました。`);
        return;
      }
      const seen = new Set<string>();
      const digestOf = (hasPdf: boolean, pdfBytes: number | undefined, source: string) => generateDigest(`${formsDigest}\u0000${edition}\u0000${hasPdf}\u0000${pdfBytes ?? ''}\u0000${source}`);
      const pending: { file: string; slug: string; hasPdf: boolean; pdfBytes?: number; source?: string; digest: string; before?: Validated }[] = [];
      for (const file of files) {
        const slug = slugOf(file);
        seen.add(slug);
        const pdf = path.join(pdfDir, `${slug}.pdf`);
        const hasPdf = existsSync(pdf);
        const pdfBytes = hasPdf ? statSync(pdf).size : undefined;
        // The source's SHA-256 as buildSite read it (not read again here: source-hashes.ts). The edition is part of
        // the digest: an entry of one version is never reused for the other.
        const source = sourceHash(file);
        const digest = digestOf(hasPdf, pdfBytes, source ?? 'unreadable');
        const kept = store.get(slug);
        const unchanged = source !== undefined && kept?.digest === digest && existsSync((kept.data as unknown as AssessmentEntry).dataFile);
        if (!unchanged) pending.push({ file, slug, hasPdf, pdfBytes, source, digest, before: validatedBefore(file, source, edition) });
      }
      // Rendering needs only the structure; the content rules are reported by `pia validate` and `pia build`.
      // In groups of siteBatchFiles: what is kept of each 評価書 is its entry (its canonical JSON is in a file),
      // so the memory is bounded by the group whatever the number of 評価書 (pia merge loads a whole city).
      const broken: Validated[] = [];
      let validated = 0;
      const batch = siteBatchFiles(1000);
      for (let at = 0; at < pending.length; at += batch) {
        const group = pending.slice(at, at + batch);
        const toValidate = group.filter((p) => !p.before).map((p) => p.file);
        validated += toValidate.length;
        const fresh = new Map((await validateMany(toValidate, { schemaOnly: true, canonical: true, edition })).map((r) => [r.file, r]));
        group.forEach(({ file, slug, hasPdf, pdfBytes, source, digest, before }) => {
          const result = before ?? fresh.get(file)!;
          if (!result.renderable) {
            broken.push(result);
            return;
          }
          const form = loadForms().get(result.formName!)!;
          const { json, sha256 } = result.canonical ?? canonicalJson(result.data!, form.schema);
          const row = indexRow(slug, form.schema, JSON.parse(json) as Record<string, unknown>, today);
          const entry: AssessmentEntry = { slug, form: form.formName, sha256, dataFile: writeEntryData(dataDir, sha256, json), hasPdf, ...(pdfBytes !== undefined ? { pdfBytes } : {}), row, rowDay: today };
          // Kept under the digest of the text it was made from: a file changed since buildSite hashed it is validated
          // again next time, never reused for another text.
          const validatedSource = validatedSourceHash(file, source, result.textSha256);
          store.set({ id: slug, data: entry as unknown as Record<string, unknown>, filePath: path.relative(process.cwd(), file), digest: validatedSource !== undefined ? digestOf(hasPdf, pdfBytes, validatedSource) : `unkept:${digest}` });
        });
      }
      const handed = pending.length - validated;
      if (broken.length > 0) {
        const report: InvalidAssessments = { fileCount: files.length, diagnostics: broken.flatMap((r) => r.diagnostics.filter((d) => d.severity === 'error')) };
        // buildSite formats these as `pia validate` does, relative to the user's working directory.
        throw new Error(`${invalidAssessmentsMarker}${JSON.stringify(report)}\n${formatText(report.diagnostics, files.length)}`);
      }
      for (const id of store.keys()) if (!seen.has(id)) store.delete(id);
      pruneEntryData(dataDir, new Set(store.values().map((e) => (e.data as unknown as AssessmentEntry).dataFile)));
      logger.info(`${files.length} 件の評価書を読み込みました(検証 ${validated} 件、検証済みの結果を使ったもの ${handed} 件、前回から変わらないもの ${files.length - pending.length} 件)。`);
    },
  };
}

/** Largest canonical JSON read from a shard's output. */
const maxShardJsonBytes = 64 * 1024 * 1024;

/**
 * `pia merge` (PIA_MERGE_PLAN): each 評価書's entry from its shard's JSON download (its canonical JSON), checked
 * against the SHA-256 the shard recorded; no source is parsed or validated (the merge compared the sources' hashes
 * with the shards' records before this build). One file at a time: the memory does not grow with the city. The
 * entry names the shard's file as its data (no copy into the cache: 1.7 GB at 50,000 評価書); the list pages read
 * only the rows kept in the store.
 */
function loadFromShards(plan: MergePlan, at: { store: Parameters<Loader['load']>[0]['store']; dataDir: string; pdfDir: string; today: string; digest: (sha256: string, hasPdf: boolean, pdfBytes: number | undefined, dataFile: string) => string }): void {
  const { store, dataDir, pdfDir, today } = at;
  const forms = loadForms();
  for (const e of plan.entries) {
    const refuse = (problem: string): never => {
      throw new Error(`${invalidMergeMarker}${shownPath(plan, e.json)}: ${problem}`);
    };
    const read = readShardFile(e.json, maxShardJsonBytes);
    if (read === 'missing') refuse('ありません。シャードの出力が欠けています。');
    if (read === 'not-a-file') refuse('通常のファイルではありません。');
    if (read === 'too-large') refuse(`大きすぎます(上限 ${maxShardJsonBytes / 1024 / 1024} MB)。`);
    const json = (read as { text: string }).text;
    const sha256 = createHash('sha256').update(json).digest('hex');
    if (sha256 !== e.sha256) refuse(`shard.json の記録(${e.sha256.slice(0, 12)}…)と内容が違います(${sha256.slice(0, 12)}…)。シャードの出力が書き換えられたか、別の版のものです。`);
    let data: Record<string, unknown>;
    try {
      data = JSON.parse(json) as Record<string, unknown>;
    } catch (error) {
      return refuse(`JSON として読めません(${(error as Error).message})。`);
    }
    const form = typeof data?.['様式'] === 'string' ? forms.get(data['様式']) : undefined;
    if (!form) refuse('このツールで扱える様式の評価書ではありません。');
    const pdf = path.join(pdfDir, `${e.slug}.pdf`);
    const hasPdf = existsSync(pdf);
    const pdfBytes = hasPdf ? statSync(pdf).size : undefined;
    const row = indexRow(e.slug, form!.schema, data, today);
    const entry: AssessmentEntry = { slug: e.slug, form: form!.formName, sha256, dataFile: e.json, hasPdf, ...(pdfBytes !== undefined ? { pdfBytes } : {}), row, rowDay: today };
    store.set({ id: e.slug, data: entry as unknown as Record<string, unknown>, filePath: path.relative(process.cwd(), e.file), digest: at.digest(sha256, hasPdf, pdfBytes, e.json) });
  }
  const slugs = new Set(plan.entries.map((e) => e.slug));
  for (const id of store.keys()) if (!slugs.has(id)) store.delete(id);
  pruneEntryData(dataDir, new Set(store.values().map((e) => (e.data as unknown as AssessmentEntry).dataFile)));
}

/** The form definitions (schemas/*.schema.json) the assessments use, so pages read labels from the schema. */
export function formLoader(): Loader {
  return {
    name: 'pia-forms',
    load: async ({ store }) => {
      store.clear();
      for (const form of loadForms().values()) store.set({ id: form.formName, data: JSON.parse(readFileSync(form.file, 'utf8')) as Record<string, unknown> });
    },
  };
}
