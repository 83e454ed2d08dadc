/**
 * A content-addressed store of built files: <root>/<key>/ holds the files of one unit (the page, JSON and CSV of
 * one 評価書, or one part of the search index) and `.pia-unit.json`, the SHA-256 of every file. The key is the hash
 * of everything that shapes the unit (source text, form schema, renderer code, site configuration), so an entry
 * is never stale; it is written into a temporary folder and renamed into place, so it is never partial; and it is
 * read back only after every file has been checked, so an entry whose file was changed or removed is rebuilt,
 * never served. The check is by hash, or, for a file whose size, inode and modification time (in nanoseconds) are
 * those recorded when it was stored, by those alone, as git's index and the no-op rebuild (build-site.ts) trust
 * them: a file written since has another modification time. Files are stored from a build's own temporary folder
 * after the build has written them, so no write can fall in the same clock tick as the recorded time. (Linking
 * the files into the site changes their ctime, so it is not compared.)
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, lstatSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isObject } from '../model/access.ts';

const unitFile = '.pia-unit.json';

export interface StoredUnit {
  dir: string;
  /** Files (paths relative to the unit, '/'-separated) with their SHA-256. */
  files: Record<string, string>;
  /** What the builder recorded beside the files (e.g. the site assets a page refers to). */
  meta: Record<string, unknown>;
}

export const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

/** Size, inode and modification time of a file (nanoseconds), or undefined when it is not a regular file (or a link). */
function stamp(file: string): string | undefined {
  const st = lstatSync(file, { bigint: true, throwIfNoEntry: false });
  return st?.isFile() ? `${st.size}:${st.ino}:${st.mtimeNs}` : undefined;
}

/** Every file under `dir` (recursively), as '/'-separated relative paths, sorted. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** A relative '/'-separated path that stays inside its folder (no empty, '.' or '..' segment, no '\\' or NUL). */
const safeName = (name: string) => name !== '' && !/[\\\0]/.test(name) && name.split('/').every((s) => s !== '' && s !== '.' && s !== '..');

export class Store {
  readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  private dirOf(key: string): string {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`store key is not a SHA-256: ${key}`);
    return path.join(this.root, key);
  }

  /** The unit stored under `key` when all its files are there with their recorded hashes; otherwise undefined. */
  get(key: string): StoredUnit | undefined {
    const dir = this.dirOf(key);
    let recorded: { files: Record<string, string>; stamps?: Record<string, string>; meta?: Record<string, unknown> };
    try {
      recorded = JSON.parse(readFileSync(path.join(dir, unitFile), 'utf8')) as typeof recorded;
    } catch {
      return undefined;
    }
    if (!isObject(recorded) || !isObject(recorded.files)) return undefined;
    // Each recorded file, a regular file inside the entry with its recorded size, inode and time, or else its
    // recorded hash (not a listing of the folder: a file no record names is never placed).
    for (const [name, expected] of Object.entries(recorded.files)) {
      if (typeof expected !== 'string' || !safeName(name) || name === unitFile) return undefined;
      const file = path.join(dir, name);
      const stamped = stamp(file);
      if (stamped === undefined) return undefined;
      if (recorded.stamps?.[name] !== undefined && stamped === recorded.stamps[name]) continue;
      if (sha256(readFileSync(file)) !== expected) return undefined;
    }
    return { dir, files: recorded.files, meta: recorded.meta ?? {} };
  }

  /** Stores the files `names` of folder `from` under `key` (replacing a damaged entry) and returns the unit. `from` is not written afterwards. */
  put(key: string, from: string, names: readonly string[], meta: Record<string, unknown> = {}): StoredUnit {
    const dir = this.dirOf(key);
    mkdirSync(this.root, { recursive: true });
    const partial = `${dir}.${process.pid}.partial`;
    rmSync(partial, { recursive: true, force: true });
    const files: Record<string, string> = {};
    const stamps: Record<string, string> = {};
    for (const name of names) {
      const target = path.join(partial, name);
      mkdirSync(path.dirname(target), { recursive: true });
      // A hard link, not a copy (the built file is not written again: the fonts are injected by rename, see
      // placeUnit). A later change through either name fails get()'s hash check.
      linkOrCopy(path.join(from, name), target);
      files[name] = sha256(readFileSync(target));
      const stamped = stamp(target);
      if (stamped !== undefined) stamps[name] = stamped;
    }
    writeFileSync(path.join(partial, unitFile), JSON.stringify({ files, stamps, meta }));
    rmSync(dir, { recursive: true, force: true });
    renameSync(partial, dir);
    return { dir, files, meta };
  }

  /** Removes every entry not in `keep` (older versions of changed or removed units). */
  prune(keep: ReadonlySet<string>): void {
    if (!existsSync(this.root)) return;
    // Another build's entries being written (.partial) are left alone.
    for (const name of readdirSync(this.root)) if (!name.endsWith('.partial') && !keep.has(name)) rmSync(path.join(this.root, name), { recursive: true, force: true });
  }
}

/**
 * Puts the unit's files into `into` as hard links (no copy; the store's hashes catch a later change made through
 * the link), or as copies across file systems. Files the build rewrites afterwards (the pages' @font-face rules)
 * are replaced by rename, never written through the link.
 */
export function placeUnit(unit: StoredUnit, into: string): void {
  const made = new Set<string>();
  for (const name of Object.keys(unit.files)) {
    const target = path.join(into, name);
    const folder = path.dirname(target);
    if (!made.has(folder)) mkdirSync(folder, { recursive: true });
    made.add(folder);
    rmSync(target, { force: true });
    linkOrCopy(path.join(unit.dir, name), target);
  }
}

/** A hard link of `source` at `target`, or a copy where a link cannot be made (across file systems). */
export function linkOrCopy(source: string, target: string): void {
  try {
    linkSync(source, target);
  } catch {
    copyFileSync(source, target);
  }
}
