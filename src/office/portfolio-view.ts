/**
 * The portfolio page's data (src/pages/offices.astro): the site's entries grouped into 事務, with the portfolio and
 * the findings of the 事務 rules. Pure: the entries' data and the form schemas in, plain rows out.
 */
import type { JsonSchema } from '../schema/registry.ts';
import { formatWareki } from '../model/wareki.ts';
import { groupOffices } from './group.ts';
import { buildPortfolio, levelText, type CheckSummary, type Portfolio } from './portfolio.ts';
import type { PortfolioRow } from './portfolio-row.ts';

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
  const offices = groupOffices(documents.map((d) => ({ file: d.file, formName: d.form, data: d.data, renderable: true })), schemas);
  const portfolio = buildPortfolio(offices, [], today, checks);
  const slugByFile = new Map(documents.map((d) => [d.file, d.slug]));
  // The 事務 rules with the 評価書's 検証の例外 applied (a waived finding is information); no locations needed.
  const findings = officeDiagnostics(offices, { wholeCity: true, locate: () => ({ line: 1, col: 1 }) }).map((d) => ({ file: d.file, level: d.severity }));
  const rows = portfolio.offices.map((o): PortfolioRow => {
    const files = new Set(o.documents.map((d) => d.file));
    const mine = findings.filter((f) => files.has(f.file));
    const t = o.threshold;
    return {
      id: o.id,
      name: o.name,
      state: o.due[0]?.state,
      documents: o.documents.map((d) => ({ slug: slugByFile.get(d.file) ?? d.slug, form: d.form, number: d.number, ...(d.checks ? { checks: d.checks } : {}) })),
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
