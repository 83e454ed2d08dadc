/** Worker thread of buildPdfs: receives validated assessment data and its form schema file, posts the PDF bytes back. */
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { JsonSchema } from '../../schema/registry.ts';
import { renderData } from './write.ts';

export interface RenderRequest {
  file: string;
  data: Record<string, unknown>;
  /** The form's schema file: read as JSON here, without compiling a validator (the data is already valid). */
  schemaFile: string;
  /** The submission version's banner, printed on every page. */
  banner?: string;
}

const schemas = new Map<string, JsonSchema>();

parentPort!.on('message', async ({ file, data, schemaFile, banner }: RenderRequest) => {
  try {
    if (!schemas.has(schemaFile)) schemas.set(schemaFile, JSON.parse(readFileSync(schemaFile, 'utf8')) as JsonSchema);
    const pdf = await renderData(file, data, schemas.get(schemaFile)!, { banner });
    parentPort!.postMessage({ slug: pdf.slug, bytes: pdf.bytes, sha256: pdf.sha256 }, [pdf.bytes.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({ error: (error as Error)?.stack ?? String(error) });
  }
});
