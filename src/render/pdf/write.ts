/**
 * The thin I/O edge of the PDF renderer: pdfmake setup (fonts, access policies, table layout), rendering a
 * validated assessment to bytes, and writing a file atomically (temp file in the same folder, then rename).
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ValidationResult } from '../../validate/validate.ts';
import type { JsonSchema } from '../../schema/registry.ts';
import { canonicalJson } from '../../model/canonical.ts';
import { slugOf } from '../../model/slug.ts';
import { fail, OutputNotWritable } from '../../report/errors.ts';
import { buildDocDefinition, formLine, type DocDefinition } from './doc-definition.ts';
import { fontFiles } from './fonts.ts';
import { installTaggedRenderer } from './tagging.ts';
import { headerArtifact, stamp } from './structure.ts';
import { useXmpMetadata } from './metadata.ts';

type Pdfmake = typeof import('pdfmake');
const require = createRequire(import.meta.url);
let pdfmake: Pdfmake | undefined;

/**
 * Workaround: PDFKit parses each font file anew for every document (fontkit.create), about a tenth of a warm
 * render with three large CJK fonts. fontkit's exports cannot be redefined, so before pdfmake (and with it
 * PDFKit) is first loaded, the fontkit module PDFKit will require is replaced by a copy whose create() is
 * memoised by Buffer identity. pdfmake passes PDFKit the same Buffer for a font kept in its virtual file
 * system, so every document of the process shares one parsed font (glyph and layout caches); subsets stay
 * per document and the bytes are unchanged. If PDFKit was loaded earlier, this is skipped (only slower).
 */
function shareParsedFonts(): void {
  const fromPdfkit = createRequire(require.resolve('pdfkit', { paths: [path.dirname(require.resolve('pdfmake'))] }));
  const fontkitPath = fromPdfkit.resolve('fontkit');
  if (Object.keys(require.cache).some((k) => k.includes(`${path.sep}pdfkit${path.sep}`))) return;
  const fontkit = fromPdfkit('fontkit') as { create: (buffer: Uint8Array, name?: string) => unknown };
  const parsed = new WeakMap<Uint8Array, Map<string, unknown>>();
  const create = (buffer: Uint8Array, name?: string): unknown => {
    let byName = parsed.get(buffer);
    if (!byName) parsed.set(buffer, (byName = new Map()));
    if (!byName.has(name ?? '')) byName.set(name ?? '', fontkit.create(buffer, name));
    return byName.get(name ?? '');
  };
  require.cache[fontkitPath]!.exports = { ...fontkit, create };
}

function setup(): Pdfmake {
  if (pdfmake) return pdfmake;
  shareParsedFonts();
  const loaded = require('pdfmake') as Pdfmake;
  // pdfmake's Printer requires ./Renderer relative to itself: patch that module, resolved the same way.
  const Renderer = require(path.join(path.dirname(require.resolve('pdfmake')), 'Renderer.js')) as { default: Parameters<typeof installTaggedRenderer>[0] };
  installTaggedRenderer(Renderer.default, {
    onDocument: (doc) => useXmpMetadata(doc as unknown as Parameters<typeof useXmpMetadata>[0], doc.options.lang ?? 'ja-JP'),
  });
  // Fonts live in pdfmake's virtual file system, read once per process; nothing is read from disk or fetched.
  const vfs = (loaded as unknown as { virtualfs: { writeFileSync(name: string, content: Buffer): void } }).virtualfs;
  const fonts: Record<string, { normal: string; bold: string }> = {};
  for (const [family, files] of Object.entries(fontFiles)) {
    for (const file of new Set([files.normal, files.bold])) vfs.writeFileSync(path.basename(file), readFileSync(file));
    fonts[family] = { normal: path.basename(files.normal), bold: path.basename(files.bold) };
  }
  loaded.addFonts(fonts as unknown as Parameters<Pdfmake['addFonts']>[0]);
  loaded.setUrlAccessPolicy(() => false);
  loaded.setLocalAccessPolicy(() => false);
  // Every form table: the same line colour and cell padding; they differ only in which lines are drawn.
  const formCell = {
    hLineColor: () => '#333333',
    vLineColor: () => '#333333',
    paddingLeft: () => 4,
    paddingRight: () => 4,
    paddingTop: () => 3,
    paddingBottom: () => 3,
  };
  loaded.addTableLayouts({
    form: { ...formCell, hLineWidth: () => formLine, vLineWidth: () => formLine },
    // An inner table drawn as rows of the form table it sits in (doc-definition.ts pair): inner lines only.
    formInner: {
      ...formCell,
      hLineWidth: (i, node) => (i === 0 || i === node.table.body.length ? 0 : formLine),
      vLineWidth: (i, node) => (i === 0 || i === (node.table.widths?.length ?? 2) ? 0 : formLine),
    },
  });
  pdfmake = loaded;
  return loaded;
}

/** Renders a document definition. pdfmake annotates the content nodes while laying out: build a fresh one per PDF. */
export async function renderDocDefinition(dd: DocDefinition): Promise<Uint8Array> {
  const pdfmake = setup();
  const pdf = pdfmake.createPdf(dd as unknown as Parameters<typeof pdfmake.createPdf>[0]);
  return new Uint8Array(await pdf.getBuffer());
}

export interface RenderedPdf {
  slug: string;
  bytes: Uint8Array;
  /** SHA-256 of the canonical JSON embedded in the PDF. */
  sha256: string;
}

export interface RenderOptions {
  /** A line printed at the top of every page (the submission version's banner). */
  banner?: string;
}

/** A renderable validation result → PDF bytes. */
export async function renderAssessment(result: Pick<ValidationResult, 'file' | 'renderable' | 'data' | 'form'>, options: RenderOptions = {}): Promise<RenderedPdf> {
  if (!result.renderable || !result.data || !result.form) throw new Error(`not renderable: ${result.file}`);
  return renderData(result.file, result.data, result.form.schema, options);
}

/** Assessment data (already validated) and its form schema → PDF bytes; the slug comes from the file path. */
export async function renderData(file: string, data: Record<string, unknown>, schema: JsonSchema, options: RenderOptions = {}): Promise<RenderedPdf> {
  const canonical = canonicalJson(data, schema);
  const slug = slugOf(file);
  const dd = buildDocDefinition({ data, schema, canonical, slug });
  if (options.banner) {
    const banner = options.banner;
    // A function, so each page gets fresh nodes (pdfmake would copy a static header through JSON); in the
    // tagged PDF the banner is page furniture, a Pagination artifact like the footer.
    (dd as { header?: unknown }).header = () => {
      const header = { text: banner, bold: true, fontSize: 9, color: '#b00020', alignment: 'center', margin: [0, 14, 0, 0] };
      if (dd.tagged) stamp(header, headerArtifact);
      return header;
    };
  }
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
