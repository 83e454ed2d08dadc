/** The rule documentation pages: every rule's .md is published at /rules/<id>/, where SARIF's helpUri points. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSite } from '../../src/site/build-site.ts';
import { ruleDocs, ruleHelpUri } from '../../src/report/rule-docs.ts';
import { checkRules } from '../../src/checks/catalogue.ts';
import { classificationRules } from '../../src/classify/catalogue.ts';
import { validationRules } from '../../src/validate/rules/catalogue.ts';
import { writeAssessments } from '../site/generate.ts';

test('規則ごとの説明のページ /rules/<ID>/ が、検証・分類・点検のすべての規則についてサイトにでき、SARIF の helpUri はそこを指す', async () => {
  const ids = [...validationRules.map((r) => r.meta.id), ...classificationRules.map((r) => r.meta.id), ...checkRules.map((r) => r.id)];
  assert.deepEqual([...ruleDocs().keys()].sort(), [...ids].sort(), 'one page per catalogued rule');
  const tmp = mkdtempSync(path.join(tmpdir(), 'pia-rule-pages-'));
  writeAssessments(path.join(tmp, 'assessments'), 0);
  const base = '/hyoka/';
  await buildSite({ assessmentsDir: path.join(tmp, 'assessments'), outDir: path.join(tmp, 'dist'), pdfDir: path.join(tmp, 'pdf'), base, cacheDir: path.join(tmp, 'cache') });
  for (const doc of ruleDocs().values()) {
    const page = path.join(tmp, 'dist/rules', doc.id, 'index.html');
    assert.ok(existsSync(page), page);
    const html = readFileSync(page, 'utf8');
    assert.match(html, new RegExp(`<title>${doc.id} — ${doc.title.replace(/[()[\]\\.*+?^$|{}]/g, '\\$&')}`));
    assert.match(html, /<h2[^>]*>概要<\/h2>/);
    assert.match(html, /<h2[^>]*>根拠<\/h2>/);
    assert.match(html, new RegExp(`href="${base}"`), 'links back to the list, under the base path');
    const uri = ruleHelpUri(doc.id, { PIA_SITE_URL: `https://www.city.example.lg.jp${base}` });
    assert.equal(uri, `https://www.city.example.lg.jp${base}rules/${doc.id}/`);
  }
});
