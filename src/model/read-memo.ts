/**
 * Reads of one document shared by the rules of one validation: the semantic rules are pure functions of
 * (schema, data) and do not change the data, so a role read, the schema walk or the list of strings that one rule
 * computed is the same for the next. `withReadMemo` opens such a scope around the rules (validate.ts); outside
 * it, and for any other (schema, data) pair, every read is computed as before. Each read decides its own key.
 */
import type { JsonSchema } from '../schema/registry.ts';

interface Scope {
  root: JsonSchema;
  data: unknown;
  store: Map<string, unknown>;
}

let active: Scope | undefined;

/** Runs `fn` with the reads of `data` under `root` memoised; the memo ends with it. */
export function withReadMemo<T>(root: JsonSchema, data: unknown, fn: () => T): T {
  const previous = active;
  active = { root, data, store: new Map() };
  try {
    return fn();
  } finally {
    active = previous;
  }
}

/**
 * The memoised result of `compute` for this key, when a scope is open for exactly this (root, data); otherwise
 * `compute()`. Callers must treat the result as read-only (or copy it before changing it).
 */
export function memoised<T>(root: JsonSchema, data: unknown, key: string, compute: () => T): T {
  const scope = active;
  if (scope === undefined || scope.root !== root || scope.data !== data) return compute();
  if (scope.store.has(key)) return scope.store.get(key) as T;
  const value = compute();
  scope.store.set(key, value);
  return value;
}

/**
 * memoised for a read named by a kind and two strings (a role and a pointer): kept in maps by each, so no key is
 * made by joining them for every read.
 */
export function memoisedBy<T>(root: JsonSchema, data: unknown, kind: string, a: string, b: string, compute: () => T): T {
  const scope = active;
  if (scope === undefined || scope.root !== root || scope.data !== data) return compute();
  let byA = scope.store.get(kind) as Map<string, Map<string, T>> | undefined;
  if (byA === undefined) scope.store.set(kind, (byA = new Map()));
  let byB = byA.get(a);
  if (byB === undefined) byA.set(a, (byB = new Map()));
  if (byB.has(b)) return byB.get(b)!;
  const value = compute();
  byB.set(b, value);
  return value;
}

/** Whether a scope is open for exactly this (root, data). */
export function inReadMemo(root: JsonSchema, data: unknown): boolean {
  return active !== undefined && active.root === root && active.data === data;
}

/** The open scope's data when it is `data` (reads that need no schema, e.g. the document's strings). */
export function memoisedData<T>(data: unknown, key: string, compute: () => T): T {
  const scope = active;
  if (scope === undefined || scope.data !== data) return compute();
  return memoised(scope.root, data, key, compute);
}
