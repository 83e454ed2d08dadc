/** Worker thread of validateMany: validates the files it is sent and posts back plain results (no functions). */
import { parentPort } from 'node:worker_threads';
import { validateFile } from './validate.ts';
import { validatedOf, type ManyOptions, type Validated } from './validate-many.ts';
import { setLang, type Lang } from '../report/i18n.ts';

parentPort!.on('message', ({ files, options, lang }: { files: string[]; options: ManyOptions; lang: Lang }) => {
  try {
    setLang(lang); // messages in the language of the command (--lang), not only of PIA_LANG
    const results: Validated[] = files.map((file) => validatedOf(file, validateFile(file, options), options));
    parentPort!.postMessage({ results });
  } catch (error) {
    parentPort!.postMessage({ error: (error as Error)?.stack ?? String(error) });
  }
});
