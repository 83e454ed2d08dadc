/**
 * In-process reuse of parses, keyed by the SHA-256 of the decoded text: `pia audit` reads the same version of a
 * file from several commits, a build reads what validation already read. A hit costs a hash and a copy of the
 * data, not a parse. Bounded (least recently used entries are dropped); nothing is written to disk.
 * Contract for other modules: docs of the parse cache (signatures below are stable).
 */
import { createHash } from 'node:crypto';
import type { Diagnostic } from '../report/diagnostic.ts';
import { decodeText, loadDecoded, readProjectFile, type LoadedDocument, type LoadResult } from './load-file.ts';

/** Above either bound, the least recently used entries are dropped. */
const maxBytes = 256 * 1024 * 1024;
const maxEntries = 4096;

const entries = new Map<string, { result: LoadResult; bytes: number }>();
let cachedBytes = 0;
let hits = 0;
let misses = 0;

/** SHA-256 (hex) of the text as validated: UTF-8 of the decoded text without a BOM. Equals Validated.textSha256. */
export function textSha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** loadText, memoised by the SHA-256 of the decoded text. Same result (data, diagnostics, locate) as loadText. */
export function loadTextCached(file: string, input: Uint8Array | string): LoadResult {
  const text = decodeText(file, input);
  if (typeof text !== 'string') return text;
  const key = textSha256(text);
  const entry = entries.get(key);
  if (entry) {
    hits++;
    entries.delete(key);
    entries.set(key, entry); // most recently used last
    return forFile(entry.result, file);
  }
  misses++;
  const result = loadDecoded(file, text);
  const bytes = text.length * 2;
  entries.set(key, { result, bytes });
  cachedBytes += bytes;
  for (const [oldest, old] of entries) {
    if (cachedBytes <= maxBytes && entries.size <= maxEntries) break;
    entries.delete(oldest);
    cachedBytes -= old.bytes;
  }
  return forFile(result, file);
}

/** loadFile (bounded read as today) then loadTextCached. */
export function loadFileCached(file: string): LoadResult {
  const read = readProjectFile(file);
  if (!read.ok) return read;
  return loadTextCached(file, read.bytes);
}

/** Drops every entry (tests; long-running processes may call it between builds). */
export function clearLoadCache(): void {
  entries.clear();
  cachedBytes = 0;
}

/** Hits/misses since start (the build can say what it reused). */
export function loadCacheStats(): { hits: number; misses: number; entries: number; bytes: number } {
  return { hits, misses, entries: entries.size, bytes: cachedBytes };
}

/** A copy for one caller: its own file name in every diagnostic, its own data to change at will. */
function forFile(result: LoadResult, file: string): LoadResult {
  if (!result.ok) return { ok: false, diagnostics: result.diagnostics.map((d): Diagnostic => ({ ...d, file })) };
  return { ok: true, loaded: new CopyOfLoaded(result.loaded, file) };
}

/**
 * One caller's copy of a cached document (a class, not a literal with a getter: see FastDocument in load-file.ts).
 * The yaml Document is built on first use and shared by the copies (callers read it).
 */
class CopyOfLoaded implements LoadedDocument {
  readonly file: string;
  readonly text: string;
  readonly data: unknown;
  private readonly shared: LoadedDocument;

  constructor(shared: LoadedDocument, file: string) {
    this.shared = shared;
    this.file = file;
    this.text = shared.text;
    this.data = structuredClone(shared.data);
  }

  get doc(): LoadedDocument['doc'] {
    return this.shared.doc;
  }

  locate(pointer: string, options?: { key?: boolean }): ReturnType<LoadedDocument['locate']> {
    return this.shared.locate(pointer, options);
  }
}
