/**
 * Which 評価書 pages Astro renders in this build. buildSite takes the pages it has in its page store (page-store.ts)
 * from there and asks Astro only for the others; the pages that list every 評価書 (index, offices, open data,
 * catalogue) read the whole collection and are rendered on every build that is not a no-op.
 * Astro imports the pages through its own module graph (a copy of this module), so the set goes through a global.
 */
const key = Symbol.for('pia.site.renderSet');
type Holder = { [key]?: ReadonlySet<string> };

/** undefined: render every 評価書 (the default, and what a build without a page store does). */
export function handOverRenderSet(slugs: ReadonlySet<string> | undefined): void {
  if (slugs) (globalThis as Holder)[key] = slugs;
  else delete (globalThis as Holder)[key];
}

/** Whether the page, JSON and CSV of this 評価書 are rendered by Astro in this build. */
export function rendersEntry(slug: string): boolean {
  const set = (globalThis as Holder)[key];
  return set === undefined || set.has(slug);
}
