/**
 * `pia diff --write`: the 変更箇所 rows for the classified changes, inserted into the new version's text.
 * The yaml Document API locates the 変更箇所 list and renders the rows; the rows are spliced into the original
 * text, so the officer's comments, quoting and layout stay byte for byte. The file is replaced atomically
 * (temp file + rename) and only if it did not change on disk since it was read.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Document, isMap, isSeq, parseDocument } from 'yaml';
import { fail, FileChangedMeanwhile, OutputNotWritable } from '../report/errors.ts';
import { arrayAt, stringAt } from '../model/access.ts';
import { formatWareki, parseDate } from '../model/wareki.ts';
import { classificationRules } from '../classify/catalogue.ts';
import type { Classified } from '../classify/classify.ts';
import type { FileComparison } from './report.ts';
import { formatValue } from './text.ts';

export interface ChangeRow {
  ID: string;
  変更日: string;
  項目: string;
  変更前の記載: string;
  変更後の記載: string;
  提出時期: '事前' | '事後';
  提出時期に係る説明: string;
}

/** The reason printed in 提出時期に係る説明: a reviewer's decision, else the title of the deciding rule. */
function reasonOf(c: Classified): string {
  if (c.decision) return c.decision.reason;
  // 事前: the legal reason (重要な変更) first; 事後: the most specific reason (formal, rename, typo, lower risk)
  // before the generic non-※ one. The officer may reword it (the reference gives the business reason).
  const rank = (rule: string) => (c.ruleTiming === 'before' ? (rule === 'significant-item-changed' ? 0 : 1) : rule === 'non-significant-item' ? 1 : 0);
  const deciding = c.hits.filter((h) => h.timing === c.ruleTiming).sort((a, b) => rank(a.rule) - rank(b.rule))[0];
  const title = classificationRules.find((r) => r.meta.id === deciding?.rule)?.meta.title ?? '';
  return title.replace(/[((](事前|事後|再評価)[))]$/, '');
}

/** One row per classified change (moves renumber only and get none; rows already present are skipped). */
export function changeRows(fc: FileComparison, dateIso: string): ChangeRow[] {
  const { comparison } = fc;
  const root = comparison.form.schema;
  const existing = new Set(arrayAt(comparison.newData, '変更箇所').map((r) => stringAt(r, 'ID')));
  const rows: ChangeRow[] = [];
  for (const c of comparison.classified) {
    if (c.change.kind === 'moved' || !c.timing) continue;
    const before = formatValue(root, c.change.schema, c.change.before);
    const after = formatValue(root, c.change.schema, c.change.after);
    const id = `${dateIso}-${createHash('sha256').update(`${c.change.pointer}\n${after}`).digest('hex').slice(0, 8)}`;
    if (existing.has(id)) continue;
    rows.push({ ID: id, 変更日: formatWareki(dateIso), 項目: c.change.item, 変更前の記載: before, 変更後の記載: after, 提出時期: c.timing === 'after' ? '事後' : '事前', 提出時期に係る説明: reasonOf(c) });
  }
  return rows;
}

/** The text with the rows added to 変更箇所: newest first when the table is kept newest first (as the reference). */
export function insertRows(text: string, rows: readonly ChangeRow[]): string {
  if (rows.length === 0) return text;
  const doc = parseDocument(text);
  const render = (indent: string) => new Document(rows).toString({ lineWidth: 0 }).trimEnd().split('\n').map((l) => indent + l).join('\n') + '\n';
  const top = doc.contents;
  const pair = isMap(top) ? top.items.find((p) => String((p.key as { value?: unknown })?.value) === '変更箇所') : undefined;
  const seq = pair?.value;
  if (!pair) return `${text}${text.endsWith('\n') ? '' : '\n'}\n変更箇所:\n${render('  ')}`;
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
  if (seq.flow) {
    // A flow list cannot take block rows: fall back to the Document API for this rare layout.
    for (const row of [...rows].reverse()) (seq.items as unknown[]).unshift(doc.createNode(row));
    return doc.toString({ lineWidth: 0 });
  }
  const dates = seq.items.map((item) => {
    const parsed = parseDate(String((item as { get?: (k: string) => unknown }).get?.('変更日') ?? ''));
    return parsed.ok ? parsed.iso : '';
  });
  const newestFirst = dates.length < 2 || dates[0]! >= dates.at(-1)!;
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

/** Replaces the file with `text` unless its content no longer has the hash read at the start. */
export function replaceFileIfUnchanged(file: string, expectedHash: string, text: string): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, text, { flag: 'wx' });
  } catch (error) {
    fail(OutputNotWritable, { path: file, reason: (error as Error).message });
  }
  let current: string;
  try {
    current = sha256(readFileSync(file));
  } catch {
    current = '';
  }
  if (current !== expectedHash) {
    unlinkSync(temp);
    fail(FileChangedMeanwhile, { path: file });
  }
  renameSync(temp, file);
}
