/**
 * The content loaders, handed from buildSite to src/content.config.ts. Astro imports the content configuration
 * through Vite's module runner, which transforms and runs every module it imports, on every build: importing the
 * loaders there made Vite compile ~80 modules of src/ (the validator, the model, the portfolio, the list rows)
 * each time, ~0.7 s of a rebuild of 1,000 after one change. buildSite has them loaded already, as plain Node
 * modules, and hands them over through a global (Astro's module graph has its own copy of this module).
 * Without a hand-over (Astro run by itself), the configuration imports them.
 */
import type { Loader } from 'astro/loaders';

export interface SiteLoaders {
  assessmentLoader: () => Loader;
  formLoader: () => Loader;
  officeLoader: () => Loader;
}

const key = Symbol.for('pia.site.loaders');
type Holder = { [key]?: SiteLoaders };

export function handOverLoaders(loaders: SiteLoaders | undefined): void {
  if (loaders) (globalThis as Holder)[key] = loaders;
  else delete (globalThis as Holder)[key];
}

/** The loaders buildSite handed over, or undefined. */
export function handedLoaders(): SiteLoaders | undefined {
  return (globalThis as Holder)[key];
}
