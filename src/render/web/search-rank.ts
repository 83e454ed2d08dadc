/**
 * Search results at the level of items, exact phrases first. Pagefind finds pages (and sections under headings);
 * it splits Japanese into words, so 「個人番号」 also finds pages with only 「番号」. The search page asks pagefind
 * twice — the quoted phrase ("個人番号", pagefind's exact-phrase search) and the plain words — and puts the pages
 * that contain the phrase first. Each match location is mapped to the innermost element with an id before it
 * (pagefind records every id with its word position): the item (div.item), the 変更箇所 row (tr) or the group, so a
 * result links to the item, not to the section heading. Pure: used by src/pages/search.astro and tested in Node.
 */

export interface Anchor {
  element: string;
  id: string;
  location: number;
}

export interface PageData {
  url: string;
  meta: Record<string, string | undefined>;
  locations: number[];
  anchors: Anchor[];
  sub_results?: { url: string; title?: string; excerpt: string; locations: number[] }[];
  excerpt: string;
}

export interface ItemHit {
  /** Page URL with the item's anchor. */
  url: string;
  id: string;
  /** The item's printed label (from the page's `items` meta), or the id. */
  label: string;
  /** Matched words in the item. */
  count: number;
  /** pagefind's excerpt of the section that holds the item, with <mark> around the hits. */
  excerpt: string;
  /** pagefind reported the exact phrase in this item (it reports one place per page: other items may hold it too). */
  exact: boolean;
}

export interface PageHit {
  url: string;
  title: string;
  /** The page contains the query as an exact phrase. */
  exact: boolean;
  items: ItemHit[];
}

const headings = /^h[1-6]$/;

/** The innermost anchor (not a heading's own id) at or before each location, with the number of hits in it. */
export function itemsAt(anchors: readonly Anchor[], locations: readonly number[]): { id: string; count: number; first: number }[] {
  const sorted = anchors.filter((a) => !headings.test(a.element)).sort((a, b) => a.location - b.location);
  const hits = new Map<string, { id: string; count: number; first: number }>();
  for (const loc of locations) {
    let found: Anchor | undefined;
    // The last anchor that starts at or before the hit; among anchors at the same word, the later (inner) one.
    for (const a of sorted) {
      if (a.location > loc) break;
      found = a;
    }
    if (!found) continue;
    const hit = hits.get(found.id);
    if (hit) hit.count++;
    else hits.set(found.id, { id: found.id, count: 1, first: loc });
  }
  return [...hits.values()];
}

/** Labels of the page's items, carried as pagefind meta `items`: "id=label" joined by "|" (ids have neither). */
function labelsOf(page: PageData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of (page.meta.items ?? '').split('|')) {
    const at = entry.indexOf('=');
    if (at > 0) out[entry.slice(0, at)] = entry.slice(at + 1);
  }
  return out;
}

function itemHits(page: PageData, labels: Record<string, string>, exact: boolean): ItemHit[] {
  const base = page.url.split('#')[0]!;
  return itemsAt(page.anchors, page.locations)
    // More hits first; then the order of the page.
    .sort((a, b) => b.count - a.count || a.first - b.first)
    .map((h): ItemHit => {
      const section = page.sub_results?.find((s) => s.locations.includes(h.first));
      // The item's label under the heading of its section (3. 特定個人情報の入手・使用 › ①入手元).
      const own = labels[h.id] ?? h.id;
      const label = section?.title && section.title !== own ? `${section.title} › ${own}` : own;
      return { url: `${base}#${encodeURIComponent(h.id)}`, id: h.id, label, count: h.count, excerpt: section?.excerpt ?? page.excerpt, exact };
    });
}

/**
 * One page's hit. An assessment page carries the labels of its items (meta `items`): its hits are items, those of
 * the exact phrase first, then those of the separate words. Other pages (about, open data) link to their sections.
 */
function pageHit(page: PageData, exact: boolean, loose?: PageData): PageHit {
  const base = page.url.split('#')[0]!;
  const labels = labelsOf(page);
  let items: ItemHit[];
  if (page.meta.items === undefined) {
    items = (page.sub_results ?? []).filter((s) => s.url.includes('#')).map((s) => ({ url: s.url, id: s.url.slice(s.url.indexOf('#') + 1), label: s.title ?? base, count: s.locations.length, excerpt: s.excerpt, exact }));
  } else {
    items = itemHits(page, labels, exact);
    const shown = new Set(items.map((i) => i.id));
    if (loose) items.push(...itemHits(loose, labels, false).filter((i) => !shown.has(i.id)));
  }
  return { url: base, title: page.meta.title ?? base, exact, items };
}

/** Pages with the exact phrase first (each in pagefind's order), then the pages that match only some words. */
export function rankResults(exactPages: readonly PageData[], loosePages: readonly PageData[]): PageHit[] {
  const looseByUrl = new Map(loosePages.map((p) => [p.url, p]));
  const seen = new Set(exactPages.map((p) => p.url));
  // Within each group, the 評価書 pages (they carry the `items` meta) come before the site's own pages (contact,
  // about…): the 評価書 are indexed in parts merged in the browser, and pagefind scores each index on its own, so
  // its order across the two kinds is not a ranking.
  const assessmentsFirst = (pages: readonly PageData[]) => [...pages.filter((p) => p.meta.items !== undefined), ...pages.filter((p) => p.meta.items === undefined)];
  return [...assessmentsFirst(exactPages).map((p) => pageHit(p, true, looseByUrl.get(p.url))), ...assessmentsFirst(loosePages.filter((p) => !seen.has(p.url))).map((p) => pageHit(p, false))];
}

/** The quoted form of a query for pagefind's exact-phrase search, or undefined when the user quoted it already. */
export function phraseQuery(query: string): string | undefined {
  const q = query.trim();
  if (!q || q.includes('"')) return undefined;
  return `"${q}"`;
}
