/**
 * The portfolio page's data (src/pages/offices.astro): the site's entries grouped into 事務, with the portfolio and
 * the findings of the 事務 rules. Pure: the entries' data and the form schemas in, plain rows out.
 */
import type { JsonSchema } from '../schema/registry.ts';
import { formatWareki } from '../model/wareki.ts';
import { groupOffices, officeDirsByPath } from './group.ts';
import { buildPortfolio, levelText, portfolioOf, type CheckSummary, type Portfolio, type PortfolioOffice } from './portfolio.ts';
import type { PortfolioRow } from './portfolio-row.ts';
import type { Office } from './rule.ts';
import { officeRules } from './rules/catalogue.ts';
import { roleSites } from '../model/roles.ts';
import { isObject } from '../model/access.ts';

export type { PortfolioRow };
import { officeDiagnostics } from './office.ts';

export interface SiteDocument {
  slug: string;
  /** Path of the source file, relative to the build's working directory (the entry's filePath). */
  file: string;
  form: string;
  data: Record<string, unknown>;
}

const day = (iso: string | undefined) => (iso ? { iso, text: formatWareki(iso) } : undefined);

/** checks: the runs of a `pia check --format json` report by absolute path of the 評価書 (none: every document 未確認). */
export function portfolioRows(documents: readonly SiteDocument[], schemas: ReadonlyMap<string, JsonSchema>, today: string, checks: ReadonlyMap<string, CheckSummary> = new Map()): { portfolio: Portfolio; rows: PortfolioRow[] } {
  const rows = new PortfolioRows(schemas, today, checks);
  rows.add(documents);
  return rows.finish();
}

/**
 * The parts of `data` a reader of only these roles sees: the whole value at each of their sites (arrays keep their
 * indices), and 検証の例外 (the waivers of the 事務 rules). The rest is left out; `data` itself is not changed.
 */
export function roleProjection(root: JsonSchema, data: Record<string, unknown>, roles: readonly string[]): Record<string, unknown> {
  const merge = (from: unknown, into: unknown, pattern: readonly string[], i: number): unknown => {
    if (i === pattern.length || into === from) return from;
    const segment = pattern[i]!;
    if (segment === '*') {
      if (!Array.isArray(from)) return into;
      const list = Array.isArray(into) ? into : new Array<unknown>(from.length).fill(undefined);
      from.forEach((v, n) => (list[n] = merge(v, list[n], pattern, i + 1)));
      return list;
    }
    if (!isObject(from) || !(segment in from)) return into;
    const object = isObject(into) ? into : {};
    object[segment] = merge(from[segment], object[segment], pattern, i + 1);
    return object;
  };
  let out: unknown = {};
  for (const role of roles) for (const site of roleSites(root).get(role) ?? []) out = merge(data, out, site.pattern, 0);
  const projected = (isObject(out) ? out : {}) as Record<string, unknown>;
  if ('検証の例外' in data) projected['検証の例外'] = data['検証の例外'];
  return projected;
}

/** What PortfolioRows keeps of the documents of some whole 事務 (plain JSON; see PortfolioRows.part). */
export interface OfficesPart {
  offices: PortfolioOffice[];
  /** [file, slug] of each document. */
  slugs: [string, string][];
  findings: { file: string; level: string }[];
  /** The 事務 with each document's values of the roles the rules across 事務 read (its schema named, not held). */
  thin: { id: string; dir: string; documents: { file: string; formName: string; data: Record<string, unknown> }[] }[];
}

/**
 * The portfolio page's rows, computed 事務 by 事務: `add` takes the documents of whole 事務 (every renderable 評価書
 * of each, in the order of the site's files; see officeBatches), keeps what the rows need (no document data) and
 * the few roles the rules across 事務 read, so that the data of a whole city is never held at once. `finish` gives
 * what portfolioRows gives for all the documents together.
 */
export class PortfolioRows {
  private offices: PortfolioOffice[] = [];
  /** The findings of the rules within one 事務, and the 事務 thinned to what the rules across 事務 read. */
  private findings: { file: string; level: string }[] = [];
  private thin: Office[] = [];
  private slugByFile = new Map<string, string>();
  private readonly within = officeRules.filter((r) => !r.meta.acrossOffices);
  private readonly across = officeRules.filter((r) => r.meta.acrossOffices);
  private readonly acrossRoles = [...new Set(this.across.flatMap((r) => r.meta.requires))];

  private readonly schemas: ReadonlyMap<string, JsonSchema>;
  private readonly today: string;
  private readonly checks: ReadonlyMap<string, CheckSummary>;

  constructor(schemas: ReadonlyMap<string, JsonSchema>, today: string, checks: ReadonlyMap<string, CheckSummary> = new Map()) {
    this.schemas = schemas;
    this.today = today;
    this.checks = checks;
  }

  add(documents: readonly SiteDocument[]): void {
    this.addPart(this.part(documents));
  }

  /**
   * What `add` keeps of these documents (of whole 事務), as plain JSON: the site build keeps it for each 事務 whose
   * 評価書 have not changed (src/office/site-loader.ts) and gives it to addPart again instead of the documents.
   */
  part(documents: readonly SiteDocument[]): OfficesPart {
    const offices = groupOffices(documents.map((d) => ({ file: d.file, formName: d.form, data: d.data, renderable: true })), this.schemas);
    return {
      offices: buildPortfolio(offices, [], this.today, this.checks).offices,
      slugs: documents.map((d) => [d.file, d.slug]),
      // The 事務 rules with the 評価書's 検証の例外 applied (a waived finding is information); no locations needed.
      findings: officeDiagnostics(offices, { wholeCity: true, rules: this.within, locate: () => ({ line: 1, col: 1 }) }).map((d) => ({ file: d.file, level: d.severity })),
      thin: offices.map((o) => ({ id: o.id, dir: o.dir, documents: o.documents.map((d) => ({ file: d.file, formName: d.formName, data: roleProjection(d.schema, d.data, this.acrossRoles) })) })),
    };
  }

  /** A part made by `part` (by this code, for the same day and check results), perhaps read back from JSON. */
  addPart(part: OfficesPart): void {
    this.offices.push(...part.offices);
    for (const [file, slug] of part.slugs) this.slugByFile.set(file, slug);
    this.findings.push(...part.findings);
    for (const o of part.thin) {
      const documents = o.documents.flatMap((d) => {
        const schema = this.schemas.get(d.formName);
        return schema ? [{ ...d, schema }] : [];
      });
      this.thin.push({ id: o.id, dir: o.dir, documents });
    }
  }

  finish(): { portfolio: Portfolio; rows: PortfolioRow[] } {
    const findings = [...this.findings];
    for (const d of officeDiagnostics(this.thin, { wholeCity: true, rules: this.across, locate: () => ({ line: 1, col: 1 }) })) findings.push({ file: d.file, level: d.severity });
    const byFile = Map.groupBy(findings, (f) => f.file);
    const portfolio = portfolioOf(this.offices, this.today);
    const rows = portfolio.offices.map((o): PortfolioRow => {
      const mine = o.documents.flatMap((d) => byFile.get(d.file) ?? []);
      const t = o.threshold;
      return {
        id: o.id,
        name: o.name,
        state: o.due[0]?.state,
        documents: o.documents.map((d) => ({ slug: this.slugByFile.get(d.file) ?? d.slug, form: d.form, number: d.number, ...(d.checks ? { checks: d.checks } : {}) })),
        threshold: t.recordedText ?? '基礎項目評価書がありません',
        thresholdNote: t.agrees === false ? `しきい値判断項目からは「${levelText(t.computed)}」` : undefined,
        published: day(o.publishedOn),
        nextReview: day(o.nextReview),
        reassessment: day(o.reassessment),
        preChanges: o.openPreChanges.map((c) => ({ ...day(c.date)!, item: c.item })),
        findings: { errors: mine.filter((f) => f.level === 'error').length, warnings: mine.filter((f) => f.level === 'warning').length },
        nextDue: day(o.nextDue),
        ...(o.unreadableDates.length > 0 ? { unreadableDates: o.unreadableDates.map((u) => u.raw) } : {}),
      };
    });
    return { portfolio, rows };
  }
}

/**
 * The renderable files of a site in groups of whole 事務 of about `size` files (a 事務 is never split), each group
 * in the order of the files: given to PortfolioRows.add one after the other, they give the rows of all at once.
 */
export function officeBatches(files: readonly string[], size: number): string[][] {
  const dirOf = officeDirsByPath(files);
  const byDir = new Map<string, string[]>();
  for (const f of files) {
    const dir = dirOf.get(f)!;
    const list = byDir.get(dir);
    if (list) list.push(f);
    else byDir.set(dir, [f]);
  }
  const batches: string[][] = [];
  let batch: string[] = [];
  for (const list of byDir.values()) {
    batch.push(...list);
    if (batch.length >= size) {
      batches.push(batch);
      batch = [];
    }
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}
