/**
 * Astro content loader of the portfolio page (collection `offices`): the 事務 of assessments/ with their due dates,
 * computed here, in the content layer, where the form schemas and the しきい値判断 table can be read; the page
 * and the .ics endpoint only render the stored rows. One entry, id `portfolio`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader } from 'astro/loaders';
import { findAssessments, siteSources } from '../site/loader.ts';
import { validateStructure } from '../site/structure-cache.ts';
import { slugOf } from '../model/slug.ts';
import { todayInJapan } from '../model/wareki.ts';
import { formSchemas } from './office.ts';
import { portfolioRows } from './portfolio-view.ts';

export function officeLoader(): Loader {
  return {
    name: 'pia-offices',
    load: async ({ store, logger, config }) => {
      const { assessmentsDir } = siteSources();
      const files = findAssessments(assessmentsDir);
      // Structure only, like the assessments loader; a broken file is reported there and left out here. Results of
      // unchanged files come from the cache folder (src/site/structure-cache.ts).
      const results = await validateStructure(files, fileURLToPath(config.cacheDir));
      const documents = results.filter((r) => r.renderable && r.data && r.formName).map((r) => ({
        slug: slugOf(r.file),
        file: path.relative(process.cwd(), r.file),
        form: r.formName!,
        data: r.data!,
      }));
      const { portfolio, rows } = portfolioRows(documents, formSchemas(), todayInJapan());
      store.clear();
      store.set({ id: 'portfolio', data: JSON.parse(JSON.stringify({ portfolio, rows })) as Record<string, unknown> });
      logger.info(`事務 ${rows.length} 件の期限を求めました(期限切れ ${portfolio.overdue} 件)。`);
    },
  };
}
