/**
 * The SHA-256 of each 評価書 source as this build first read it (buildSite, to key its pages), handed to the content
 * loaders so that a rebuild does not read and hash every source again (two loaders did: ~0.3 s of a rebuild of
 * 1,000 after one change). Only hashes are handed over, never texts: what a loader validates it reads itself, and
 * a result is stored under a hash only when the text it was made from has that hash (a file changed during the
 * build is validated again next time, never served from a key of another text).
 * Astro imports the loaders through its own module graph (a copy of this module), so the map goes through a global.
 */
import path from 'node:path';
import { createHash } from 'node:crypto';
import { readProjectFile } from '../load/load-file.ts';

const key = Symbol.for('pia.site.sourceHashes');
type Holder = { [key]?: ReadonlyMap<string, string> };

/** file (any form of its path) → SHA-256 (hex) of its bytes; undefined: none handed over. */
export function handOverSourceHashes(hashes: ReadonlyMap<string, string> | undefined): void {
  if (hashes) (globalThis as Holder)[key] = new Map([...hashes].map(([file, sha]) => [path.resolve(file), sha]));
  else delete (globalThis as Holder)[key];
}

/**
 * The SHA-256 of a source's bytes: the one handed over for this build, else read (bounded, refusing what is not a
 * regular file); undefined when it cannot be read (the validation then reports why).
 */
export function sourceHash(file: string): string | undefined {
  const handed = (globalThis as Holder)[key]?.get(path.resolve(file));
  if (handed !== undefined) return handed;
  const read = readProjectFile(file);
  return read.ok ? createHash('sha256').update(read.bytes).digest('hex') : undefined;
}
