/** Site-internal links under the configured base path (PIA_BASE), e.g. /kurashi/hyoka/ + koshigaya/ . */
export function withBase(base: string, path = ''): string {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return prefix + path.replace(/^\/+/, '');
}

/** File names of an assessment's downloads, beside its page: <slug>/<slug>.pdf … */
export function downloadNames(slug: string): { pdf: string; json: string; csv: string } {
  return { pdf: `${slug}.pdf`, json: `${slug}.json`, csv: `${slug}-records.csv` };
}
