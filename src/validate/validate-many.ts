/**
 * Validation of many assessments (pia validate, pia build, the site loader). Parsing the YAML with positions takes
 * ~3–5 ms per 評価書, so many files are spread over worker threads (one per core); a few are validated in this thread.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { createHash } from 'node:crypto';
import { validateFile, type ValidateOptions, type ValidationResult } from './validate.ts';
import type { Diagnostic } from '../report/diagnostic.ts';
import { canonicalJson } from '../model/canonical.ts';
import { inEdition, type Edition } from './edition.ts';
import { lang } from '../report/i18n.ts';
import { markVerified } from '../load/fast-load.ts';
import type { LoadedDocument } from '../load/load-file.ts';
import type { JsonSchema } from '../schema/registry.ts';
import { readRole, roleSites } from '../model/roles.ts';
import { arrayAt } from '../model/access.ts';

export interface Validated {
  file: string;
  renderable: boolean;
  /** The value of 様式: the form whose schema describes `data`. */
  formName?: string;
  data?: Record<string, unknown>;
  diagnostics: Diagnostic[];
  /** SHA-256 (hex) of the text that was validated (without a BOM), when the file could be read as text. */
  textSha256?: string;
  /** With the `canonical` option, instead of `data`: the canonical JSON text and its SHA-256 (model/canonical.ts). */
  canonical?: { json: string; sha256: string };
  /** Read by the fast path (see load/fast-load.ts): the main thread may then locate in it by the line scan alone. */
  fast?: boolean;
  /** The version `data`/`canonical` are of (see edition.ts): public unless asked for the submission one. */
  edition?: Edition;
  /**
   * Where the items the 事務 rules most often report sit in the file (pointer → [line, col], as `locate` gives
   * them), so that the main thread need not read and scan the file again for them: see officeLocations.
   */
  locations?: Record<string, [number, number]>;
}

export interface ManyOptions extends Pick<ValidateOptions, 'strict' | 'today' | 'schemaOnly'> {
  /**
   * Return the canonical JSON of each renderable assessment instead of its data (the site loader): made on the
   * worker threads, and one string is quicker to pass back than the ~450 values of a 評価書.
   */
  canonical?: boolean;
  /** The version to return (default public: 非公表 parts withheld). Validation itself always reads everything. */
  edition?: Edition;
}

/** The plain result of one validation, as workers post it back (no functions, no YAML document). */
export function validatedOf(file: string, full: ValidationResult, options: ManyOptions = {}): Validated {
  const edition = options.edition ?? 'public';
  const r = inEdition(full, edition);
  const textSha256 = r.loaded ? createHash('sha256').update(r.loaded.text).digest('hex') : undefined;
  const locations = full.loaded && full.form && full.data ? officeLocations(full.loaded, full.form.schema, full.data) : undefined;
  const base = { file, renderable: r.renderable, formName: r.form?.formName, diagnostics: r.diagnostics, textSha256, edition, ...(r.loaded?.fast ? { fast: true } : {}), ...(locations ? { locations } : {}) };
  if (options.canonical && r.renderable && r.data && r.form) return { ...base, canonical: canonicalJson(r.data, r.form.schema) };
  return { ...base, data: r.data };
}

/**
 * Locations of the file's whole document, its 様式, each 検証の例外 and every value of a role that sits once in
 * the form (not in a list: the 表紙, the しきい値判断 …), which is where the 事務 rules (src/office/) locate their
 * findings. Any other pointer is located by reading the file again, as before.
 */
export function officeLocations(loaded: Pick<LoadedDocument, 'locate'>, schema: JsonSchema, data: Record<string, unknown>): Record<string, [number, number]> {
  const pointers = ['', '/様式', ...arrayAt(data, '検証の例外').map((_, i) => `/検証の例外/${i}`)];
  for (const [role, sites] of roleSites(schema)) {
    if (sites.some((site) => site.pattern.includes('*'))) continue;
    for (const read of readRole(schema, data, role)) pointers.push(read.pointer);
  }
  const out: Record<string, [number, number]> = {};
  for (const pointer of pointers) {
    const { line, col } = loaded.locate(pointer);
    out[pointer] = [line, col];
  }
  return out;
}

/** Below this many files, starting workers (each compiles the schemas) costs more than it saves. */
const workerThreshold = 64;

export async function validateMany(files: readonly string[], options: ManyOptions = {}, workers = availableParallelism()): Promise<Validated[]> {
  const count = Math.min(workers, Math.floor(files.length / (workerThreshold / 2)));
  if (count < 2) {
    return files.map((file) => validatedOf(file, validateFile(file, options), options));
  }
  const chunks = Array.from({ length: count }, (_, i) => files.filter((_, j) => j % count === i));
  const pool = chunks.map(() => new Worker(new URL('./validate-worker.ts', import.meta.url)));
  try {
    const answers = await Promise.all(
      pool.map(
        (worker, i) =>
          new Promise<Validated[]>((resolve, reject) => {
            worker.once('message', (message: { results: Validated[] } | { error: string }) => ('error' in message ? reject(new Error(message.error)) : resolve(message.results)));
            worker.once('error', reject);
            worker.postMessage({ files: chunks[i], options, lang: lang() });
          }),
      ),
    );
    const byFile = new Map(answers.flat().map((r) => [r.file, r]));
    for (const r of byFile.values()) if (r.fast && r.textSha256) markVerified(r.textSha256);
    return files.map((file) => byFile.get(file)!);
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
