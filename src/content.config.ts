/** Astro collections: the 評価書 (through the project's loader and validator) and the form definitions. */
import { defineCollection } from 'astro/content/config';
import { assessmentLoader, formLoader } from './site/loader.ts';
import { officeLoader } from './office/site-loader.ts';

export const collections = {
  assessments: defineCollection({ loader: assessmentLoader() }),
  forms: defineCollection({ loader: formLoader() }),
  offices: defineCollection({ loader: officeLoader() }),
};
