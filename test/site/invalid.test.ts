/** An assessment whose structure is wrong stops the site build with the same file:line:col lines as `pia validate`. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSite, InvalidAssessmentsError } from '../../src/site/build-site.ts';
import { validateFile } from '../../src/validate/validate.ts';
import { formatText } from '../../src/report/format.ts';
import { referenceFile } from './generate.ts';

test('構造の誤った評価書があるとサイトを作らず、pia validate と同じ file:line:col の誤りを示し、前のサイトを残す', async (t) => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'pia-site-invalid-'));
  t.after(() => rmSync(tmp, { recursive: true, force: true }));
  const file = path.join(tmp, 'assessments', 'broken', 'assessment.yaml');
  mkdirSync(path.dirname(file), { recursive: true });
  // A type error (a list where the form has text) makes the assessment unrenderable.
  writeFileSync(file, readFileSync(referenceFile, 'utf8').replace('  評価実施機関名: 越谷市長', '  評価実施機関名: [越谷市長]'));
  const outDir = path.join(tmp, 'dist');
  mkdirSync(outDir);
  writeFileSync(path.join(outDir, 'index.html'), 'previous site');

  const expected = validateFile(file).diagnostics.filter((d) => d.severity === 'error');
  assert.ok(expected.length > 0);
  const error = await buildSite({ assessmentsDir: path.join(tmp, 'assessments'), outDir, pdfDir: path.join(tmp, 'pdf'), cacheDir: path.join(tmp, 'cache') }).then(
    () => assert.fail('the build should fail'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof InvalidAssessmentsError, String(error));
  const lines = formatText(expected, 1).split('\n').filter((l) => l.includes('assessment.yaml:'));
  assert.ok(lines.some((l) => /assessment\.yaml:15:\d+  error  /.test(l)), lines.join('\n'));
  for (const line of lines) assert.ok(error.message.includes(line), `${line}\n---\n${error.message}`);
  assert.equal(readFileSync(path.join(outDir, 'index.html'), 'utf8'), 'previous site');
  assert.deepEqual(readdirSync(tmp).filter((n) => n.includes('building')), []);
  assert.ok(!existsSync(path.join(outDir, 'pagefind')));
});
