/**
 * PDFs of many assessments (pia build): out/pdf/<slug>.pdf for every renderable assessment.
 *
 * A PDF is rendered again only when its content hash changes: the canonical SHA-256 of the assessment plus
 * the renderer version (a hash of the renderer sources, the form schema and the pdfmake/font versions). The
 * manifest out/pdf/manifest.json records both per slug. Rendering runs on worker threads, one per core.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesHash, moduleGraph } from '../../model/source-hash.ts';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import type { ValidationResult } from '../../validate/validate.ts';
import { canonicalJson } from '../../model/canonical.ts';
import { slugOf } from '../../model/slug.ts';
import { fail, OutputNotWritable } from '../../report/errors.ts';
import { renderAssessment, writeFileAtomic } from './write.ts';
import type { RenderRequest } from './worker.ts';

export interface BuiltPdf {
  slug: string;
  file: string;
  /** SHA-256 of the canonical JSON embedded in the PDF. */
  sha256: string;
}

interface Manifest {
  renderer: string;
  pdfs: Record<string, { sha256: string; pdfSha256: string }>;
}

const rendererDir = fileURLToPath(new URL('.', import.meta.url));
const require = createRequire(import.meta.url);

/** Hash of everything that shapes the PDF besides the data: the sources it imports, form schemas, library versions. */
export function rendererVersion(schemaFiles: readonly string[]): string {
  const hash = createHash('sha256');
  // Every source the renderer imports, helpers outside render/pdf included (walk.ts, printed.ts, wareki.ts …).
  const entries = readdirSync(rendererDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => path.join(rendererDir, f));
  hash.update(filesHash(moduleGraph(entries), path.join(rendererDir, '../..')));
  for (const file of [...schemaFiles].sort()) hash.update(readFileSync(file));
  for (const pkg of ['pdfmake', '@expo-google-fonts/biz-udpgothic', '@expo-google-fonts/noto-sans-jp', '@expo-google-fonts/noto-sans-symbols-2']) {
    hash.update(`${pkg}@${(JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version}`);
  }
  return hash.digest('hex');
}

function readManifest(file: string): Manifest | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface BuildPdfsOptions {
  /** Worker threads; default: one per core. 0 renders in this thread. */
  workers?: number;
  /** Ignore the cache and render every PDF. */
  force?: boolean;
  /** Called after each PDF is written: (rendered so far, to render). */
  onProgress?: (done: number, total: number) => void;
  /** A line printed at the top of every page (the submission version's banner); part of the cache key. */
  banner?: string;
}

/** Renders every renderable result to <outDir>/<slug>.pdf, skipping PDFs whose content hash is unchanged. */
export async function buildPdfs(results: readonly Pick<ValidationResult, 'file' | 'renderable' | 'data' | 'form'>[], outDir = 'out/pdf', options: BuildPdfsOptions = {}): Promise<BuiltPdf[]> {
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (error) {
    fail(OutputNotWritable, { path: outDir, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
  }
  const renderable = results.filter((r) => r.renderable && r.data && r.form);
  const manifestFile = path.join(outDir, 'manifest.json');
  const renderer = rendererVersion([...new Set(renderable.map((r) => r.form!.file))]) + (options.banner ? `+${sha256(new TextEncoder().encode(options.banner))}` : '');
  const previous = readManifest(manifestFile);
  const manifest: Manifest = { renderer, pdfs: {} };

  const built: BuiltPdf[] = [];
  const todo: Pick<ValidationResult, 'file' | 'renderable' | 'data' | 'form'>[] = [];
  for (const result of renderable) {
    const slug = slugOf(result.file);
    const file = path.join(outDir, `${slug}.pdf`);
    const { sha256: hash } = canonicalJson(result.data!, result.form!.schema);
    built.push({ slug, file, sha256: hash });
    const cached = previous?.renderer === renderer ? previous.pdfs[slug] : undefined;
    if (!options.force && cached?.sha256 === hash && existsSync(file) && sha256(readFileSync(file)) === cached.pdfSha256) {
      manifest.pdfs[slug] = cached;
    } else {
      todo.push(result);
    }
  }

  // Each PDF is written as soon as it is rendered, so memory does not grow with the number of assessments.
  const save = (pdf: Rendered) => {
    writeFileAtomic(path.join(outDir, `${pdf.slug}.pdf`), pdf.bytes);
    manifest.pdfs[pdf.slug] = { sha256: pdf.sha256, pdfSha256: sha256(pdf.bytes) };
    options.onProgress?.(++rendered, todo.length);
  };
  let rendered = 0;
  const workers = Math.min(options.workers ?? availableParallelism(), todo.length);
  if (workers > 1) await renderInWorkers(todo, workers, save, options.banner);
  else for (const result of todo) save(await renderAssessment(result, { banner: options.banner }));
  // In the order of the files, whatever order the workers finished in: the same inputs give the same bytes.
  manifest.pdfs = Object.fromEntries(built.filter((b) => manifest.pdfs[b.slug]).map((b) => [b.slug, manifest.pdfs[b.slug]!]));
  if (todo.length > 0 || JSON.stringify(previous) !== JSON.stringify(manifest)) {
    writeFileAtomic(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
  }
  return built;
}

type Rendered = { slug: string; bytes: Uint8Array; sha256: string };

/**
 * Worker threads: each worker loads the renderer once (fonts, pdfmake) and renders what it is sent. Only the
 * plain data and the schema file are posted (a ValidationResult holds functions).
 */
async function renderInWorkers(results: readonly Pick<ValidationResult, 'file' | 'data' | 'form'>[], count: number, save: (pdf: Rendered) => void, banner?: string): Promise<void> {
  const queue: RenderRequest[] = results.map((r) => ({ file: r.file, data: r.data!, schemaFile: r.form!.file, banner }));
  const runOne = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      const next = () => {
        const request = queue.shift();
        if (request === undefined) return resolve();
        worker.postMessage(request);
      };
      worker.on('message', (message: Rendered | { error: string }) => {
        if ('error' in message) return reject(new Error(message.error));
        try {
          save({ ...message, bytes: new Uint8Array(message.bytes) });
        } catch (error) {
          return reject(error);
        }
        next();
      });
      worker.on('error', reject);
      next();
    });
  const workers = Array.from({ length: count }, () => new Worker(new URL('./worker.ts', import.meta.url)));
  try {
    await Promise.all(workers.map(runOne));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
