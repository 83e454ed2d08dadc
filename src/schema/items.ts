/**
 * The printed items of a form (Ⅱ 特定個人情報ファイルの概要 3. … ①入手元) and the mapping of a 変更箇所 row's
 * 項目 text back to the item it names.
 */
import type { JsonSchema } from './registry.ts';
import { itemPath, resolveRef } from './walk.ts';
import { normalizeFormal } from '../model/formal.ts';
import { BoundedCache } from '../model/bounded-cache.ts';
import { escapeSegment } from '../model/access.ts';

export interface ItemCandidate {
  pointer: string;
  label: string;
  key: string;
}

/** Every item of the form with its printed path (first repetition), for mapping a row's 項目 text back. */
const candidatesCache = new WeakMap<JsonSchema, ItemCandidate[]>();

export function itemCandidates(root: JsonSchema): ItemCandidate[] {
  const cached = candidatesCache.get(root);
  if (cached) return cached;
  const out: ItemCandidate[] = [];
  const visit = (schema: JsonSchema, pointer: string, depth: number): void => {
    if (depth > 12) return;
    if (pointer !== '') {
      const label = itemPath(root, pointer);
      if (label) out.push({ pointer, label, key: normalizeFormal(label) });
    }
    if (schema.items) visit(resolveRef(root, schema.items), `${pointer}/0`, depth + 1);
    for (const [key, child] of Object.entries(schema.properties ?? {})) {
      const sub = resolveRef(root, child);
      if (sub['x-render'] === 'hidden' || sub['x-render'] === 'change-table' || key === 'ID') continue;
      visit(sub, `${pointer}/${escapeSegment(key)}`, depth + 1);
    }
  };
  visit(resolveRef(root, root), '', 0);
  candidatesCache.set(root, out);
  return out;
}

/** The item a row names: the longest item path the row's 項目 starts with (rows often add words after it). */
export function matchItem(candidates: readonly ItemCandidate[], text: string): ItemCandidate | undefined {
  const index = prefixIndex(candidates);
  // Rows name the form's items in the same words in every 評価書 of a form: a text is matched once (bounded).
  return index.matched.get(text, () => longestMatch(index, text));
}

function longestMatch(index: PrefixIndex, text: string): ItemCandidate | undefined {
  const key = normalizeFormal(text);
  // The longest candidate key that starts the row's key (the first in order among equal keys): one look-up per
  // length a candidate key has, not a comparison with every candidate.
  let match: ItemCandidate | undefined;
  for (const length of index.lengths) {
    if (length > key.length) continue;
    match = index.byKey.get(key.slice(0, length));
    if (match) break;
  }
  return match;
}

interface PrefixIndex {
  byKey: Map<string, ItemCandidate>;
  lengths: number[];
  /** Texts already matched, with their item (or undefined). */
  matched: BoundedCache<string, ItemCandidate | undefined>;
}

const prefixIndexes = new WeakMap<readonly ItemCandidate[], PrefixIndex>();
const matchedPerForm = 20_000;

function prefixIndex(candidates: readonly ItemCandidate[]): PrefixIndex {
  let index = prefixIndexes.get(candidates);
  if (!index) {
    const byKey = new Map<string, ItemCandidate>();
    for (const c of candidates) if (!byKey.has(c.key)) byKey.set(c.key, c);
    index = { byKey, lengths: [...new Set(candidates.map((c) => c.key.length))].sort((a, b) => b - a), matched: new BoundedCache(matchedPerForm) };
    prefixIndexes.set(candidates, index);
  }
  return index;
}

