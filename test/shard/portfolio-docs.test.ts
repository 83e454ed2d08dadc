/**
 * A shard keeps, of each 評価書, its values at every role site of its form (src/shard/portfolio-docs.ts), and
 * `pia merge` makes the portfolio from those alone: the rows, due dates and findings must be exactly those of the
 * whole data — for the project's own 評価書 (基礎, 重点, 全項目, 事務 of two), for 事務 whose documents disagree
 * (しきい値判断, 評価書番号, 実施日), and with waivers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, globSync } from 'node:fs';
import { parse } from 'yaml';
import { portfolioRows, type SiteDocument } from '../../src/office/portfolio-view.ts';
import { formSchemas } from '../../src/office/office.ts';
import { basicData, focusedData, referenceBasicFile, referenceFocusedFile } from '../../src/office/testing.ts';
import { variantText } from '../site/generate.ts';
import { slugOf } from '../../src/model/slug.ts';
import { portfolioDocumentText, portfolioProjection, readPortfolioDocument } from '../../src/shard/portfolio-docs.ts';
import { readRole, rolePointer } from '../../src/model/roles.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const today = '2026-12-01';
const schemas = formSchemas();

/** Sets the value of the first site of `role` (a top-level or nested object path without lists). */
function setRole(data: Record<string, any>, role: string, value: unknown): void {
  const pointer = rolePointer(schemas.get(String(data['様式']))!, role);
  assert.ok(pointer, role);
  const keys = pointer!.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  let at = data;
  for (const k of keys.slice(0, -1)) at = at[k] ??= {};
  at[keys.at(-1)!] = value;
}

function corpus(): SiteDocument[] {
  const docs: [string, Record<string, any>][] = globSync('assessments/**/assessment.yaml').sort().map((f) => [f, parse(readFileSync(f, 'utf8')) as Record<string, any>]);
  const variant = (n: number, edit: (d: Record<string, any>) => void = () => {}) => {
    const d = parse(variantText(n)) as Record<string, any>;
    edit(d);
    return d;
  };
  // The reference 事務 again, its 基礎 disagreeing with its 重点 and with itself.
  const basic = basicData();
  const focused = focusedData();
  setRole(basic, 'threshold.result', '基礎項目評価書のみ');
  setRole(focused, 'threshold.assessed-on', '令和2年1月1日');
  docs.push(['other/koshigaya/assessment.yaml', focused], ['other/koshigaya/basic/assessment.yaml', basic]);
  docs.push(
    ['other/v-03/assessment.yaml', variant(3)],
    ['other/v-03b/assessment.yaml', variant(3, (d) => (d['検証の例外'] = [{ 規則: 'office-number-unique', 理由: '改訂中' }]))],
    ['other/v-04/assessment.yaml', variant(4, (d) => setRole(d, 'cover.published-on', '令和三年四月一日ごろ'))],
  );
  return docs.map(([file, data]) => ({ slug: slugOf(file), file, form: String(data['様式']), data }));
}

test('役割の値だけを残した評価書から求めた事務の一覧は、全部のデータから求めたものと同じ(行・期限・指摘)', () => {
  const whole = portfolioRows(corpus(), schemas, today);
  const projected = portfolioRows(corpus().map((d) => ({ ...d, data: portfolioProjection(schemas.get(d.form)!, d.data) })), schemas, today);
  assert.deepEqual(projected, whole);
  // As read back from JSON (a shard's document, the portfolio's structure cache): a list's entries without a role
  // value come back as null.
  const readBack = portfolioRows(corpus().map((d) => ({ ...d, data: JSON.parse(JSON.stringify(portfolioProjection(schemas.get(d.form)!, d.data))) as Record<string, unknown> })), schemas, today);
  assert.deepEqual(readBack, whole);
  // Not a comparison of nothing: 事務 of two, findings, a disagreeing しきい値判断, an unreadable date, due items.
  assert.ok(whole.rows.some((r) => r.documents.length === 2));
  assert.ok(whole.rows.some((r) => r.findings.errors > 0) && whole.rows.some((r) => r.findings.warnings > 0), JSON.stringify(whole.rows.map((r) => r.findings)));
  assert.ok(whole.rows.some((r) => r.unreadableDates));
  assert.ok(whole.portfolio.offices.every((o) => o.due.length > 0));
  // And the projection leaves out what no role reads (the free texts of the risk measures, say).
  for (const d of corpus()) {
    const p = portfolioProjection(schemas.get(d.form)!, d.data);
    assert.ok(JSON.stringify(p).length < JSON.stringify(d.data).length, d.file);
    for (const role of ['cover.number', 'office.name', 'cover.published-on']) assert.deepEqual(readRole(schemas.get(d.form)!, p, role), readRole(schemas.get(d.form)!, d.data, role), `${d.file} ${role}`);
  }
});

test('シャードの事務の一覧用の記録: 版・様式・形の違うもの、壊れたもの、ないものは、ファイルを示して断る', (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pia-portfolio-doc-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const doc = corpus()[0]!;
  const file = path.join(dir, 'a.json');
  const forms = new Set(schemas.keys());
  writeFileSync(file, portfolioDocumentText(schemas.get(doc.form)!, doc, 'a'.repeat(64)));
  const read = readPortfolioDocument(file, { source: 'a'.repeat(64), forms });
  assert.ok(typeof read !== 'string' && read.form === doc.form);
  assert.match(readPortfolioDocument(file, { source: 'b'.repeat(64), forms }) as string, /a\.json: shard\.json と違う版の評価書から作られています。/);
  assert.match(readPortfolioDocument(path.join(dir, 'none.json'), { source: 'a'.repeat(64), forms }) as string, /none\.json がありません。/);
  for (const bad of ['{', '[]', JSON.stringify({ format: 'pia-portfolio-document/1', form: '様式99', source: 'a'.repeat(64), data: {} }), JSON.stringify({ format: 'pia-portfolio-document/1', form: doc.form, source: 'a'.repeat(64), data: [] })]) {
    writeFileSync(file, bad);
    assert.match(readPortfolioDocument(file, { source: 'a'.repeat(64), forms }) as string, /a\.json (を JSON として読めません|は pia build --shard が書いた事務の一覧用の記録)/, bad);
  }
});
