/** Grouping 評価書 into 事務 by their paths (schemas/decisions/0005-office-folder.md). Pure: no disk, no workers. */
import path from 'node:path';
import type { JsonSchema } from '../schema/registry.ts';
import type { Office, OfficeDocument } from './rule.ts';

export interface Grouped {
  file: string;
  formName?: string;
  data?: Record<string, unknown>;
  renderable: boolean;
  /** Known locations in the file (validate-many.ts officeLocations): pointer → [line, col]. */
  locations?: Record<string, [number, number]>;
}

/**
 * The same rule on paths alone (no disk): a file's 事務 folder is its parent folder when another of the files sits
 * directly in that parent folder. Given every 評価書 of the 事務 concerned, it agrees with officeDirOf.
 */
export function officeDirsByPath(files: readonly string[]): Map<string, string> {
  const dirs = new Set(files.map((f) => path.dirname(path.resolve(f))));
  return new Map(files.map((f) => {
    const dir = path.dirname(path.resolve(f));
    return [f, dirs.has(path.dirname(dir)) ? path.dirname(dir) : dir];
  }));
}

/** Renderable documents grouped into 事務 (pure: by their paths), in the order of their first file. */
export function groupOffices(results: readonly Grouped[], schemas: ReadonlyMap<string, JsonSchema>): Office[] {
  const byDir = new Map<string, Office>();
  const dirOf = officeDirsByPath(results.map((r) => r.file));
  for (const r of results) {
    if (!r.renderable || !r.data || !r.formName) continue;
    const schema = schemas.get(r.formName);
    if (!schema) continue;
    const dir = dirOf.get(r.file)!;
    let office = byDir.get(dir);
    if (!office) byDir.set(dir, (office = { id: path.basename(dir), dir, documents: [] }));
    const doc: OfficeDocument = { file: r.file, formName: r.formName, schema, data: r.data };
    office.documents.push(doc);
  }
  return [...byDir.values()];
}

