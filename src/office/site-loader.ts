/**
 * Astro content loader of the portfolio page (collection `offices`): the 事務 of assessments/ with their due dates,
 * computed here, in the content layer, where the form schemas and the しきい値判断 table can be read; the page
 * and the .ics endpoint only render the stored rows. One entry, id `portfolio`.
 * Check results come from PIA_CHECK_REPORT (a saved `pia check --format json`, set by `pia build --check-report`):
 * opt-in, so that a public build shows them only when the city chose to (schemas/decisions/0008-portfolio-checks.md).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader } from 'astro/loaders';
import { findAssessments, siteBatchFiles, siteSources } from '../site/loader.ts';
import { eachStructure, type Structure } from '../site/structure-cache.ts';
import { slugOf } from '../model/slug.ts';
import { todayInJapan } from '../model/wareki.ts';
import { formSchemas } from './office.ts';
import { officeBatches, PortfolioRows, type SiteDocument } from './portfolio-view.ts';
import { readCheckReport, type CheckReport } from './check-report.ts';
import { pruneEntryData, writeEntryData } from '../site/entry-data.ts';
import { invalidMergeMarker, mergePlanFromEnv, shownPath, portfolioDocumentText, prunePortfolioDocuments, readPortfolioDocument, writePortfolioDocuments } from '../shard/portfolio-docs.ts';
import { sourceHash } from '../site/source-hashes.ts';
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

export function officeLoader(): Loader {
  return {
    name: 'pia-offices',
    load: async ({ store, logger, config }) => {
      const { assessmentsDir } = siteSources();
      const files = findAssessments(assessmentsDir);
      const report = checkReportFromEnv(assessmentsDir);
      // Structure only, like the assessments loader; a broken file is reported there and left out here. Results of
      // unchanged files come from the cache folder (src/site/structure-cache.ts). A large site is read in groups of
      // whole 事務 (memory bounded by the group, not the city): first which files can be rendered (the 事務 folders
      // depend on them), then each group again, from the cache.
      const cacheDir = fileURLToPath(config.cacheDir);
      // The calendar names each 評価書 by its path in the project (the folder holding assessments/), wherever pia
      // is installed and whichever folder the build runs in.
      const shownFrom = path.dirname(assessmentsDir);
      const shown = (file: string) => path.relative(shownFrom, file).split(path.sep).join('/');
      const size = siteBatchFiles(officeBatchFiles);
      // The portfolio finds a document's check run by path.resolve(its file) (portfolio.ts): keyed here as the project paths resolve.
      const runs = report && new Map([...report.runs].map(([file, run]) => [path.resolve(shown(file)), run]));
      const builder = new PortfolioRows(formSchemas(), todayInJapan(), runs);
      const documentsOf = (results: readonly Structure[]): SiteDocument[] => results.filter((r) => r.renderable && r.data && r.formName).map((r) => ({
        slug: slugOf(r.file),
        file: shown(r.file),
        form: r.formName!,
        data: r.data!,
      }));
      // A shard build (PIA_PORTFOLIO_OUT) also keeps each document's role values for `pia merge` (src/shard/portfolio-docs.ts).
      const keepFor = process.env.PIA_PORTFOLIO_OUT;
      const schemas = formSchemas();
      const add = (documents: SiteDocument[]) => {
        builder.add(documents);
        if (keepFor) writePortfolioDocuments(keepFor, documents.map((d) => ({ slug: d.slug, text: portfolioDocumentText(schemas.get(d.form)!, d, sourceHash(path.join(shownFrom, d.file)) ?? '') })));
      };
      const plan = mergePlanFromEnv();
      if (plan) {
        // pia merge: the shards' documents, in groups of whole 事務; no source is read (the merge has hashed them).
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
      } else if (files.length <= size) {
        await eachStructure(files, cacheDir, size, (results) => add(documentsOf(results)));
      } else {
        const renderable: string[] = [];
        await eachStructure(files, cacheDir, size, (results) => renderable.push(...results.filter((r) => r.renderable && r.data && r.formName).map((r) => r.file)));
        for (const batch of officeBatches(renderable, size)) await eachStructure(batch, cacheDir, batch.length, (results) => add(documentsOf(results)), false);
      }
      if (keepFor) prunePortfolioDocuments(keepFor, new Set(files.map(slugOf)));
      const { portfolio, rows } = builder.finish();
      const checks = report ? { writtenAt: report.writtenAt, runs: rows.flatMap((r) => r.documents).filter((d) => d.checks).length } : undefined;
      // In files beside the store, as the 評価書' canonical JSON (src/site/entry-data.ts): the store is serialised and
      // bundled into the build, and a whole city's portfolio is tens of MB (50,000 事務: ~180 MB). Two files: the
      // pages of the list read the counts and rows (a third of it), only the calendar reads every 事務's due dates.
      const { offices, ...summary } = portfolio;
      const write = (json: string) => writeEntryData(dir, createHash('sha256').update(json).digest('hex'), json);
      const dir = path.join(cacheDir, 'pia-portfolio');
      const dataFile = write(JSON.stringify({ portfolio: summary, rows, checks }));
      const officesFile = write(JSON.stringify(offices));
      pruneEntryData(dir, new Set([dataFile, officesFile]));
      store.clear();
      store.set({ id: 'portfolio', data: { dataFile, officesFile } });
      logger.info(`事務 ${rows.length} 件の期限を求めました(期限切れ ${portfolio.overdue} 件)。${checks ? `点検の結果 ${checks.runs} 件。` : ''}`);
    },
  };
}
