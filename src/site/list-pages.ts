/**
 * The two lists over every 評価書 (the index, and the portfolio of 事務) in pages of `listPageRows()` rows: a
 * city's few dozen 評価書 stay on one page (/ and /offices/), while a prefecture portal or a vendor hosting many
 * cities gets /list/2/ … and /offices/2/ … instead of one page of tens of MB that no browser opens well and whose
 * rendering alone needed more memory than a whole shard (50,000 評価書). The search page (/search/) finds a 評価書
 * across all of them.
 */
// Pure (no astro:content): the pages' rows come from src/site/catalogue.ts (indexRows) and the portfolio loader.

/** Rows per page: 1,000 (PIA_LIST_PAGE_ROWS sets it, for tests that check the pages on a few 評価書). */
export function listPageRows(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.PIA_LIST_PAGE_ROWS);
  return Number.isInteger(n) && n >= 1 ? n : 1000;
}

export interface ListPage<T> {
  rows: T[];
  /** 1-based. */
  page: number;
  pages: number;
  total: number;
  /** 1-based number of the page's first row. */
  first: number;
}

/** Page `page` (1-based) of `rows`; an empty list has one empty page. */
export function pageOf<T>(rows: readonly T[], page: number, size = listPageRows()): ListPage<T> {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  return { rows: rows.slice((page - 1) * size, page * size), page, pages, total: rows.length, first: (page - 1) * size + 1 };
}

/** The later pages (2 …) of a list, as getStaticPaths gives them to a page route. */
export function laterPages<T>(rows: readonly T[], size = listPageRows()): { params: { page: string }; props: { list: ListPage<T> } }[] {
  const pages = Math.ceil(rows.length / size);
  return Array.from({ length: Math.max(0, pages - 1) }, (_, i) => ({ params: { page: String(i + 2) }, props: { list: pageOf(rows, i + 2, size) } }));
}

/** The address of page `page` of a list whose first page is `first` ('' for /, 'offices/'). */
export function listPagePath(first: string, later: string, page: number): string {
  return page === 1 ? first : `${later}${page}/`;
}
