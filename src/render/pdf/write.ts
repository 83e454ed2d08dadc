/**
 * The thin I/O edge of the PDF renderer: pdfmake setup (fonts, access policies, table layout), rendering a
 * validated assessment to bytes, and writing a file atomically (temp file in the same folder, then rename).
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pdfmake from 'pdfmake';
import type { ValidationResult } from '../../validate/validate.ts';
import type { JsonSchema } from '../../schema/registry.ts';
import { canonicalJson } from '../../model/canonical.ts';
import { slugOf } from '../../model/slug.ts';
import { fail, OutputNotWritable } from '../../report/errors.ts';
import { buildDocDefinition, type DocDefinition } from './doc-definition.ts';
import { fontFiles } from './fonts.ts';

let ready = false;

function setup(): void {
  if (ready) return;
  pdfmake.addFonts(fontFiles as unknown as Parameters<typeof pdfmake.addFonts>[0]);
  // Nothing is fetched from the network; only the font files may be read from disk.
  const allowed = new Set(Object.values(fontFiles).flatMap((f) => [f.normal, f.bold]));
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((p) => allowed.has(p));
  const line = (i: number, count: number) => (i === 0 || i === count ? 0.8 : 0.5);
  pdfmake.addTableLayouts({
    form: {
      hLineWidth: (i, node) => line(i, node.table.body.length),
      vLineWidth: (i, node) => line(i, node.table.widths?.length ?? 2),
      hLineColor: () => '#333333',
      vLineColor: () => '#333333',
      paddingLeft: () => 4,
      paddingRight: () => 4,
      paddingTop: () => 3,
      paddingBottom: () => 3,
    },
  });
  ready = true;
}

export async function renderDocDefinition(dd: DocDefinition): Promise<Uint8Array> {
  setup();
  // pdfmake mutates the definition (resolves files, styles): give it a copy so callers can reuse theirs.
  const copy = { ...dd, files: structuredClone(dd.files), content: dd.content };
  const pdf = pdfmake.createPdf(copy as unknown as Parameters<typeof pdfmake.createPdf>[0]);
  return new Uint8Array(await pdf.getBuffer());
}

export interface RenderedPdf {
  slug: string;
  bytes: Uint8Array;
  /** SHA-256 of the canonical JSON embedded in the PDF. */
  sha256: string;
}

/** A renderable validation result → PDF bytes. */
export async function renderAssessment(result: ValidationResult): Promise<RenderedPdf> {
  if (!result.renderable || !result.data || !result.form) throw new Error(`not renderable: ${result.file}`);
  return renderData(result.file, result.data, result.form.schema);
}

/** Assessment data (already validated) and its form schema → PDF bytes; the slug comes from the file path. */
export async function renderData(file: string, data: Record<string, unknown>, schema: JsonSchema): Promise<RenderedPdf> {
  const canonical = canonicalJson(data, schema);
  const slug = slugOf(file);
  const dd = buildDocDefinition({ data, schema, canonical, slug });
  return { slug, bytes: await renderDocDefinition(dd), sha256: canonical.sha256 };
}

/** Writes bytes via a temp file in the same folder and a rename, so a reader never sees a partial file. */
export function writeFileAtomic(file: string, bytes: Uint8Array | string): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, bytes);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    fail(OutputNotWritable, { path: file, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
  }
}
