/**
 * Validations already done in this process: `pia build` validates every assessment before it builds the site and
 * hands the results over, so the loaders (the assessments', and the portfolio's structure cache) do not parse them
 * again. Astro imports the loaders through its own module graph, so the hand-over goes through a global, keyed by
 * file; a result is used only when it was made from the same text the loader reads now.
 */
import path from 'node:path';
import type { Validated } from '../validate/validate-many.ts';
import type { Edition } from '../validate/edition.ts';
import { validatedSourceHash } from './source-hashes.ts';

const handedOver = Symbol.for('pia.site.validated');
type HandOver = Map<string, Validated>;

export function handOverValidated(results: readonly Validated[] | undefined): void {
  const g = globalThis as { [handedOver]?: HandOver };
  if (results) g[handedOver] = new Map(results.map((r) => [path.resolve(r.file), r]));
  else delete g[handedOver];
}

/** `source`: the SHA-256 of the file's bytes now (validatedSourceHash tells whether the result is of those). */
export function validatedBefore(file: string, source: string | undefined, edition: Edition): Validated | undefined {
  const found = (globalThis as { [handedOver]?: HandOver })[handedOver]?.get(path.resolve(file));
  if (!found?.textSha256 || (found.edition ?? 'public') !== edition || source === undefined) return undefined;
  return validatedSourceHash(file, source, found.textSha256) === source ? found : undefined;
}
