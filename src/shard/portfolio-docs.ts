/**
 * What the portfolio page reads of one 評価書, kept by a shard for `pia merge` (<shard>/portfolio/<slug>.json), so
 * that the merge makes the portfolio of the whole city without parsing and validating every source again (at
 * 50,000 評価書 that was most of the merge's time, and its memory).
 *
 * A document holds the 評価書's values at every role site of its form (roleProjection over all the form's roles,
 * and 検証の例外): the portfolio, the しきい値判断 and the 事務 rules read a 評価書 through its roles only, so
 * they give the same rows from it as from the whole data (test/shard/portfolio-docs.test.ts). `source` is the
 * SHA-256 of the source file's bytes when the document was made: the merge refuses a document of another version.
 *
 * PIA_PORTFOLIO_OUT (set by `pia build --shard` around its site build) names the folder; the portfolio loader
 * (src/office/site-loader.ts) writes there. PIA_MERGE_PLAN (set by `pia merge`) names the plan whose documents
 * the loaders read instead of the sources.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { JsonSchema } from '../schema/registry.ts';
import { formRoles } from '../model/roles.ts';
import { roleProjection, type SiteDocument } from '../office/portfolio-view.ts';
import { isObject } from '../model/access.ts';

export const portfolioFormat = 'pia-portfolio-document/1';

/** Marks a loader's error about the shards' outputs, so that `pia merge` reports it as a refusal of its input. */
export const invalidMergeMarker = 'PIA_INVALID_MERGE:';

export interface PortfolioDocument {
  format: typeof portfolioFormat;
  form: string;
  source: string;
  data: Record<string, unknown>;
}

/** The values of `data` at every role site of its form, and its 検証の例外. */
export function portfolioProjection(schema: JsonSchema, data: Record<string, unknown>): Record<string, unknown> {
  return roleProjection(schema, data, [...formRoles(schema)]);
}

/** Writes one document per 評価書, each only when its text changed (atomically: never partial). */
export function writePortfolioDocuments(dir: string, documents: readonly { slug: string; text: string }[]): void {
  mkdirSync(dir, { recursive: true });
  for (const { slug, text } of documents) {
    const file = path.join(dir, `${slug}.json`);
    if (existsSync(file) && readFileSync(file, 'utf8') === text) continue;
    writeFileSync(`${file}.${process.pid}.partial`, text);
    renameSync(`${file}.${process.pid}.partial`, file);
  }
}

/** Removes the documents of 評価書 no longer among `slugs`. */
export function prunePortfolioDocuments(dir: string, slugs: ReadonlySet<string>): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) if (name.endsWith('.json') && !slugs.has(name.slice(0, -5))) rmSync(path.join(dir, name), { force: true });
}

export function portfolioDocumentText(schema: JsonSchema, document: SiteDocument, source: string): string {
  const doc: PortfolioDocument = { format: portfolioFormat, form: document.form, source, data: portfolioProjection(schema, document.data) };
  return JSON.stringify(doc);
}

/** A file of a shard's output (a CI artifact) read whole if it is a regular file of at most `limit` bytes. */
export function readShardFile(file: string, limit: number): { text: string } | 'missing' | 'not-a-file' | 'too-large' {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    return 'missing';
  }
  if (!stat.isFile()) return 'not-a-file';
  if (stat.size > limit) return 'too-large';
  try {
    return { text: readFileSync(file, 'utf8') };
  } catch {
    return 'missing';
  }
}

/** Largest document read back (a 全項目評価書's role values are far below this). */
export const maxPortfolioDocumentBytes = 16 * 1024 * 1024;

/**
 * A shard's document (from a CI artifact: anything may be in it), checked against what the merge expects: the
 * document or a problem text naming the file.
 */
export function readPortfolioDocument(file: string, expect: { source: string; forms: ReadonlySet<string>; shown?: string }): PortfolioDocument | string {
  const shown = expect.shown ?? file;
  const read = readShardFile(file, maxPortfolioDocumentBytes);
  if (read === 'missing') return `${shown} がありません。シャードの出力が欠けているか、古い版の pia で作ったシャードです。すべてのシャードを同じコミットで作り直してください。`;
  if (read === 'not-a-file') return `${shown}: 通常のファイルではありません。`;
  if (read === 'too-large') return `${shown} が大きすぎます(上限 ${maxPortfolioDocumentBytes / 1024 / 1024} MB)。`;
  const text = read.text;
  let doc: PortfolioDocument;
  try {
    doc = JSON.parse(text) as PortfolioDocument;
  } catch (error) {
    return `${shown} を JSON として読めません(${(error as Error).message})。`;
  }
  if (!isObject(doc) || doc.format !== portfolioFormat || typeof doc.form !== 'string' || !expect.forms.has(doc.form) || typeof doc.source !== 'string' || !isObject(doc.data)) return `${shown} は pia build --shard が書いた事務の一覧用の記録(${portfolioFormat})ではありません。`;
  if (doc.source !== expect.source) return `${shown}: shard.json と違う版の評価書から作られています。すべてのシャードを同じコミットで作り直してください。`;
  return doc;
}

/** One 評価書 of the merge: where its shard put what the loaders read (absolute paths), and what it must be. */
export interface PlanEntry {
  slug: string;
  /** The source file (the entry's filePath, and the portfolio's link to it). */
  file: string;
  /** SHA-256 of the canonical JSON (the shard's JSON download must have it). */
  sha256: string;
  /** SHA-256 of the source's bytes. */
  source: string;
  /** The shard's canonical JSON download of it. */
  json: string;
  /** Its portfolio document. */
  portfolio: string;
}

export interface MergePlan {
  /** The working folder of `pia merge`: messages name the shards' files relative to it, as the user gave them. */
  cwd: string;
  entries: PlanEntry[];
}

/** A file of the plan as the user's messages name it. */
export function shownPath(plan: MergePlan, file: string): string {
  return path.relative(plan.cwd, file) || file;
}

/** The plan `pia merge` wrote for its site build (PIA_MERGE_PLAN), or undefined in any other build. */
export function mergePlanFromEnv(env: NodeJS.ProcessEnv = process.env): MergePlan | undefined {
  const file = env.PIA_MERGE_PLAN;
  return file ? (JSON.parse(readFileSync(file, 'utf8')) as MergePlan) : undefined;
}
