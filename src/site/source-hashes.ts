/**
 * The SHA-256 of each 評価書 source as this build first read it (buildSite, to key its pages), handed to the content
 * loaders so that a rebuild does not read and hash every source again (two loaders did: ~0.3 s of a rebuild of
 * 1,000 after one change). Only hashes are handed over, never texts: what a loader validates it reads itself, and
 * a result is stored under a hash only when the text it was made from has that hash (a file changed during the
 * build is validated again next time, never served from a key of another text).
 * Astro imports the loaders through its own module graph (a copy of this module), so the map goes through a global.
 */
import path from 'node:path';
import { readProjectFile } from '../load/load-file.ts';
import { sha256 } from './store.ts';

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
  return (globalThis as Holder)[key]?.get(path.resolve(file)) ?? fileSha256(file);
}

/** SHA-256 of a source file's bytes (read bounded, regular files only), or undefined when it cannot be read. */
export function fileSha256(file: string): string | undefined {
  const read = readProjectFile(file);
  return read.ok ? sha256(read.bytes) : undefined;
}

/**
 * The SHA-256 of the bytes a validation read, from the hash of its text (`textSha256`, without a BOM): `expected`
 * when they are the same (the file as hashed, without a BOM); otherwise the file is read again, and its bytes' hash
 * is returned if its text is the one validated (a file with a BOM), undefined if it is not (changed since).
 */
export function validatedSourceHash(file: string, expected: string | undefined, textSha256: string | undefined): string | undefined {
  if (textSha256 === undefined) return undefined;
  if (expected === textSha256) return expected;
  const read = readProjectFile(file);
  if (!read.ok) return undefined;
  const bytes = read.bytes;
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return sha256(bom ? bytes.subarray(3) : bytes) === textSha256 ? sha256(bytes) : undefined;
}
