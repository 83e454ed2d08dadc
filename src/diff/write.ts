/**
 * `pia diff --write`: the 変更箇所 rows for the classified changes, inserted into the new version's text.
 * The yaml Document API locates the 変更箇所 list and renders the rows; the rows are spliced into the original
 * text, so the officer's comments, quoting and layout stay byte for byte (a flow-style list `[ … ]` too). The file
 * is replaced atomically (temp file beside the real file, then rename) and only if it did not change on disk
 * since it was read: a symlink is followed and its target written, the file keeps its mode and owner, and the
 * temp file is removed on every failure (a full disk included).
 */
import { createHash } from 'node:crypto';
import { chownSync, closeSync, fchmodSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { Document, isMap, isSeq, parseDocument, stringify } from 'yaml';
import { fail, FileChangedMeanwhile, OutputNotWritable, PiaError } from '../report/errors.ts';
import { formatWareki, parseDate } from '../model/wareki.ts';
import { changeRowKeys, changeRows as existingRows, changesPointer } from '../model/document.ts';
import type { JsonSchema } from '../schema/registry.ts';
import { draftRows } from './rows.ts';
import type { FileComparison } from './report.ts';
import { sameItemLabel } from './compare.ts';
import { normalizeFormal } from '../classify/helpers.ts';

/** A 変更箇所 row as written into the YAML: ID plus the form's own column keys (変更日, 項目 …, read by role). */
export type ChangeRow = Record<string, string>;

/** The part of a written row's ID that names the change (the date before it is the day it was written). */
export function changeKey(pointer: string, afterText: string): string {
  return createHash('sha256').update(`${pointer}\n${afterText}`).digest('hex').slice(0, 8);
}

/**
 * Whether 変更箇所 already has a row for this change, whatever day it was written: a row pia wrote (its ID ends
 * with the change's key), or a row typed by hand for the same item with the same 変更前・変更後 text.
 */
function alreadyRecorded(rows: readonly ExistingRow[], key: string, item: string, before: string, after: string): boolean {
  return rows.some((r) => {
    if ((r.id ?? '').endsWith(`-${key}`)) return true;
    const same = (a: string | undefined, b: string) => a !== undefined && normalizeFormal(a) === normalizeFormal(b);
    return sameItemLabel(r.item ?? '', item) && same(r.before, before) && same(r.after, after);
  });
}

type ExistingRow = ReturnType<typeof existingRows>[number];

/** One row per logical change (drafted by rows.ts), in the form's column keys; rows already present are skipped. */
export function changeRows(fc: FileComparison, dateIso: string): ChangeRow[] {
  const { comparison } = fc;
  const root = comparison.form.schema;
  const existing = existingRows(root, comparison.newData);
  const keys = changeRowKeys(root);
  const rows: ChangeRow[] = [];
  for (const draft of draftRows(comparison, dateIso)) {
    const key = changeKey(draft.pointer, draft.after);
    const id = `${dateIso}-${key}`;
    if (alreadyRecorded(existing, key, draft.item, draft.before, draft.after) || rows.some((r) => r['ID'] === id)) continue;
    rows.push({ ID: id, [keys.date]: draft.date, [keys.item]: draft.item, [keys.before]: draft.before, [keys.after]: draft.after, [keys.timing]: keys.timingChoices[draft.timing], [keys.explanation]: draft.explanation });
  }
  return rows;
}

/** The text with the rows added to 変更箇所: newest first when the table is kept newest first (as the reference). */
export function insertRows(root: JsonSchema, text: string, rows: readonly ChangeRow[]): string {
  if (rows.length === 0) return text;
  const listKey = changesPointer(root)!.slice(1);
  const dateKey = changeRowKeys(root).date;
  const doc = parseDocument(text);
  const render = (indent: string) => new Document(rows).toString({ lineWidth: 0 }).trimEnd().split('\n').map((l) => indent + l).join('\n') + '\n';
  const top = doc.contents;
  const pair = isMap(top) ? top.items.find((p) => String((p.key as { value?: unknown })?.value) === listKey) : undefined;
  const seq = pair?.value;
  if (!pair) return `${text}${text.endsWith('\n') ? '' : '\n'}\n${listKey}:\n${render('  ')}`;
  if (!isSeq(seq) || seq.items.length === 0) {
    // 変更箇所: [] or an empty value: the value becomes a block list.
    const valueRange = (seq as { range?: [number, number, number] } | null)?.range;
    const colon = text.indexOf(':', (pair.key as { range: [number, number, number] }).range[1]);
    const from = valueRange && valueRange[1] > valueRange[0] ? valueRange[0] : colon + 1;
    const to = valueRange && valueRange[1] > valueRange[0] ? valueRange[1] : colon + 1;
    const tail = /^[ \t]*(#[^\n]*)?\n?/.exec(text.slice(to))!;
    const comment = tail[1] ? ` ${tail[1]}` : '';
    return `${text.slice(0, from).trimEnd()}${comment}\n${render('  ')}${text.slice(to + tail[0].length)}`;
  }
  const dates = seq.items.map((item) => {
    const parsed = parseDate(String((item as { get?: (k: string) => unknown }).get?.(dateKey) ?? ''));
    return parsed.ok ? parsed.iso : '';
  });
  const newestFirst = dates.length < 2 || dates[0]! >= dates.at(-1)!;
  if (seq.flow) {
    // A flow list [ {…}, {…} ] takes flow rows, spliced in after "[" or before "]": the other bytes stay.
    const flowRows = rows.map((r) => stringify(r, { collectionStyle: 'flow', lineWidth: 0 }).trimEnd());
    const [start, end] = (seq as { range: [number, number, number] }).range;
    if (newestFirst) return `${text.slice(0, start + 1)}${flowRows.join(', ')}, ${text.slice(start + 1)}`;
    const close = text.lastIndexOf(']', end);
    const before = text.slice(0, close).trimEnd();
    const comma = before.endsWith(',') ? ' ' : ', ';
    return `${before}${comma}${flowRows.join(', ')}${text.slice(before.length, close).replace(/^[ \t]*/, '')}${text.slice(close)}`;
  }
  const first = seq.items[0] as { range: [number, number, number] };
  const lineStart = text.lastIndexOf('\n', first.range[0]) + 1;
  const dash = text.indexOf('-', lineStart);
  const indent = text.slice(lineStart, dash);
  if (newestFirst) return text.slice(0, lineStart) + render(indent) + text.slice(lineStart);
  const last = seq.items.at(-1) as { range: [number, number, number] };
  const afterLast = text.indexOf('\n', last.range[1] - 1);
  const at = afterLast < 0 ? text.length : afterLast + 1;
  return text.slice(0, at) + (at === text.length && !text.endsWith('\n') ? '\n' : '') + render(indent) + text.slice(at);
}

export function sha256(bytes: string | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Replaces the file with `text` unless its content no longer has the hash read at the start. A symlink is followed:
 * the file it points to is replaced, the link stays. The new file gets the old one's mode (0444, 0600 …) and, where
 * the process may, its owner. Whatever fails, the temp file is removed and the file is left as it was.
 */
export function replaceFileIfUnchanged(file: string, expectedHash: string, text: string | Uint8Array): void {
  let target: string;
  let mode: number;
  let owner: { uid: number; gid: number };
  try {
    target = realpathSync(file);
    const stat = statSync(target);
    mode = stat.mode & 0o7777;
    owner = { uid: stat.uid, gid: stat.gid };
  } catch (error) {
    fail(OutputNotWritable, { path: file, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
  }
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  let created = false;
  try {
    const fd = openSync(temp, 'wx', 0o600);
    created = true;
    try {
      const bytes = typeof text === 'string' ? Buffer.from(text) : text;
      for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset, bytes.length - offset);
      fsyncSync(fd);
      fchmodSync(fd, mode);
    } finally {
      closeSync(fd);
    }
    try {
      chownSync(temp, owner.uid, owner.gid);
    } catch {
      // Only the owner's own files can be given away; the file stays the process user's (as any editor does).
    }
    let current: string;
    try {
      current = sha256(readFileSync(target));
    } catch {
      current = '';
    }
    if (current !== expectedHash) fail(FileChangedMeanwhile, { path: file });
    renameSync(temp, target);
    created = false;
  } catch (error) {
    if (error instanceof PiaError) throw error;
    fail(OutputNotWritable, { path: file, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
  } finally {
    if (created) rmSync(temp, { force: true });
  }
}
