/** A scratch project for the editor tests: the reference assessment committed in a fresh git repository. */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const referenceRel = 'assessments/koshigaya-48-kodomo-iryohi/assessment.yaml';

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=pia test', '-c', 'user.email=pia@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, encoding: 'utf8' });
}

export function scratchProject(): { dir: string; file: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pia-edit-'));
  // Every assessment on main (様式2, 3 and 4), without the sample configuration files.
  cpSync(path.join(repoRoot, 'assessments'), path.join(dir, 'assessments'), { recursive: true, filter: (src) => !src.includes('sample-config') && !src.endsWith('checks.yaml') });
  git(dir, 'init', '-q');
  git(dir, 'add', '.');
  git(dir, 'commit', '-qm', 'reference');
  return { dir, file: path.join(dir, referenceRel), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
