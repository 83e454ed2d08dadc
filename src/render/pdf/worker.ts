/** Worker thread of buildPdfs: receives validated assessment data, renders it, posts the bytes back. */
import { parentPort } from 'node:worker_threads';
import { loadForms } from '../../schema/registry.ts';
import { renderAssessment } from './write.ts';

export interface RenderRequest {
  file: string;
  data: Record<string, unknown>;
}

parentPort!.on('message', async ({ file, data }: RenderRequest) => {
  try {
    const form = loadForms().get(String(data['様式']));
    const pdf = await renderAssessment({ file, data, form, diagnostics: [], renderable: true });
    parentPort!.postMessage({ slug: pdf.slug, bytes: pdf.bytes, sha256: pdf.sha256 }, [pdf.bytes.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({ error: (error as Error)?.stack ?? String(error) });
  }
});
