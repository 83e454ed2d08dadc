/**
 * The source files a module depends on (its relative imports, followed to the end), for cache keys: a cached
 * output (a PDF) is stale when any code that shapes it changed, including shared helpers outside its folder.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';

const importPattern = /(?:import|export)\s[^'";]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

/** Every .ts file reachable from the entries through relative imports (type-only imports included), sorted. */
export function moduleGraph(entries: readonly string[]): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(importPattern)) {
      const target = path.resolve(path.dirname(file), match[1] ?? match[2]!);
      if (target.endsWith('.ts')) visit(target);
    }
  };
  for (const entry of entries) visit(path.resolve(entry));
  return [...seen].sort();
}

/** SHA-256 over the files' paths (relative to `root`) and contents. */
export function filesHash(files: readonly string[], root: string): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(path.relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}
