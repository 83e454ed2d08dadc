/** Worker thread of the PDF reader: a hostile PDF is parsed here, so a time limit can end it (pdf.ts). */
import { parentPort } from 'node:worker_threads';
import { PdfReadError, readPdfText, type PdfLimits } from './pdf-text.ts';

parentPort!.on('message', async ({ bytes, limits }: { bytes: Uint8Array; limits: PdfLimits }) => {
  try {
    const text = await readPdfText(bytes, limits);
    parentPort!.postMessage({ text });
  } catch (error) {
    if (error instanceof PdfReadError) parentPort!.postMessage({ error: { kind: error.kind, page: error.page, detail: error.detail } });
    else parentPort!.postMessage({ error: { kind: 'unreadable', detail: (error as Error)?.message ?? String(error) } });
  }
});
