/**
 * PIA_SITE_PART=lists: the site build of `pia merge` renders the pages over every assessment (the list, the
 * portfolio, open data, catalogue) and the common pages, but not one page per assessment: those come from the
 * shards. The two per-assessment routes ask here.
 */
export function entryPagesWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.PIA_SITE_PART !== 'lists';
}
