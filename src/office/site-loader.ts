/**
 * Astro content loader of the portfolio page (collection `offices`): the 事務 of assessments/ with their due dates,
 * computed here, in the content layer, where the form schemas and the しきい値判断 table can be read; the page
 * and the .ics endpoint only render the stored rows. One entry, id `portfolio`.
 * Check results come from PIA_CHECK_REPORT (a saved `pia check --format json`, set by `pia build --check-report`):
 * opt-in, so that a public build shows them only when the city chose to (schemas/decisions/0008-portfolio-checks.md).
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader } from 'astro/loaders';
import { findAssessments, siteBatchFiles, siteSources } from '../site/loader.ts';
import { eachStructure, pruneEntries, pruneStructure, readEntry, validatorKey, writeEntry, type Structure } from '../site/structure-cache.ts';
import { slugOf } from '../model/slug.ts';
import { todayInJapan } from '../model/wareki.ts';
import { formSchemas } from './office.ts';
import { officeBatches, PortfolioRows, type OfficesPart, type SiteDocument } from './portfolio-view.ts';
import { readCheckReport, type CheckReport } from './check-report.ts';
import { pruneEntryData, writeEntryData } from '../site/entry-data.ts';
import { invalidMergeMarker, mergePlanFromEnv, portfolioDocumentText, prunePortfolioDocuments, readPortfolioDocument, shownPath, writePortfolioDocuments, type MergePlan } from '../shard/portfolio-docs.ts';
import { sourceHash, validatedSourceHash } from '../site/source-hashes.ts';
import { sha256 } from '../site/store.ts';
import { officeDirsByPath } from './group.ts';
/**
 * The check report named by PIA_CHECK_REPORT, if any. The project folder is the one that holds assessments/ (where
 * `pia check` and `pia build` run): a relative PIA_CHECK_REPORT and the report's paths are read from there.
 */
export function checkReportFromEnv(assessmentsDir: string, env: NodeJS.ProcessEnv = process.env): CheckReport | undefined {
  const named = env.PIA_CHECK_REPORT;
  if (!named) return undefined;
  const project = path.dirname(assessmentsDir);
  return readCheckReport(path.resolve(project, named), project);
}

/** 評価書 read at once at most (about: a 事務 is never split), so that the portfolio of a whole city fits in memory. */
const officeBatchFiles = 2000;

/** The portfolio written beside the store: its two files and what the loader's message says of it. */
interface PortfolioWritten {
  dataFile: string;
  officesFile: string;
  /** The day the due dates were counted from (the calendar's stamp). */
  today: string;
  offices: number;
  overdue: number;
  checkRuns?: number;
}

/**
 * The portfolio of the builder's 事務, written in files beside the store, as the 評価書' canonical JSON
 * (src/site/entry-data.ts): the store is serialised and bundled into the build, and a whole city's portfolio is tens
 * of MB (50,000 事務: ~180 MB). Two files: the pages of the list read the counts and rows (a third of it), only the
 * calendar reads every 事務's due dates.
 */
function writePortfolio(builder: PortfolioRows, report: CheckReport | undefined, cacheDir: string): PortfolioWritten {
  const { portfolio, rows } = builder.finish();
  const checks = report ? { writtenAt: report.writtenAt, runs: rows.flatMap((r) => r.documents).filter((d) => d.checks).length } : undefined;
  const { offices, ...summary } = portfolio;
  const dir = path.join(cacheDir, 'pia-portfolio');
  const write = (json: string) => writeEntryData(dir, createHash('sha256').update(json).digest('hex'), json);
  const dataFile = write(JSON.stringify({ portfolio: summary, rows, checks }));
  // One 事務 per line: the calendar reads them a group at a time (portfolioOfficeGroups).
  const officesFile = write(offices.map((o) => JSON.stringify(o)).join('\n'));
  pruneEntryData(dir, new Set([dataFile, officesFile]));
  return { dataFile, officesFile, today: portfolio.today, offices: rows.length, overdue: portfolio.overdue, ...(checks ? { checkRuns: checks.runs } : {}) };
}

export function officeLoader(): Loader {
  return {
    name: 'pia-offices',
    load: async ({ store, logger, config }) => {
      const { assessmentsDir } = siteSources();
      const cacheDir = fileURLToPath(config.cacheDir);
      const size = siteBatchFiles(officeBatchFiles);
      // pia merge: the shards' documents; no source is read (the merge has hashed them).
      const plan = mergePlanFromEnv();
      const written = plan ? portfolioOfPlan(plan, assessmentsDir, cacheDir, size) : await portfolioOfSources(assessmentsDir, cacheDir, size);
      store.clear();
      store.set({ id: 'portfolio', data: { dataFile: written.dataFile, officesFile: written.officesFile, today: written.today } });
      logger.info(`事務 ${written.offices} 件の期限を求めました(期限切れ ${written.overdue} 件)。${written.checkRuns !== undefined ? `点検の結果 ${written.checkRuns} 件。` : ''}`);
    },
  };
}

/** What both paths start from: the check report, the 評価書' paths as the calendar shows them, and the builder. */
function portfolioStart(assessmentsDir: string) {
  const report = checkReportFromEnv(assessmentsDir);
  // The calendar names each 評価書 by its path in the project (the folder holding assessments/), wherever pia
  // is installed and whichever folder the build runs in.
  const shownFrom = path.dirname(assessmentsDir);
  const shown = (file: string) => path.relative(shownFrom, file).split(path.sep).join('/');
  // The portfolio finds a document's check run by path.resolve(its file) (portfolio.ts): keyed here as the project paths resolve.
  const runs = report && new Map([...report.runs].map(([file, run]) => [path.resolve(shown(file)), run]));
  const schemas = formSchemas();
  const today = todayInJapan();
  return { report, shownFrom, shown, runs, schemas, today, builder: new PortfolioRows(schemas, today, runs) };
}

/** The portfolio of `pia merge` (PIA_MERGE_PLAN): the documents the shards kept, in groups of whole 事務. */
function portfolioOfPlan(plan: MergePlan, assessmentsDir: string, cacheDir: string, size: number): PortfolioWritten {
  const { report, shown, schemas, builder } = portfolioStart(assessmentsDir);
  const forms = new Set(schemas.keys());
  const byFile = new Map(plan.entries.map((e) => [e.file, e]));
  for (const batch of officeBatches(plan.entries.map((e) => e.file), size)) {
    builder.add(batch.map((file) => {
      const e = byFile.get(file)!;
      const doc = readPortfolioDocument(e.portfolio, { source: e.source, forms, shown: shownPath(plan, e.portfolio) });
      if (typeof doc === 'string') throw new Error(`${invalidMergeMarker}${doc}`);
      return { slug: e.slug, file: shown(e.file), form: doc.form, data: doc.data };
    }));
  }
  return writePortfolio(builder, report, cacheDir);
}

/** The portfolio of the 評価書 under assessmentsDir, 事務 by 事務 through two caches (officeParts). */
async function portfolioOfSources(assessmentsDir: string, cacheDir: string, size: number): Promise<PortfolioWritten> {
  const files = findAssessments(assessmentsDir);
  const { report, shownFrom, shown, runs, schemas, today, builder } = portfolioStart(assessmentsDir);
  // Structure only, like the assessments loader; a broken file is reported there and left out here.
  const documentsOf = (results: readonly Structure[]): SiteDocument[] => results.filter((r) => r.renderable && r.data && r.formName).map((r) => ({
    slug: slugOf(r.file),
    file: shown(r.file),
    form: r.formName!,
    data: r.data!,
  }));
  // A shard build (PIA_PORTFOLIO_OUT) also keeps each document's role values for `pia merge` (src/shard/portfolio-docs.ts).
  const keepFor = process.env.PIA_PORTFOLIO_OUT;
  // What makes a 事務's part besides the code and schemas: the day, the language, and each 評価書's path,
  // source and check run.
  const code = `${validatorKey()}\u0000${today}\u0000${process.env.PIA_LANG ?? ''}`;
  const keyOf = (office: readonly string[]) => {
    const documents = office.map((f) => [shown(f), slugOf(f), sourceHash(f), runs?.get(path.resolve(shown(f))) ?? null]);
    return documents.some((d) => d[2] === undefined) ? undefined : sha256(`pia-office-part 1\u0000${code}\u0000${JSON.stringify(documents)}`);
  };
  // A shard build writes every document for the merge, so it reads every 事務's data.
  const parts = await officeParts(files, { cacheDir, size, keyOf, useKept: !keepFor, documentsOf, make: (documents) => {
    if (keepFor) writePortfolioDocuments(keepFor, documents.map((d) => ({ slug: d.slug, text: portfolioDocumentText(schemas.get(d.form)!, d, sourceHash(path.join(shownFrom, d.file)) ?? '') })));
    return builder.part(documents);
  } });
  for (const part of parts) builder.addPart(part);
  if (keepFor) prunePortfolioDocuments(keepFor, new Set(files.map(slugOf)));
  return writePortfolio(builder, report, cacheDir);
}

/**
 * The portfolio's part (PortfolioRows.part) of each 事務 of `files`, in the order of the 事務's first file. A 事務
 * whose key (keyOf: its 評価書' paths, sources and check runs, the day, the code and the schemas) was kept by an
 * earlier build is read from <cacheDir>/pia-offices/; the others are validated in groups of whole 事務 of about
 * `size` files (structure only, through the structure cache: memory bounded by the group, not the city), made and
 * kept. A rebuild after one change reads the data of one 事務, not the city's: reading back every 評価書's data was
 * most of this loader's time. Grouped by path, as groupOffices groups; a file that cannot be rendered is left out
 * (the assessments loader reports it, and the site is not built).
 */
async function officeParts(files: readonly string[], at: { cacheDir: string; size: number; keyOf: (office: readonly string[]) => string | undefined; useKept: boolean; documentsOf: (results: readonly Structure[]) => SiteDocument[]; make: (documents: SiteDocument[]) => OfficesPart }): Promise<OfficesPart[]> {
  const dirOf = officeDirsByPath(files);
  const offices = [...Map.groupBy(files, (f) => dirOf.get(f)!).values()];
  const dir = path.join(at.cacheDir, 'pia-offices');
  const keys = offices.map(at.keyOf);
  const parts = keys.map((key) => (key !== undefined && at.useKept ? readEntry<OfficesPart>(path.join(dir, `${key}.json`)) : undefined));
  const todo = offices.flatMap((_, i) => (parts[i] ? [] : [i]));
  const make = async (batch: readonly number[]) => {
    const officeOf = new Map(batch.flatMap((i) => offices[i]!.map((f) => [f, i])));
    const batchFiles = batch.flatMap((i) => offices[i]!);
    await eachStructure(batchFiles, at.cacheDir, batchFiles.length, (results) => {
      const byOffice = Map.groupBy(results, (r) => officeOf.get(r.file)!);
      mkdirSync(dir, { recursive: true });
      for (const i of batch) {
        const mine = byOffice.get(i) ?? [];
        const text = JSON.stringify(at.make(at.documentsOf(mine)));
        // The form read back, so that a part made now and one kept are the same values.
        parts[i] = JSON.parse(text) as OfficesPart;
        // Kept only when every 評価書 validated is the text its key was made from (none changed since it was hashed).
        const asHashed = mine.length === offices[i]!.length && mine.every((r) => validatedSourceHash(r.file, sourceHash(r.file), r.textSha256) === sourceHash(r.file));
        if (keys[i] !== undefined && asHashed) writeEntry(path.join(dir, `${keys[i]}.json`), text);
      }
    }, false);
  };
  let batch: number[] = [];
  let count = 0;
  for (const i of todo) {
    batch.push(i);
    count += offices[i]!.length;
    if (count >= at.size) {
      await make(batch);
      batch = [];
      count = 0;
    }
  }
  if (batch.length > 0) await make(batch);
  pruneStructure(files, at.cacheDir);
  pruneEntries(dir, keys);
  return parts as OfficesPart[];
}
