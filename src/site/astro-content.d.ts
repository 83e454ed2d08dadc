/**
 * Types of Astro's virtual module for `tsc --noEmit`, which does not run `astro sync` (its generated types live
 * in .astro/, absent on a fresh clone). Only what src/pages/*.ts uses; the collections are in src/content.config.ts.
 */
declare module 'astro:content' {
  export function getCollection(name: 'assessments' | 'forms' | 'offices'): Promise<{ id: string; data: Record<string, unknown> }[]>;
}

/** Astro's import.meta.env in src/pages/*.ts: the base path the site is built for. */
interface ImportMetaEnv {
  readonly BASE_URL: string;
}
interface ImportMeta {
  readonly env: ImportMetaEnv;
}
