/**
 * Structure-only validation of many 評価書, kept on disk between builds: the portfolio page (src/office/site-loader.ts)
 * needs the data of every 評価書 on every build, and parsing them all again cost more than the rest of a rebuild
 * after one change. A result is stored under the SHA-256 of the file's text and of the code and schemas that
 * validate it (<cacheDir>/pia-structure/<key>.json, with the hash of its own content, written atomically); a
 * missing, partial or changed entry is validated again, never used.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateMany, type Validated } from '../validate/validate-many.ts';
import { schemaDir } from '../schema/registry.ts';
import { filesUnder, sha256 } from './store.ts';

export type Structure = Pick<Validated, 'file' | 'renderable' | 'formName' | 'data'>;

const srcDir = fileURLToPath(new URL('..', import.meta.url));

/** The code and form schemas that decide a result (all of src/, deliberately coarse, and the schemas). */
function validatorKey(): string {
  const parts: string[] = [];
  for (const dir of [srcDir, schemaDir]) for (const name of filesUnder(dir)) if (!name.endsWith('.test.ts')) parts.push(name, sha256(readFileSync(path.join(dir, name))));
  return sha256(parts.join('\u0000'));
}

function readEntry(file: string): Omit<Structure, 'file'> | undefined {
  try {
    const { sha256: recorded, result } = JSON.parse(readFileSync(file, 'utf8')) as { sha256: string; result: Omit<Structure, 'file'> };
    return recorded === sha256(JSON.stringify(result)) ? result : undefined;
  } catch {
    return undefined;
  }
}

/** validateMany(files, { schemaOnly: true }) for the files whose result is not stored; the rest from the store. */
export async function validateStructure(files: readonly string[], cacheDir: string): Promise<Structure[]> {
  const dir = path.join(cacheDir, 'pia-structure');
  const code = validatorKey();
  const keys = files.map((file) => sha256(`${code}\u0000${sha256(readFileSync(file))}`));
  const results = new Map<string, Structure>();
  const todo: number[] = [];
  keys.forEach((key, i) => {
    const kept = readEntry(path.join(dir, `${key}.json`));
    if (kept) results.set(files[i]!, { file: files[i]!, ...kept });
    else todo.push(i);
  });
  if (todo.length > 0) {
    mkdirSync(dir, { recursive: true });
    const fresh = await validateMany(todo.map((i) => files[i]!), { schemaOnly: true });
    fresh.forEach((r, j) => {
      const result = { renderable: r.renderable, formName: r.formName, data: r.data };
      const file = path.join(dir, `${keys[todo[j]!]}.json`);
      writeFileSync(`${file}.${process.pid}.partial`, JSON.stringify({ sha256: sha256(JSON.stringify(result)), result }));
      renameSync(`${file}.${process.pid}.partial`, file);
      // The stored form, so that a result read from the store and one just made are the same values.
      results.set(r.file, { file: r.file, ...(JSON.parse(JSON.stringify(result)) as typeof result) });
    });
  }
  if (existsSync(dir)) {
    const used = new Set(keys.map((k) => `${k}.json`));
    for (const name of readdirSync(dir)) if (!used.has(name)) rmSync(path.join(dir, name), { force: true });
  }
  return files.map((f) => results.get(f)!);
}
