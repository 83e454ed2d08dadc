/**
 * The one しきい値判断 (特定個人情報保護評価指針 第6 1): from 対象人数, 取扱者数 (staff and 委託先の従業者) and a
 * 重大事故 in the past year, which assessments the law requires. The decision table is data
 * (schemas/threshold.v1.json, with the basis and the verification status of each row); this module reads the
 * inputs of any form by role and evaluates the table. Forms record bands, not counts, so the inputs are ranges
 * and the answer is the set of possible results: `definite` when the bands decide it, else `min` and `max`.
 * validate (threshold-consistency), diff (threshold-raised, handler-threshold-crossed) and check (staff-threshold)
 * all ask this module.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { schemaDir, type JsonSchema } from '../schema/registry.ts';
import { itemPath } from '../schema/walk.ts';
import { readOne, readRole, roleEntries, type Band } from '../model/roles.ts';

export type Level = 'none' | 'basic' | 'basic+focused' | 'basic+full';

interface TableRow {
  people: [number, number | null];
  risk: boolean | 'any';
  required: Level;
  status: 'C' | 'R';
  source: string;
}

interface Table {
  basis: string;
  edition: string;
  handlerThreshold: number;
  levels: Record<Level, { rank: number; label: string; forms: string[] }>;
  rows: TableRow[];
}

export const thresholdTable: Table = JSON.parse(readFileSync(path.join(schemaDir, 'threshold.v1.json'), 'utf8')) as Table;

export const levelRank = (level: Level): number => thresholdTable.levels[level].rank;
export const levelLabel = (level: Level): string => thresholdTable.levels[level].label;
/** The forms a level requires, e.g. basic+full → 基礎項目評価書, 全項目評価書. */
export const levelForms = (level: Level): string[] => thresholdTable.levels[level].forms;
export const isLevel = (value: unknown): value is Level => typeof value === 'string' && value in thresholdTable.levels;

export interface Range {
  min: number;
  /** null: no upper bound known. */
  max: number | null;
  /** How the range was obtained, in the form's words (for messages). */
  source: string;
  /** The item(s) it was read from. */
  pointers: string[];
}

export interface ThresholdInputs {
  people?: Range;
  handlers?: Range;
  incident: 'yes' | 'no' | 'unknown';
  incidentSource?: string;
}

export interface ThresholdResult {
  /** Every result the inputs allow, lowest first. */
  possible: Level[];
  min: Level;
  max: Level;
  /** Set when the inputs decide the result. */
  definite?: Level;
  /** Which rows of the table applied (their status: R rows are unverified). */
  unverified: boolean;
  inputs: ThresholdInputs;
}

/** One number format for every count (toLocaleString makes a new one for each call). */
const numberFormat = new Intl.NumberFormat('ja-JP');
/** A count as ja-JP prints it (1,000): a whole number is grouped by threes here, ICU's format (~µs) is for the rest. */
const fmt = (n: number) => (Number.isSafeInteger(n) && n >= 0 ? String(n).replace(/\B(?=(\d{3})+$)/g, ',') : numberFormat.format(n));

export function rangeText(range: Range | undefined, unit: string): string {
  if (!range) return '不明';
  if (range.max === null) return `${fmt(range.min)}${unit}以上`;
  if (range.min === range.max) return `${fmt(range.min)}${unit}`;
  return `${fmt(range.min)}〜${fmt(range.max)}${unit}`;
}

/** Evaluates the table over ranges of inputs. */
export function decideThreshold(inputs: ThresholdInputs): ThresholdResult {
  const limit = thresholdTable.handlerThreshold;
  const h = inputs.handlers;
  const handlersReach = h ? h.min >= limit : false;
  const handlersBelow = h ? h.max !== null && h.max < limit : false;
  const riskPossible = !handlersBelow || inputs.incident !== 'no';
  const noRiskPossible = !handlersReach && inputs.incident !== 'yes';
  const p = inputs.people ?? { min: 0, max: null, source: '', pointers: [] };
  const found = new Set<Level>();
  let unverified = false;
  for (const row of thresholdTable.rows) {
    const [low, high] = row.people;
    const overlaps = (high === null || p.min <= high) && (p.max === null || p.max >= low);
    const riskMatches = row.risk === 'any' || (row.risk ? riskPossible : noRiskPossible);
    if (overlaps && riskMatches) {
      found.add(row.required);
      if (row.status === 'R') unverified = true;
    }
  }
  const possible = [...found].sort((a, b) => levelRank(a) - levelRank(b));
  return { possible, min: possible[0]!, max: possible.at(-1)!, definite: possible.length === 1 ? possible[0] : undefined, unverified, inputs };
}

function bandRange(band: Band): { min: number; max: number | null } {
  return { min: band.min, max: band.max };
}

function label(root: JsonSchema, pointer: string): string {
  return itemPath(root, pointer);
}

/** Overrides for a what-if: an observed head count in place of a declared band (pia check). */
export interface InputOverrides {
  /** pointer of a handler band → the observed count. */
  handlerCounts?: Map<string, number>;
}

/**
 * The しきい値 inputs of one document, read by role. 対象人数: the 事務's band where the form records it
 * (基礎 Ⅱ1, 全項目 Ⅰ1③), else from the files' 対象となる本人の数 (at least the largest file, at most the sum).
 * 取扱者数: the 事務's band (基礎 Ⅱ2), else from the files' 使用者数 and 委託先における取扱者数: at least the
 * largest file's staff plus its contractors' staff (one 委託先名 counted once), at most the sum over all files.
 * 重大事故: the しきい値 item (past year) where the form has it; a risk-section 「発生なし」 for the past 3 years
 * also means none in the past year; otherwise unknown.
 */
export function thresholdInputs(root: JsonSchema, data: unknown, overrides: InputOverrides = {}): ThresholdInputs {
  const inputs: ThresholdInputs = { incident: 'unknown' };

  const officePeople = readOne(root, data, 'people.office.band');
  if (officePeople?.band) {
    inputs.people = { ...bandRange(officePeople.band), source: `${label(root, officePeople.pointer)}「${officePeople.band.label}」`, pointers: [officePeople.pointer] };
  } else {
    const bands = readRole(root, data, 'people.file.band').filter((r) => r.band);
    if (bands.length > 0) {
      const largest = bands.reduce((a, b) => (b.band!.min > a.band!.min ? b : a));
      const max = bands.some((b) => b.band!.max === null) ? null : bands.reduce((s, b) => s + b.band!.max!, 0);
      inputs.people = { min: largest.band!.min, max: bands.length === 1 ? largest.band!.max : max, source: `${label(root, largest.pointer)}「${largest.band!.label}」`, pointers: bands.map((b) => b.pointer) };
    }
  }

  const officeHandlers = readOne(root, data, 'handlers.office.band');
  if (officeHandlers?.band) {
    inputs.handlers = { ...bandRange(officeHandlers.band), source: `${label(root, officeHandlers.pointer)}「${officeHandlers.band.label}」`, pointers: [officeHandlers.pointer] };
  } else {
    let min = 0;
    let max: number | null = 0;
    let any = false;
    const pointers: string[] = [];
    const rangeAt = (read: { pointer: string; band?: Band }): { min: number; max: number | null } | undefined => {
      const observed = overrides.handlerCounts?.get(read.pointer);
      if (observed !== undefined) return { min: observed, max: observed };
      return read.band ? bandRange(read.band) : undefined;
    };
    const files = roleEntries(root, data, 'files');
    for (const file of files.length > 0 ? files : [{ pointer: '' }]) {
      let fileMin = 0;
      let fileMax: number | null = 0;
      const users = readOne(root, data, 'handlers.users.band', file.pointer);
      const userRange = users ? rangeAt(users) : undefined;
      if (users && userRange) {
        any = true;
        pointers.push(users.pointer);
        fileMin += userRange.min;
        fileMax = fileMax === null || userRange.max === null ? null : fileMax + userRange.max;
      } else fileMax = null;
      const byContractor = new Map<string, number>();
      roleEntries(root, data, 'entrustment.entries', file.pointer).forEach((entry, n) => {
        const band = readOne(root, data, 'handlers.contractor.band', entry.pointer);
        const range = band ? rangeAt(band) : undefined;
        if (!band || !range) {
          fileMax = null;
          return;
        }
        any = true;
        pointers.push(band.pointer);
        const name = readOne(root, data, 'entrustment.contractor', entry.pointer)?.value;
        const key = typeof name === 'string' && name.trim() !== '' ? name.normalize('NFKC').replace(/\s+/g, '') : `#${n}`;
        byContractor.set(key, Math.max(byContractor.get(key) ?? 0, range.min));
        fileMax = fileMax === null || range.max === null ? null : fileMax + range.max;
      });
      for (const v of byContractor.values()) fileMin += v;
      min = Math.max(min, fileMin);
      max = max === null || fileMax === null ? null : max + fileMax;
    }
    if (any) inputs.handlers = { min, max, source: '使用者数と委託先における取扱者数', pointers };
  }

  const incident = readOne(root, data, 'incident.threshold');
  if (incident?.value === 'yes' || incident?.value === 'no') {
    inputs.incident = incident.value;
    inputs.incidentSource = label(root, incident.pointer);
  } else {
    const recent = readRole(root, data, 'incident.recent');
    if (recent.length > 0 && recent.every((r) => r.value === 'no')) {
      inputs.incident = 'no';
      inputs.incidentSource = label(root, recent[0]!.pointer);
    } else if (recent.some((r) => r.value === 'yes')) {
      inputs.incidentSource = label(root, recent.find((r) => r.value === 'yes')!.pointer);
    }
  }
  return inputs;
}

export function assessThreshold(root: JsonSchema, data: unknown, overrides?: InputOverrides): ThresholdResult {
  return decideThreshold(thresholdInputs(root, data, overrides));
}

/** One line in Japanese naming the inputs the result rests on. */
export function inputsText(inputs: ThresholdInputs): string {
  const incident = inputs.incident === 'yes' ? 'あり' : inputs.incident === 'no' ? 'なし' : '不明';
  return `対象人数 ${rangeText(inputs.people, '人')}(${inputs.people?.source || '記載なし'})、取扱者数 ${rangeText(inputs.handlers, '人')}(${inputs.handlers?.source || '記載なし'})、過去1年以内の重大事故 ${incident}`;
}

/** The required assessments in words: one level, or 「A または B」 when the bands do not decide. */
export function resultText(result: ThresholdResult): string {
  return result.possible.map(levelLabel).join(' または ');
}

/** The しきい値判断 level a form is the assessment for (x-form.level: 重点 → basic+focused). */
export function formLevel(root: JsonSchema): Level | undefined {
  const level = root['x-form']?.level;
  return isLevel(level) ? level : undefined;
}

export interface Rise {
  before: ThresholdResult;
  after: ThresholdResult;
  /** The level now required, when it is above what the old version required and above what this form covers. */
  required?: Level;
}

/**
 * Whether a new version requires a higher assessment than the old one: the lowest possible result rises above
 * both the old lowest result and the level this document's form already is (a 重点項目評価書 is an assessment at
 * basic+focused). A change that leaves the result where it was is no 再評価.
 */
export function thresholdRise(root: JsonSchema, oldData: unknown, newData: unknown): Rise {
  const before = assessThreshold(root, oldData);
  const after = assessThreshold(root, newData);
  const covered = Math.max(levelRank(before.min), levelRank(formLevel(root) ?? 'none'));
  return { before, after, required: levelRank(after.min) > covered ? after.min : undefined };
}
