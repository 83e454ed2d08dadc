/** Worker thread of validateMany: validates the files it is sent and posts back plain results (no functions). */
import { parentPort } from 'node:worker_threads';
import { validateFile } from '../validate/validate.ts';
import type { Validated } from './validate-many.ts';

parentPort!.on('message', (files: string[]) => {
  try {
    const results: Validated[] = files.map((file) => {
      const r = validateFile(file);
      return { file, renderable: r.renderable, formName: r.form?.formName, data: r.data, diagnostics: r.diagnostics };
    });
    parentPort!.postMessage({ results });
  } catch (error) {
    parentPort!.postMessage({ error: (error as Error)?.stack ?? String(error) });
  }
});
