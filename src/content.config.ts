/** Astro collections: the 評価書 (through the project's loader and validator) and the form definitions. */
import { defineCollection } from 'astro/content/config';
import { handedLoaders, type SiteLoaders } from './site/native-loaders.ts';

// buildSite's own (see native-loaders.ts), else imported here.
const { assessmentLoader, formLoader, officeLoader }: SiteLoaders = handedLoaders() ?? { ...(await import('./site/loader.ts')), ...(await import('./office/site-loader.ts')) };

export const collections = {
  assessments: defineCollection({ loader: assessmentLoader() }),
  forms: defineCollection({ loader: formLoader() }),
  offices: defineCollection({ loader: officeLoader() }),
};
