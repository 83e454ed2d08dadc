/**
 * Where the 評価書 are: every assessment.yaml / assessment.yml under a folder, as the pattern
 * `**\/assessment.{yaml,yml}` of fs.globSync finds them (entries by name, in folders that are neither hidden nor
 * symbolic links; a link or a folder of that name is listed, for the callers to refuse), by one directory read per
 * folder. fs.globSync took 0.8 s and 150 MB for 8,000 評価書, and the site build asks three times (the build and
 * its two loaders): at 50,000 that was seconds and most of a GB of `pia merge`'s memory.
 * test/load/assessment-files.test.ts compares the two.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

export const assessmentNames: ReadonlySet<string> = new Set(['assessment.yaml', 'assessment.yml']);

/**
 * The 評価書 files under `dir`, as paths joined to `dir`, in the order of their paths relative to it. A folder that
 * cannot be read (or `dir` missing, or not a folder) adds nothing, as with the glob.
 */
export function assessmentsUnder(dir: string): string[] {
  const found: string[] = [];
  const entries = (at: string) => {
    try {
      return readdirSync(at, { withFileTypes: true });
    } catch {
      return [];
    }
  };
  const visit = (rel: string) => {
    for (const entry of entries(path.join(dir, rel))) {
      if (entry.name.startsWith('.')) continue;
      const at = rel === '' ? entry.name : path.join(rel, entry.name);
      if (assessmentNames.has(entry.name)) found.push(at);
      if (entry.isDirectory()) visit(at);
    }
  };
  visit('');
  return found.sort().map((f) => path.join(dir, f));
}
