/**
 * What the editor's page asks of the project, in-process: open an assessment, its findings (the validate API),
 * the changes against the last committed or opened version (the diff/classify engine of `pia diff`), the drafted
 * 変更箇所 rows (the engine of `pia diff --write`) and the save (the same splice and atomic replace as --write).
 * Nothing here re-implements a rule: it calls validateText, compareVersions, changeRows, insertRows.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadText, maxFileBytes, readProjectFile } from '../load/load-file.ts';
import { validateText } from '../validate/validate.ts';
import { compareVersions, type CompareOptions } from '../diff/compare.ts';
import { changeRows, insertRows, replaceFileIfUnchanged, sha256, type ChangeRow } from '../diff/write.ts';
import { findDecisionsFile, findRenamesFile, loadDecisions, loadRenames } from '../classify/records.ts';
import { isTracked, readBytesAtRevision } from '../git/git.ts';
import { changeRowKeys, changesPointer } from '../model/document.ts';
import { loadForms, type JsonSchema } from '../schema/registry.ts';
import { resolveRef } from '../schema/walk.ts';
import { todayInJapan } from '../model/wareki.ts';
import { escapeSegment } from '../model/access.ts';
import { PiaError } from '../report/errors.ts';
import type { Diagnostic } from '../report/diagnostic.ts';
import { applyData, deepEqual, SpliceError } from './splice.ts';

/** An error the page shows as it is (status 400/403/404/409/413). */
export class EditError extends Error {
  readonly status: number;
  readonly detail?: Record<string, unknown>;
  constructor(status: number, message: string, detail?: Record<string, unknown>) {
    super(message);
    this.status = status;
    this.detail = detail;
  }
}

export interface Finding {
  rule: string;
  severity: string;
  path: string;
  line: number;
  col: number;
  message: string;
  hint?: string;
}

const findingOf = (d: Diagnostic): Finding => ({ rule: d.rule, severity: d.severity, path: d.path, line: d.line, col: d.col, message: d.message, hint: d.hint });

export interface OpenedFile {
  /** Relative to the project root, with forward slashes: assessments/x/assessment.yaml. */
  file: string;
  absolute: string;
  text: string;
  hash: string;
  bom: boolean;
  data: unknown;
}

export class Session {
  readonly root: string;
  readonly assessmentsDir: string;
  /** Texts by the hash of their bytes: the version each tab opened (bounded; the oldest go first). */
  private texts = new Map<string, OpenedFile>();
  today: string;

  constructor(root: string, options: { today?: string } = {}) {
    this.root = realpathSync(root);
    this.today = options.today ?? todayInJapan();
    try {
      this.assessmentsDir = realpathSync(path.join(this.root, 'assessments'));
    } catch {
      throw new EditError(404, 'assessments/ フォルダがありません。評価書のあるフォルダで npx pia edit を実行してください。');
    }
  }

  /**
   * A path the page or the command line named, resolved to a real file inside assessments/ (symlinks followed
   * before the check): anything else is refused.
   */
  resolve(file: unknown): { file: string; absolute: string } {
    if (typeof file !== 'string' || file.length === 0 || file.length > 1024 || file.includes('\0')) throw new EditError(400, 'ファイルのパスが正しくありません。');
    if (!/\.ya?ml$/i.test(file)) throw new EditError(403, 'YAML ファイル(.yaml)だけを開けます。');
    let real: string;
    try {
      real = realpathSync(path.resolve(this.root, file));
    } catch {
      throw new EditError(404, `${file} がありません。`);
    }
    if (!real.startsWith(this.assessmentsDir + path.sep)) throw new EditError(403, 'assessments/ の外のファイルは開けません。');
    if (!statSync(real).isFile()) throw new EditError(403, '通常のファイルではありません。');
    return { file: path.relative(this.root, path.resolve(this.root, file)).split(path.sep).join('/'), absolute: real };
  }

  /** Every assessment file under assessments/ (for the start page). */
  list(): string[] {
    const out: string[] = [];
    const walk = (dir: string, depth: number) => {
      if (depth > 4 || out.length > 2000) return;
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory() && !entry.name.startsWith('.')) walk(full, depth + 1);
        else if (entry.isFile() && entry.name === 'assessment.yaml') out.push(path.relative(this.root, full).split(path.sep).join('/'));
      }
    };
    walk(this.assessmentsDir, 0);
    return out.sort();
  }

  private read(file: unknown): OpenedFile {
    const { file: rel, absolute } = this.resolve(file);
    const read = readProjectFile(absolute);
    if (!read.ok) throw new EditError(400, read.diagnostics[0]?.message ?? '読み込めません。', { findings: read.diagnostics.map(findingOf) });
    const loaded = loadText(rel, read.bytes);
    if (!loaded.ok) throw new EditError(400, `${rel} は YAML として読めません。`, { findings: loaded.diagnostics.map(findingOf) });
    const bytes = read.bytes;
    return { file: rel, absolute, text: loaded.loaded.text, hash: sha256(bytes), bom: bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf, data: loaded.loaded.data };
  }

  private remember(opened: OpenedFile): void {
    this.texts.delete(opened.hash);
    this.texts.set(opened.hash, opened);
    while (this.texts.size > 64) this.texts.delete(this.texts.keys().next().value!);
  }

  private opened(hash: unknown): OpenedFile {
    const found = typeof hash === 'string' ? this.texts.get(hash) : undefined;
    if (!found) throw new EditError(409, '開いた版が見つかりません。ページを読み込み直してください。');
    return found;
  }

  /** The base of the changes panel: the committed version (git HEAD) when git tracks the file, else the file as opened. */
  private base(opened: OpenedFile): { text: string; label: 'HEAD' | 'opened' } {
    try {
      if (isTracked(opened.absolute, this.root)) {
        const rel = path.relative(this.root, opened.absolute);
        const read = readBytesAtRevision('HEAD', rel, maxFileBytes, this.root);
        if (read.ok) {
          const loaded = loadText(`HEAD:${opened.file}`, read.bytes);
          if (loaded.ok) return { text: loaded.loaded.text, label: 'HEAD' };
        }
      }
    } catch {
      // Not committed yet, or git is missing: the file as opened is the base.
    }
    return { text: opened.text, label: 'opened' };
  }

  private bases = new Map<string, { text: string; label: 'HEAD' | 'opened' }>();

  open(file: unknown) {
    const opened = this.read(file);
    this.remember(opened);
    const base = this.base(opened);
    this.bases.set(opened.hash, base);
    const result = validateText(opened.file, opened.text, { today: this.today });
    const form = result.form ?? loadForms().get(String((result.loaded?.data as Record<string, unknown> | undefined)?.['様式'] ?? ''));
    return {
      file: opened.file,
      hash: opened.hash,
      base: base.label,
      data: result.loaded?.data ?? {},
      formName: form?.formName,
      schema: form?.schema,
      changes: form ? changeTable(form.schema) : undefined,
      findings: result.diagnostics.map(findingOf),
    };
  }

  /** The opened text with the page's data spliced in: the text a save would write. */
  textFor(hash: unknown, data: unknown): { opened: OpenedFile; text: string } {
    const opened = this.opened(hash);
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new EditError(400, '評価書の内容が正しくありません。');
    try {
      return { opened, text: applyData(opened.text, data as Record<string, unknown>) };
    } catch (error) {
      if (error instanceof SpliceError) throw new EditError(400, `記載を YAML に書き戻せません(${error.message})。`);
      throw error;
    }
  }

  /** Findings of `pia validate` for the page's data, located in the text a save would write. */
  check(hash: unknown, data: unknown, strict = false): Finding[] {
    const { opened, text } = this.textFor(hash, data);
    return validateText(opened.file, text, { today: this.today, strict }).diagnostics.map(findingOf);
  }

  private compare(opened: OpenedFile, text: string) {
    const base = this.bases.get(opened.hash) ?? this.base(opened);
    const options: CompareOptions = { today: this.today };
    const decisionsFile = findDecisionsFile(opened.absolute);
    if (decisionsFile) {
      const loaded = loadDecisions(decisionsFile);
      if (loaded.ok) options.decisions = loaded.value;
    }
    const renamesFile = findRenamesFile(opened.absolute);
    if (renamesFile) {
      const loaded = loadRenames(renamesFile);
      if (loaded.ok) options.renames = loaded.value;
    }
    const oldFile = base.label === 'HEAD' ? `HEAD:${opened.file}` : opened.file;
    return { base, options, oldFile, result: compareVersions({ file: oldFile, text: base.text }, { file: opened.file, text }, options) };
  }

  /** 「この変更の扱い」: each change against the base, classified 事前/事後/再評価 with its reasons. */
  changes(hash: unknown, data: unknown) {
    const { opened, text } = this.textFor(hash, data);
    const { base, result } = this.compare(opened, text);
    if (!result.ok) return { base: base.label, ok: false as const, findings: result.diagnostics.map(findingOf), changes: [], problems: [] };
    const { comparison } = result;
    return {
      base: base.label,
      ok: true as const,
      changes: comparison.classified.map((c) => ({
        pointer: c.change.pointer,
        side: c.change.side,
        kind: c.change.kind,
        item: c.change.item,
        timing: c.timing ?? null,
        reasons: c.hits.filter((h) => h.timing === c.timing).map((h) => ({ rule: h.rule, message: h.message, basis: h.basis })),
        decision: c.decision ? { reason: c.decision.reason, by: c.decision.by } : null,
      })),
      problems: comparison.problems.map(findingOf),
    };
  }

  /** The 変更箇所 rows `pia diff --write` would add for these changes (rows already recorded are skipped). */
  draftRows(hash: unknown, data: unknown, date?: string): ChangeRow[] {
    const { opened, text } = this.textFor(hash, data);
    const { oldFile, result } = this.compare(opened, text);
    if (!result.ok) throw new EditError(400, '記載に構造の誤りがあるため、変更箇所を下書きできません。指摘を直してください。', { findings: result.diagnostics.map(findingOf) });
    return changeRows({ oldFile, newFile: opened.file, comparison: result.comparison }, date ?? this.today);
  }

  /**
   * Writes the page's data (and the drafted rows, as --write inserts them) into the file, atomically, only if the
   * file on disk is still the version the page opened; else 409 with what is on disk now.
   */
  save(hash: unknown, data: unknown, rows: unknown) {
    const { opened, text: spliced } = this.textFor(hash, data);
    const form = rows === undefined || rows === null ? undefined : loadForms().get(String((data as Record<string, unknown>)['様式']));
    const checkedRows = this.checkRows(form?.schema, rows);
    const text = checkedRows.length > 0 && form ? insertRows(form.schema, spliced, checkedRows) : spliced;
    try {
      replaceFileIfUnchanged(opened.absolute, opened.hash, (opened.bom ? '\uFEFF' : '') + text);
    } catch (error) {
      if (error instanceof PiaError && error.spec === 'FileChangedMeanwhile') return { saved: false as const, ...this.conflict(opened, data) };
      if (error instanceof PiaError) throw new EditError(500, error.message);
      throw error;
    }
    const now = this.read(opened.file);
    this.remember(now);
    // A file git does not track: the saved version is the new base.
    const base = this.bases.get(opened.hash);
    this.bases.set(now.hash, base?.label === 'HEAD' ? base : { text: now.text, label: 'opened' });
    return { saved: true as const, hash: now.hash, data: now.data, rows: checkedRows.length };
  }

  /** The file changed on disk: what is there now, and the page's changes carried over onto it where they do not clash. */
  private conflict(opened: OpenedFile, mine: unknown) {
    let disk: OpenedFile;
    try {
      disk = this.read(opened.file);
    } catch (error) {
      return { conflict: true, disk: null, message: (error as Error).message };
    }
    this.remember(disk);
    this.bases.set(disk.hash, this.bases.get(opened.hash) ?? this.base(disk));
    const theirs = disk.data as Record<string, unknown>;
    const merged = rebase(opened.data, mine, theirs);
    // Both sides, shown side by side: what was saved elsewhere and what this page changed, from the version it opened.
    return { conflict: true, hash: disk.hash, disk: theirs, merged: merged.data, clashes: merged.clashes, theirsChanged: changedValues(opened.data, theirs), mineChanged: changedValues(opened.data, mine) };
  }

  /** Rows from the page: only the 変更箇所 row's own keys, strings, bounded. */
  private checkRows(schema: JsonSchema | undefined, rows: unknown): ChangeRow[] {
    if (rows === undefined || rows === null) return [];
    if (!schema || !changesPointer(schema)) throw new EditError(400, 'この様式には変更箇所がありません。');
    if (!Array.isArray(rows) || rows.length > 200) throw new EditError(400, '変更箇所の行が正しくありません。');
    const keys = changeRowKeys(schema);
    const allowed = new Set(['ID', keys.date, keys.item, keys.before, keys.after, keys.timing, keys.explanation]);
    return rows.map((row) => {
      if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new EditError(400, '変更箇所の行が正しくありません。');
      const out: ChangeRow = {};
      for (const [k, v] of Object.entries(row)) {
        if (!allowed.has(k) || typeof v !== 'string' || v.length > 20000) throw new EditError(400, `変更箇所の行の「${k}」が正しくありません。`);
        out[k] = v;
      }
      if (!/^[a-z0-9][a-z0-9-]*$/.test(out['ID'] ?? '')) throw new EditError(400, '変更箇所の行の ID が正しくありません。');
      return out;
    });
  }
}

/** The 変更箇所 table's keys and printed titles, for the drafted-rows editor. */
function changeTable(root: JsonSchema) {
  const pointer = changesPointer(root);
  if (!pointer) return undefined;
  const keys = changeRowKeys(root);
  const list = resolveRef(root, root.properties?.[pointer.slice(1)] ?? {});
  const row = list.items ? resolveRef(root, list.items) : {};
  const title = (key: string) => (row.properties?.[key] ? resolveRef(root, row.properties[key]!).title : undefined) ?? key;
  const columns = (['date', 'item', 'before', 'after', 'timing', 'explanation'] as const).map((c) => ({ role: c, key: keys[c], title: title(keys[c]) }));
  return { pointer, columns, timingChoices: keys.timingChoices };
}

/** The values that differ between two versions of the data, by pointer (a whole entry or list when its shape changed). */
export function changedValues(a: unknown, b: unknown, limit = 100): { pointer: string; before: unknown; after: unknown }[] {
  const out: { pointer: string; before: unknown; after: unknown }[] = [];
  const obj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const walk = (x: unknown, y: unknown, at: string): void => {
    if (out.length >= limit || deepEqual(x, y)) return;
    if (obj(x) && obj(y)) {
      for (const key of new Set([...Object.keys(x), ...Object.keys(y)])) walk(x[key], y[key], `${at}/${escapeSegment(key)}`);
    } else if (Array.isArray(x) && Array.isArray(y) && x.length === y.length) {
      x.forEach((v, i) => walk(v, y[i], `${at}/${i}`));
    } else {
      out.push({ pointer: at, before: x, after: y });
    }
  };
  walk(a, b, '');
  return out;
}

/**
 * Three-way merge of plain data: every value the page changed (from the version it opened) is carried onto the
 * file on disk, unless the disk changed the same value differently (a clash: the disk's value stays, both shown).
 */
export function rebase(base: unknown, mine: unknown, theirs: unknown, pointer = ''): { data: unknown; clashes: { pointer: string; mine: unknown; theirs: unknown }[] } {
  const clashes: { pointer: string; mine: unknown; theirs: unknown }[] = [];
  const merge = (b: unknown, m: unknown, t: unknown, at: string): unknown => {
    if (deepEqual(b, m)) return t;
    if (deepEqual(b, t) || deepEqual(m, t)) return m;
    const obj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
    if (obj(b) && obj(m) && obj(t)) {
      const out: Record<string, unknown> = {};
      for (const key of new Set([...Object.keys(t), ...Object.keys(m)])) {
        const value = merge(b[key], m[key], t[key], `${at}/${escapeSegment(key)}`);
        if (value !== undefined) out[key] = value;
      }
      return out;
    }
    if (Array.isArray(b) && Array.isArray(m) && Array.isArray(t) && b.length === m.length && b.length === t.length) {
      return t.map((_, i) => merge(b[i], m[i], t[i], `${at}/${i}`));
    }
    clashes.push({ pointer: at, mine: m, theirs: t });
    return t;
  };
  return { data: merge(base, mine, theirs, pointer), clashes };
}
