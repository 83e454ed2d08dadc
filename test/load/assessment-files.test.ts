/** assessmentsUnder finds what fs.globSync('**\/assessment.{yaml,yml}') found, in the same order. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assessmentsUnder } from '../../src/load/assessment-files.ts';

test('assessmentsUnder は glob と同じものを同じ順に見つける(隠しフォルダ、フォルダへのリンク、その名のフォルダ、リンク切れ)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pia-assessment-files-'));
  try {
    for (const sub of ['.hidden/x', 'a/b/c', 'a-b', 'real/y', 'x', 'z/assessment.yml/inner', 'sub2', '評価書/事務']) mkdirSync(path.join(dir, sub), { recursive: true });
    const files = ['.hidden/x/assessment.yaml', '.assessment.yaml', 'a/assessment.yml', 'a/b/assessment.yaml', 'a/b/c/assessment.yaml', 'a-b/assessment.yaml', 'real/y/assessment.yaml', 'x/Assessment.yaml', 'x/assessment.YAML', 'x/assessment.yaml.bak', 'z/assessment.yml/inner/assessment.yaml', '評価書/事務/assessment.yaml', 'assessment.yaml'];
    for (const file of files) writeFileSync(path.join(dir, file), '');
    symlinkSync('real', path.join(dir, 'link'));
    symlinkSync('../a/assessment.yml', path.join(dir, 'sub2/assessment.yaml'));
    symlinkSync('/nonexistent', path.join(dir, 'sub2/assessment.yml'));
    const globbed = globSync('**/assessment.{yaml,yml}', { cwd: dir }).sort().map((f) => path.join(dir, f));
    assert.ok(globbed.length >= 8, String(globbed.length));
    assert.deepEqual(assessmentsUnder(dir), globbed);
    // A relative folder gives relative paths, as path.join(input, f) did.
    const relative = path.relative(process.cwd(), dir);
    assert.deepEqual(assessmentsUnder(relative), globSync('**/assessment.{yaml,yml}', { cwd: relative }).sort().map((f) => path.join(relative, f)));
    assert.deepEqual(assessmentsUnder(path.join(dir, 'missing')), []);
    assert.deepEqual(assessmentsUnder(path.join(dir, 'assessment.yaml')), [], 'a file, not a folder');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
