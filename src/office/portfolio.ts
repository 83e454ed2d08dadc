/**
 * The city's portfolio: every 事務 with its 評価書, しきい値判断, 公表日, the next yearly review (規則第14条) and
 * 5-year re-assessment (規則第15条), open 事前 changes and check results, sorted by what is due first.
 * Pure: offices, diagnostics and check summaries in, plain data out (pia status, the .ics file, the site page).
 */
import path from 'node:path';
import type { Diagnostic } from '../report/diagnostic.ts';
import { readOne, readRole, roleEntries } from '../model/roles.ts';
import { parseDate } from '../model/wareki.ts';
import { slugOf } from '../model/slug.ts';
import { addMonths, timeRules, timeStart } from '../classify/time-rules.ts';
import { assessThreshold, isLevel, levelLabel, type Level } from '../threshold/threshold.ts';
import type { Office, OfficeDocument } from './rule.ts';
import { isBasic } from './rule.ts';

export type DueKind = 'yearly-review' | 'five-year-reassessment' | 'pre-change';
export type DueState = 'overdue' | 'soon' | 'later';

export interface DueItem {
  kind: DueKind;
  /** Japanese title of what is due. */
  title: string;
  /** ISO date it is due. */
  due: string;
  state: DueState;
  /** The document it is about, and the date the period runs from (or the 変更日 of a 事前 row). */
  file: string;
  from?: string;
  detail: string;
  /** Stable key of the item within its 事務 (calendar UID). */
  key: string;
}

export interface CheckSummary {
  satisfied: number;
  contradicted: number;
  error: number;
  unchecked: number;
  attested: number;
  expired: number;
  failing: boolean;
}

export interface PortfolioDocument {
  form: string;
  file: string;
  slug: string;
  number?: string;
  title?: string;
  /** ISO. */
  publishedOn?: string;
  validation: { errors: number; warnings: number };
  /** From a saved `pia check --format json` report (keyed by absolute path); undefined when it has no run for this document. */
  checks?: CheckSummary;
}

export interface PortfolioOffice {
  id: string;
  name: string;
  documents: PortfolioDocument[];
  threshold: {
    /** The 基礎's Ⅲ (canonical), when there is a 基礎 with an answer. */
    recorded?: Level;
    recordedText?: string;
    /** What the しきい値判断 gives from the 基礎's Ⅱ (the lowest possible result when the bands do not decide). */
    computed?: Level;
    agrees?: boolean;
  };
  /** The latest 公表日 of the 事務's documents (ISO). */
  publishedOn?: string;
  nextReview?: string;
  reassessment?: string;
  openPreChanges: { file: string; id?: string; date: string; item: string }[];
  due: DueItem[];
  /**
   * Dates the due dates are counted from that are written but are not dates (令和7年2月30日): the due dates they
   * would give are unknown, so the 事務 cannot be called on time (pia status exits 1).
   */
  unreadableDates: { file: string; pointer: string; raw: string }[];
  /** The first due date (ISO), for sorting. */
  nextDue?: string;
  overdue: boolean;
}

export interface Portfolio {
  today: string;
  offices: PortfolioOffice[];
  overdue: number;
  soon: number;
  /** 事務 with unreadableDates. */
  undated: number;
}

const isoOf = (raw: unknown): string | undefined => {
  if (typeof raw !== 'string') return undefined;
  const parsed = parseDate(raw);
  return parsed.ok ? parsed.iso : undefined;
};
const dateOf = (doc: OfficeDocument, role: string) => isoOf(readOne(doc.schema, doc.data, role)?.raw);
const rule = (id: string) => timeRules.find((r) => r.id === id)!;

function stateOf(due: string, today: string, noticeMonths: number): DueState {
  if (due <= today) return 'overdue';
  return today >= addMonths(due, -noticeMonths) ? 'soon' : 'later';
}

export function buildPortfolio(offices: readonly Office[], diagnostics: readonly Diagnostic[], today: string, checks: ReadonlyMap<string, CheckSummary> = new Map()): Portfolio {
  const counts = new Map<string, { errors: number; warnings: number }>();
  for (const d of diagnostics) {
    const c = counts.get(d.file) ?? { errors: 0, warnings: 0 };
    if (d.severity === 'error') c.errors++;
    else if (d.severity === 'warning') c.warnings++;
    counts.set(d.file, c);
  }
  const yearly = rule('yearly-review');
  const fiveYear = rule('five-year-reassessment');
  const out: PortfolioOffice[] = offices.map((office) => {
    // The 基礎 first, then the 重点/全項目.
    const docs = [...office.documents].sort((a, b) => Number(isBasic(b)) - Number(isBasic(a)));
    const basic = docs.find(isBasic);
    const documents: PortfolioDocument[] = docs.map((doc) => ({
      form: doc.formName,
      file: doc.file,
      slug: slugOf(doc.file),
      number: readOne(doc.schema, doc.data, 'cover.number')?.raw?.toString(),
      title: stringOf(readOne(doc.schema, doc.data, 'cover.title')?.raw),
      publishedOn: dateOf(doc, 'cover.published-on'),
      validation: counts.get(doc.file) ?? { errors: 0, warnings: 0 },
      checks: checks.get(path.resolve(doc.file)),
    }));
    const name = docs.map((d) => stringOf(readOne(d.schema, d.data, 'office.name')?.raw)).find(Boolean) ?? office.id;

    const threshold: PortfolioOffice['threshold'] = {};
    if (basic) {
      const recorded = readOne(basic.schema, basic.data, 'threshold.result');
      if (recorded && isLevel(recorded.value)) {
        threshold.recorded = recorded.value;
        threshold.recordedText = String(recorded.raw);
      }
      const computed = assessThreshold(basic.schema, basic.data);
      if (computed.inputs.people) threshold.computed = computed.definite ?? computed.min;
      if (threshold.recorded && threshold.computed) threshold.agrees = threshold.recorded === threshold.computed || (threshold.computed === 'none' && threshold.recorded === 'basic');
    }

    const due: DueItem[] = [];
    for (const doc of docs) {
      const start = timeStart(yearly, doc.schema, doc.data);
      if (!start) continue;
      const at = addMonths(start.iso, yearly.months);
      due.push({ kind: 'yearly-review', title: `${yearly.title}(${doc.formName})`, due: at, state: stateOf(at, today, yearly.noticeMonths), file: doc.file, from: start.iso, detail: yearly.basis, key: `yearly-review/${slugOf(doc.file)}` });
    }
    // 5 years from the 事務's latest assessment: the latest start of any of its documents (the 基礎項目評価 実施日,
    // a published 事前 re-assessment, else the 公表日), as the audit's time rule reads each document.
    const starts = docs.map((d) => ({ doc: d, start: timeStart(fiveYear, d.schema, d.data) })).filter((s) => s.start).sort((a, b) => b.start!.iso.localeCompare(a.start!.iso));
    const publishedDates = docs.map((d) => dateOf(d, 'cover.published-on')).filter((d): d is string => !!d).sort();
    if (starts[0]) {
      const from = starts[0].start!.iso;
      const at = addMonths(from, fiveYear.months);
      due.push({ kind: 'five-year-reassessment', title: fiveYear.title, due: at, state: stateOf(at, today, fiveYear.noticeMonths), file: starts[0].doc.file, from, detail: fiveYear.basis, key: 'five-year-reassessment' });
    }
    const dateRoles = [...new Set([...yearly.from, ...fiveYear.from, 'cover.published-on'])];
    const unreadableDates = docs.flatMap((doc) => dateRoles.flatMap((role) => readRole(doc.schema, doc.data, role))
      .filter((r) => typeof r.raw === 'string' && r.raw.trim() !== '' && !parseDate(r.raw).ok)
      .map((r) => ({ file: doc.file, pointer: r.pointer, raw: String(r.raw) })));
    const openPreChanges: PortfolioOffice['openPreChanges'] = [];
    for (const doc of docs) {
      const published = dateOf(doc, 'cover.published-on');
      for (const entry of roleEntries(doc.schema, doc.data, 'changes')) {
        const timing = readOne(doc.schema, doc.data, 'change.timing', entry.pointer)?.value;
        const date = isoOf(readOne(doc.schema, doc.data, 'change.date', entry.pointer)?.raw);
        if (timing !== 'before' || !date) continue;
        // A 事前 row is open until the change takes effect: its 変更日 is still ahead (or after the 公表日 that
        // should have published it).
        if (date <= today && (!published || date <= published)) continue;
        const item = stringOf(readOne(doc.schema, doc.data, 'change.item', entry.pointer)?.raw) ?? '';
        openPreChanges.push({ file: doc.file, id: entry.id, date, item });
        due.push({ kind: 'pre-change', title: '事前の変更(変更前に評価書を提出・公表)', due: date, state: stateOf(date, today, 1), file: doc.file, from: date, detail: item, key: `pre-change/${slugOf(doc.file)}/${entry.id ?? entry.pointer}` });
      }
    }
    due.sort((a, b) => a.due.localeCompare(b.due));
    const nextReview = due.filter((d) => d.kind === 'yearly-review').map((d) => d.due).sort()[0];
    return {
      id: office.id,
      name,
      documents,
      threshold,
      publishedOn: publishedDates.at(-1),
      nextReview,
      reassessment: due.find((d) => d.kind === 'five-year-reassessment')?.due,
      openPreChanges,
      due,
      unreadableDates,
      nextDue: due[0]?.due,
      overdue: due.some((d) => d.state === 'overdue'),
    };
  });
  return portfolioOf(out, today);
}

/**
 * The portfolio of these 事務 (each computed by buildPortfolio on its own: nothing of one 事務 depends on another),
 * sorted by what is due first. So the 事務 of a large city can be computed in parts and put together here.
 */
export function portfolioOf(offices: readonly PortfolioOffice[], today: string): Portfolio {
  const out = [...offices].sort((a, b) => (a.nextDue ?? '9999').localeCompare(b.nextDue ?? '9999') || a.id.localeCompare(b.id));
  let overdue = 0;
  let soon = 0;
  for (const o of out) for (const d of o.due) if (d.state === 'overdue') overdue++; else if (d.state === 'soon') soon++;
  return { today, offices: out, overdue, soon, undated: out.filter((o) => o.unreadableDates.length > 0).length };
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** For text output: the level in words, or a dash. */
export const levelText = (level: Level | undefined): string => (level ? levelLabel(level) : '—');
