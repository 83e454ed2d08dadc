/**
 * The merged site's search index, in the layout of the site build (pagefind-parts/, see build-site.ts): pagefind
 * cannot merge indexes on disk, but its browser API merges several at search time (pagefind.mergeIndex), so every
 * shard's parts are copied whole into pagefind-parts/<id>/ and listed in one pagefind-parts/parts.json. The
 * primary pagefind/ is the lists build's (the common pages). No index is rebuilt: memory stays flat.
 *
 * A shard built without parts (its whole index in pagefind/) becomes one part `s<i>-all`.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { writeFileAtomic } from '../render/pdf/write.ts';

export const partsFolder = 'pagefind-parts';
export const partsManifest = 'parts.json';

export interface Part {
  id: string;
  bundle: string;
  pages: number;
}

interface Parts {
  version: 1;
  pagefind: string;
  parts: Part[];
}

export interface SearchSource {
  /** A shard's site folder. */
  dir: string;
  /** Two digits or more: s03. */
  prefix: string;
  pages: number;
}

export class SearchMergeError extends Error {}

// pagefind's exports do not include package.json: found from its entry point (lib/…) upwards.
const pagefindVersion = (JSON.parse(readFileSync(path.join(path.dirname(fileURLToPath(import.meta.resolve('pagefind'))), '..', 'package.json'), 'utf8')) as { version: string }).version;
const partId = /^[a-z0-9][a-z0-9-]*$/;
/** The prebuilt UIs are not served (build-site.ts removes them too). */
const notServed = /^pagefind-(ui|component-ui|modular-ui|highlight)\./;

function readParts(file: string): Parts {
  let parts: Parts;
  try {
    parts = JSON.parse(readFileSync(file, 'utf8')) as Parts;
  } catch (error) {
    throw new SearchMergeError(`${file} を読めません(${(error as Error).message})。`);
  }
  if (parts?.version !== 1 || typeof parts.pagefind !== 'string' || !Array.isArray(parts.parts) || !parts.parts.every((p) => typeof p?.id === 'string' && partId.test(p.id) && Number.isInteger(p.pages))) {
    throw new SearchMergeError(`${file} は検索索引の部分の一覧(version 1)ではありません。`);
  }
  return parts;
}

function copyBundle(from: string, to: string): void {
  if (!existsSync(path.join(from, 'pagefind-entry.json'))) throw new SearchMergeError(`${from} に検索索引(pagefind-entry.json)がありません。`);
  mkdirSync(path.dirname(to), { recursive: true });
  cpSync(from, to, { recursive: true, filter: (f) => !notServed.test(path.basename(f)) });
}

export function mergeSearch(site: string, sources: readonly SearchSource[]): Part[] {
  const merged: Part[] = [];
  const seen = new Map<string, string>();
  const target = path.join(site, partsFolder);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  for (const source of sources) {
    if (source.pages === 0) continue;
    const manifest = path.join(source.dir, partsFolder, partsManifest);
    const parts: Part[] = [];
    if (existsSync(manifest)) {
      const read = readParts(manifest);
      if (read.pagefind !== pagefindVersion) throw new SearchMergeError(`${manifest}: pagefind ${read.pagefind} で作った索引です(このサイトは ${pagefindVersion})。同じ版の pia で作ったシャードをまとめてください。`);
      for (const part of read.parts) {
        copyBundle(path.join(source.dir, partsFolder, part.id), path.join(target, part.id));
        parts.push({ id: part.id, bundle: `${partsFolder}/${part.id}/`, pages: part.pages });
      }
    } else {
      const id = `${source.prefix}-all`;
      copyBundle(path.join(source.dir, 'pagefind'), path.join(target, id));
      parts.push({ id, bundle: `${partsFolder}/${id}/`, pages: source.pages });
    }
    for (const part of parts) {
      const other = seen.get(part.id);
      if (other) throw new SearchMergeError(`${manifest}: 検索索引の部分「${part.id}」が ${other} にもあります。`);
      seen.set(part.id, manifest);
      merged.push(part);
    }
  }
  merged.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  writeFileAtomic(path.join(target, partsManifest), JSON.stringify({ version: 1, pagefind: pagefindVersion, parts: merged } satisfies Parts, null, 1) + '\n');
  return merged;
}
