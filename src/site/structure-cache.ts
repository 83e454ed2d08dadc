/**
 * Validation results kept on disk between builds, for files whose text has not changed. A result is stored under
 * the SHA-256 of the file's path and text, of the code and form schemas that validate it (all of src/, deliberately
 * coarse, and schemas/), and of the options and settings that shape it (edition, today's date, language)
 * (<cacheDir>/<name>/<key>.json, with the hash of its own content, written atomically); a missing, partial or
 * changed entry is validated again, never used. The data of a 評価書 is plain JSON (YAML 1.2 core: no dates), so it
 * reads back as it was.
 *   - `pia build` validates every 評価書 with every rule before it renders anything;
 *   - the portfolio page (src/office/site-loader.ts) reads the structure of the 評価書 of every 事務 that changed
 *     since the last build (of all of them in a first build), which `pia build` has validated already: the results
 *     it hands over (validated-handover.ts) serve here too.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { sourceHash, validatedSourceHash } from './source-hashes.ts';
import { validatedBefore } from './validated-handover.ts';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateMany, type ManyOptions, type Validated } from '../validate/validate-many.ts';
import { schemaDir } from '../schema/registry.ts';
import { todayInJapan } from '../model/wareki.ts';
import { filesUnder, sha256 } from './store.ts';

/** textSha256: of the text validated (see validatedSourceHash), so a caller can tell a file changed since it was hashed. */
export type Structure = Pick<Validated, 'file' | 'renderable' | 'formName' | 'data' | 'textSha256'>;

const srcDir = fileURLToPath(new URL('..', import.meta.url));

/** The code and form schemas that decide a result (all of src/ and schemas/, deliberately coarse). */
export function validatorKey(): string {
  const parts: string[] = [];
  for (const dir of [srcDir, schemaDir]) for (const name of filesUnder(dir)) if (!name.endsWith('.test.ts')) parts.push(name, sha256(readFileSync(path.join(dir, name))));
  return sha256(parts.join('\u0000'));
}

/** An entry: the SHA-256 of the result's JSON text, a line feed, and that text (hashed as read, parsed once). */
export function readEntry<T>(file: string): T | undefined {
  try {
    const text = readFileSync(file, 'utf8');
    const at = text.indexOf('\n');
    if (at !== 64) return undefined;
    const body = text.slice(at + 1);
    return text.slice(0, at) === sha256(body) ? (JSON.parse(body) as T) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes an entry readEntry reads (atomically: never partial). */
export function writeEntry(file: string, text: string): void {
  writeFileSync(`${file}.${process.pid}.partial`, `${sha256(text)}\n${text}`);
  renameSync(`${file}.${process.pid}.partial`, file);
}

const keyOf = (code: string, file: string, source: string) => sha256(`${code}\u0000${path.resolve(file)}\u0000${source}`);

/** The code and the settings that shape every result of these options. */
function codeKey(options: ManyOptions): string {
  const settings = JSON.stringify({ options, today: options.today ?? todayInJapan(), lang: process.env.PIA_LANG ?? '' });
  return sha256(`${validatorKey()}\u0000${settings}`);
}

/** The key of each file's result (its path and text, the code and the settings), and its source's hash. */
function cacheKeys(files: readonly string[], code: string): { key?: string; source?: string }[] {
  // The source's hash as this site build read it, or read bounded and refusing what is not a regular file (a FIFO
  // would block the build, /dev/zero never ends): a file that cannot be read has no key, is validated (which
  // reports why) and is never stored.
  return files.map((file) => {
    const source = sourceHash(file);
    return source !== undefined ? { key: keyOf(code, file, source), source } : {};
  });
}

/**
 * validateMany for the files whose result is not in <cacheDir>/<name>/, the rest from there; `keep` picks what is
 * stored of a result. Entries no file of this call used are removed (one folder per kind of use).
 */
async function validateCached<T extends { file: string }>(files: readonly string[], options: ManyOptions, dir: string, keep: (r: Validated) => T, prune = true): Promise<T[]> {
  const code = codeKey(options);
  const keys = cacheKeys(files, code);
  const results = new Map<string, T>();
  const todo: number[] = [];
  keys.forEach(({ key }, i) => {
    const kept = key === undefined ? undefined : readEntry<T>(path.join(dir, `${key}.json`));
    if (kept && kept.file === files[i]) results.set(files[i]!, kept);
    else todo.push(i);
  });
  if (todo.length > 0) {
    mkdirSync(dir, { recursive: true });
    // For the structure only, the results `pia build` made before this site build serve (validated-handover.ts).
    // Named by the path asked for here (pia build's results name the files as its command line did).
    const handed = todo.map((i) => {
      const before = options.schemaOnly ? validatedBefore(files[i]!, keys[i]!.source, options.edition ?? 'public') : undefined;
      return before && { ...before, file: files[i]! };
    });
    const validated = await validateMany(todo.filter((_, j) => !handed[j]).map((i) => files[i]!), options);
    let next = 0;
    const fresh = handed.map((before) => before ?? validated[next++]!);
    fresh.forEach((r, j) => {
      const result = keep(r);
      const text = JSON.stringify(result);
      // Stored under the key of the text it was made from: a file changed after its key was made is stored under
      // its new text's key (or not at all if it changed again), never under the key of the text hashed before.
      const { key: expected, source } = keys[todo[j]!]!;
      const validated = expected === undefined ? undefined : validatedSourceHash(r.file, source, r.textSha256);
      const key = validated === undefined ? undefined : keyOf(code, r.file, validated);
      if (key === undefined) {
        results.set(r.file, JSON.parse(text) as T);
        return;
      }
      writeEntry(path.join(dir, `${key}.json`), text);
      // The stored form, so that a result read back and one just made are the same values.
      results.set(r.file, JSON.parse(text) as T);
    });
  }
  if (prune) pruneEntries(dir, keys.map((k) => k.key));
  return files.map((f) => results.get(f)!);
}

/** validateMany(files, { schemaOnly: true }) (renderable, form and data only), through the cache. */
export function validateStructure(files: readonly string[], cacheDir: string): Promise<Structure[]> {
  return validateCached(files, { schemaOnly: true }, path.join(cacheDir, 'pia-structure'), (r) => ({ file: r.file, renderable: r.renderable, formName: r.formName, data: r.data, textSha256: r.textSha256 }));
}

/**
 * validateStructure for many files with bounded memory: `each` gets the results of `size` files at a time (in the
 * order of `files`) and keeps what it needs of them. prune (default true): entries of files not among `files` are
 * removed at the end, as validateStructure does; false leaves them (a second pass over some of the files).
 */
export async function eachStructure(files: readonly string[], cacheDir: string, size: number, each: (results: Structure[]) => void, prune = true): Promise<void> {
  const dir = path.join(cacheDir, 'pia-structure');
  const keep = (r: Validated): Structure => ({ file: r.file, renderable: r.renderable, formName: r.formName, data: r.data, textSha256: r.textSha256 });
  for (let i = 0; i < files.length; i += size) each(await validateCached(files.slice(i, i + size), { schemaOnly: true }, dir, keep, false));
  if (prune) pruneStructure(files, cacheDir);
}

/** Removes the entries of eachStructure that are not of `files` as they are now. */
export function pruneStructure(files: readonly string[], cacheDir: string): void {
  const dir = path.join(cacheDir, 'pia-structure');
  if (existsSync(dir)) pruneEntries(dir, cacheKeys(files, codeKey({ schemaOnly: true })).map((k) => k.key));
}

/** Removes the entries of `dir` whose key is not among `keys` (another build's files being written, .partial, are left alone). */
export function pruneEntries(dir: string, keys: readonly (string | undefined)[]): void {
  if (!existsSync(dir)) return;
  const used = new Set(keys.map((k) => `${k}.json`));
  for (const name of readdirSync(dir)) if (name.endsWith('.json') && !used.has(name)) rmSync(path.join(dir, name), { force: true });
}

/** validateMany(files, options), every rule, through the cache: the same results `pia validate` prints. */
export function validateAll(files: readonly string[], options: ManyOptions, cacheDir: string): Promise<Validated[]> {
  return validateCached(files, options, path.join(cacheDir, `pia-validated-${options.edition ?? 'public'}`), (r) => r);
}
