/**
 * The portfolio of a large site is computed in groups of whole 事務 (src/office/site-loader.ts), so that the data of a
 * whole city (pia merge: 50,000 評価書) is never held at once: any grouping gives exactly what portfolioRows gives
 * for all the documents together, findings of the rules across 事務 included (shared 評価書番号, their waivers and
 * stale waivers), and the data kept of each document for those rules is the few roles they read.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { officeBatches, portfolioRows, PortfolioRows, roleProjection, type OfficesPart, type SiteDocument } from '../../src/office/portfolio-view.ts';
import { formSchemas, groupOffices, officeDiagnostics } from '../../src/office/office.ts';
import { buildPortfolio } from '../../src/office/portfolio.ts';
import { basicData, focusedData, referenceBasicFile, referenceFocusedFile } from '../../src/office/testing.ts';
import { variantText } from '../site/generate.ts';
import { slugOf } from '../../src/model/slug.ts';
import { readRole } from '../../src/model/roles.ts';
import { loadForms } from '../../src/schema/registry.ts';

const today = '2026-12-01';

/** The reference 事務 (基礎 + 重点, one folder below the other) and single-document 事務 around it, in file order. */
function corpus(): SiteDocument[] {
  const variant = (n: number, edit: (d: Record<string, any>) => void = () => {}) => {
    const data = parse(variantText(n)) as Record<string, any>;
    edit(data);
    return data;
  };
  const docs: [string, Record<string, any>][] = [
    ['assessments/a-01/assessment.yaml', variant(1)],
    // 評価書番号 1003 in two 事務: an error in each (office-number-unique), waived in the second.
    ['assessments/a-03/assessment.yaml', variant(3)],
    ['assessments/a-03b/assessment.yaml', variant(3, (d) => (d['検証の例外'] = [{ 規則: 'office-number-unique', 理由: '計画管理書の改訂中' }]))],
    // A waiver of the rule across 事務 with nothing to waive: stale (a warning).
    ['assessments/a-04/assessment.yaml', variant(4, (d) => (d['検証の例外'] = [{ 規則: 'office-number-unique', 理由: '古い例外' }]))],
    [referenceFocusedFile, focusedData()],
    [referenceBasicFile, basicData()],
    ['assessments/z-05/assessment.yaml', variant(5)],
    ['assessments/z-06/assessment.yaml', variant(6, (d) => (d['公表日'] = '令和3年4月1日'))],
    ['assessments/z-07/assessment.yaml', variant(3)],
  ];
  return docs.map(([file, data]) => ({ slug: slugOf(file), file, form: String(data['様式']), data }));
}

test('事務のまとまりごとに求めても、全部を一度に求めたのと同じ行・期限・指摘の数になる(どの大きさのまとまりでも)', () => {
  const all = portfolioRows(corpus(), formSchemas(), today);
  // What the rows are made of, from every document's whole data and every rule at once.
  const offices = groupOffices(corpus().map((d) => ({ file: d.file, formName: d.form, data: d.data, renderable: true })), formSchemas());
  assert.deepEqual(all.portfolio, buildPortfolio(offices, [], today));
  const found = officeDiagnostics(offices, { wholeCity: true, locate: () => ({ line: 1, col: 1 }) });
  const fileOf = new Map(corpus().map((d) => [d.slug, d.file]));
  for (const row of all.rows) {
    const mine = found.filter((f) => row.documents.some((d) => fileOf.get(d.slug) === f.file));
    assert.deepEqual(row.findings, { errors: mine.filter((f) => f.severity === 'error').length, warnings: mine.filter((f) => f.severity === 'warning').length }, row.id);
  }
  // The rules across 事務 find something here (else the comparison would not show that they see every 事務).
  const errors = Object.fromEntries(all.rows.map((r) => [r.id, r.findings]));
  assert.ok(errors['a-03']!.errors > 0 && errors['z-07']!.errors > 0, JSON.stringify(errors));
  assert.equal(errors['a-03b']!.errors, 0, 'waived in the 評価書 it is located in');
  assert.ok(errors['a-04']!.warnings > errors['a-01']!.warnings, 'the stale waiver is a warning');
  const files = corpus().map((d) => d.file);
  for (const size of [1, 2, 3, 5, 100]) {
    const batches = officeBatches(files, size);
    assert.deepEqual(batches.flat(), files, `${size}: every file once, in order`);
    // A 事務 is never split: the reference 事務's two documents are in one group.
    assert.ok(batches.some((b) => b.includes(referenceFocusedFile) && b.includes(referenceBasicFile)), String(size));
    if (size === 1) assert.equal(batches.length, files.length - 1);
    const rows = new PortfolioRows(formSchemas(), today);
    for (const batch of batches) {
      // Fresh data for each group, as the loader reads them again: nothing is shared between the groups.
      const docs = corpus();
      rows.add(batch.map((f) => docs.find((d) => d.file === f)!));
    }
    assert.deepEqual(rows.finish(), all, String(size));
  }
});

test('事務ごとの部分(part)を JSON で保存して読み戻しても、評価書から求めたのと同じ行・期限・指摘になる', () => {
  const all = portfolioRows(corpus(), formSchemas(), today);
  const files = corpus().map((d) => d.file);
  const maker = new PortfolioRows(formSchemas(), today);
  // One part per 事務, as the site build keeps them; added in a fresh builder, from their JSON only.
  const texts = officeBatches(files, 1).map((batch) => {
    const docs = corpus();
    return JSON.stringify(maker.part(batch.map((f) => docs.find((d) => d.file === f)!)));
  });
  const rows = new PortfolioRows(formSchemas(), today);
  for (const text of texts) rows.addPart(JSON.parse(text) as OfficesPart);
  // As the loader writes them for the pages (JSON: a key without a value is left out either way).
  const asWritten = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
  assert.deepEqual(asWritten(rows.finish()), asWritten(all));
  // A part holds no document's data beyond the roles the rules across 事務 read.
  const reference = JSON.parse(texts[officeBatches(files, 1).findIndex((b) => b.includes(referenceFocusedFile))]!) as OfficesPart;
  assert.equal(reference.thin[0]!.documents.length, 2);
  assert.ok(texts.every((t) => t.length < JSON.stringify(focusedData()).length / 3), texts.map((t) => t.length).join(', '));
});

test('規則の読む役割だけを残した data: その役割の値は同じ、ほかの項目はなく、元の data は変わらない', () => {
  const data = focusedData();
  data['検証の例外'] = [{ 規則: 'office-number-unique', 理由: 'x' }];
  const before = structuredClone(data);
  const schema = loadForms().get(String(data['様式']))!.schema;
  const roles = ['cover.number', 'changes', 'files'];
  const thin = roleProjection(schema, data, roles);
  assert.deepEqual(data, before);
  for (const role of roles) assert.deepEqual(readRole(schema, thin, role), readRole(schema, data, role), role);
  assert.deepEqual(thin['検証の例外'], data['検証の例外']);
  assert.ok(readRole(schema, data, 'cover.title').length > 0);
  assert.deepEqual(readRole(schema, thin, 'cover.title'), []);
  // What the rule across 事務 reads (office-number-unique: cover.number) is a small part of a 評価書.
  const number = roleProjection(schema, data, ['cover.number']);
  assert.deepEqual(readRole(schema, number, 'cover.number'), readRole(schema, data, 'cover.number'));
  assert.ok(JSON.stringify(number).length < JSON.stringify(data).length / 20, `${JSON.stringify(number).length} of ${JSON.stringify(data).length}`);
});
