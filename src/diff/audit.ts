/**
 * `pia audit` core: the existing 変更箇所 rows against the class of the item they name, the changes made
 * since the last publication that have no row, and the time triggers (yearly review, 5-year re-assessment).
 */
import type { Diagnostic } from '../report/diagnostic.ts';
import type { JsonSchema } from '../schema/registry.ts';
import { isSignificant, schemaAt } from '../schema/walk.ts';
import { loadTextCached, type LoadedDocument } from '../load/load-file.ts';
import { formatWareki } from '../model/wareki.ts';
import { validateText, type ValidationResult } from '../validate/validate.ts';
import { classifyChange } from '../classify/classify.ts';
import type { Rename } from '../classify/rule.ts';
import type { DecisionsFile } from '../classify/records.ts';
import { addMonths, timeRules, timeStart } from '../classify/time-rules.ts';
import { changeRowKeys, changeRows, publishedOn } from '../model/document.ts';
import type { Commit } from '../git/git.ts';
import { compareVersions, sameItemLabel } from './compare.ts';
import { itemCandidates, matchItem } from '../schema/items.ts';
import { diffAssessments } from './diff.ts';
import type { Change } from './change.ts';
import { tr } from '../report/i18n.ts';

export interface History {
  commits: readonly Commit[];
  /** Text at each commit (undefined where the file did not exist). */
  texts: readonly (string | undefined)[];
}

export interface AuditInput {
  file: string;
  text: string;
  history?: History;
  decisions?: DecisionsFile;
  renames?: readonly Rename[];
  today: string;
}

export type AuditResult = { ok: true; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

export function auditAssessment(input: AuditInput): AuditResult {
  const result = validateText(input.file, input.text, { today: input.today, cache: true });
  if (!result.renderable || !result.data || !result.loaded || !result.form) return { ok: false, diagnostics: result.diagnostics.filter((d) => d.severity === 'error') };
  const root = result.form.schema;
  const data = result.data;
  const loaded = result.loaded;
  const out: Diagnostic[] = [];
  out.push(...auditRows(root, data, loaded, input));
  if (input.history) out.push(...auditHistory(root, input, data, loaded, result));
  out.push(...timeTriggers(root, data, loaded, input.today));
  return { ok: true, diagnostics: out };
}

function auditRows(root: JsonSchema, data: Record<string, unknown>, loaded: LoadedDocument, input: AuditInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  const candidates = itemCandidates(root);
  const rowDecisions = input.decisions?.decisions.filter((d) => d.rowId !== undefined) ?? [];
  const usedDecisions = new Set<number>();
  const keys = changeRowKeys(root);
  changeRows(root, data).forEach((row) => {
    const label = row.item ?? '';
    const timing = row.timing;
    const reason = row.explanation ?? '';
    const at = (field: 'item' | 'timing') => ({ file: input.file, ...loaded.locate(`${row.pointer}/${keys[field]}`), path: `${row.pointer}/${keys[field]}` });
    const match = matchItem(candidates, label);
    if (!match) {
      out.push({ rule: 'change-row-item-unknown', severity: 'warning', ...at('item'), message: tr(`変更箇所の項目「${label}」を様式の項目と対応付けられません。`, `The 変更箇所 item 「${label}」 cannot be matched to an item of the form.`), hint: tr('項目は様式の表記(例: Ⅱ 特定個人情報ファイルの概要 3. 特定個人情報の入手・使用 ①入手元)で書いてください。', 'Write the item as the form does (for example 「Ⅱ 特定個人情報ファイルの概要 3. 特定個人情報の入手・使用 ①入手元」).') });
      return;
    }
    if (timing === undefined) {
      out.push({ rule: 'change-row-timing', severity: 'error', ...at('timing'), message: tr(`変更箇所「${label}」の提出時期がありません。`, `The 変更箇所 row 「${label}」 has no submission timing.`), hint: tr('事前か事後を記載してください。', 'Write 事前 or 事後.') });
      return;
    }
    if (timing === 'before' || !isSignificant(root, match.pointer)) return;
    // A ※ item filed 事後: fine only when the change itself is formal or lowers risk.
    const schema = schemaAt(root, match.pointer) ?? {};
    const change: Change = { kind: 'changed', pointer: match.pointer, side: 'new', before: choiceIn(schema, row.before), after: choiceIn(schema, row.after), schema, item: match.label, significant: true };
    const verdict = classifyChange(change, { root, oldData: data, newData: data, renames: input.renames ?? [] });
    if (verdict.timing === 'after') return;
    const decision = rowDecisions.find((d) => d.rowId === row.id);
    if (decision) {
      usedDecisions.add(decision.index);
      out.push({ rule: 'change-row-timing', severity: 'info', ...at('timing'), message: tr(`※の項目「${match.label}」の変更が事後で提出されています(確認済み: ${decision.reason}。${decision.by})。`, `The change of ※ item 「${match.label}」 is submitted as 事後 (confirmed: ${decision.reason}, ${decision.by}).`) });
      return;
    }
    out.push({
      rule: 'change-row-timing',
      severity: 'warning',
      ...at('timing'),
      message: tr(`※の項目「${match.label}」の変更が事後で提出されています。説明「${reason}」が、重要な変更に当たらない理由(誤記の訂正、名称変更、リスクを明らかに下げる変更など)になっているか確認してください。`, `The change of ※ item 「${match.label}」 is submitted as 事後. Check that the explanation 「${reason}」 gives a reason why it is not a significant change (a typo fix, a renaming, a change that clearly lowers the risk, …).`),
      hint: tr(`確認した結果を decisions.yaml に「変更箇所: ${row.id ?? '<行のID>'}」で記録すると、この指摘は確認済みになります。`, `Record what you found in decisions.yaml as 「変更箇所: ${row.id ?? '<row ID>'}」 and this finding becomes confirmed.`),
    });
  });
  rowDecisions.forEach((d) => {
    if (usedDecisions.has(d.index) || !input.decisions) return;
    out.push({ rule: 'stale-decision', severity: 'warning', file: input.decisions.file, ...input.decisions.loaded.locate(`/判断/${d.index}`), path: `/判断/${d.index}`, message: tr(`判断の記録(変更箇所 ${d.rowId})に当たる指摘がありません。`, `No finding matches the recorded decision (変更箇所 ${d.rowId}).`), hint: tr('行が削除されたか、指摘が解消しました。記録を削除してください。', 'The row was deleted or the finding was resolved. Delete the record.') });
  });
  return out;
}

/** For a choice item, the choice a row's text starts with (「十分に行っている 越谷市…」 → 十分に行っている); else the text. */
function choiceIn(schema: JsonSchema, text: string | undefined): string | undefined {
  if (!Array.isArray(schema.enum) || text === undefined) return text;
  const choices = schema.enum.filter((v): v is string => typeof v === 'string').sort((a, b) => b.length - a.length);
  return choices.find((c) => text === c || text.startsWith(`${c} `) || text.startsWith(`${c}\n`)) ?? text;
}


/** Changes since the version that carried the current 公表日 first; each needs a 変更箇所 row added since. */
function auditHistory(root: JsonSchema, input: AuditInput, data: Record<string, unknown>, loaded: LoadedDocument, validated: ValidationResult): Diagnostic[] {
  const { commits, texts } = input.history!;
  const parsed = texts.map((t) => {
    if (t === undefined) return undefined;
    const r = loadTextCached(input.file, t);
    return r.ok ? (r.loaded.data as Record<string, unknown>) : undefined;
  });
  // The oldest commit of the final run of committed versions that carry the latest committed 公表日: the last
  // publication. When the work tree carries a newer 公表日 (a republication being prepared), its rows must
  // cover everything changed since that publication too.
  let last = parsed.length - 1;
  while (last >= 0 && parsed[last] === undefined) last--;
  if (last < 0) return [];
  const lastPublished = publishedOn(root, parsed[last]);
  let base = last;
  while (base > 0 && parsed[base - 1] !== undefined && publishedOn(root, parsed[base - 1]) === lastPublished) base--;
  const comparison = compareVersions({ file: `${commits[base]!.sha.slice(0, 7)}:${input.file}`, text: texts[base]! }, { file: input.file, text: input.text }, { renames: input.renames, decisions: input.decisions, today: input.today, newValidated: validated });
  if (!comparison.ok) return [];
  const { classified, form } = comparison.comparison;
  const baseRows = new Set(changeRows(form.schema, parsed[base]).map((r) => r.id));
  const newRows = changeRows(form.schema, data).filter((r) => !baseRows.has(r.id));
  // Attribute each change to the last commit that touched its item.
  const touched = new Map<string, Commit>();
  for (let i = base + 1; i < parsed.length; i++) {
    if (!parsed[i] || !parsed[i - 1]) continue;
    for (const change of diffAssessments(form.schema, parsed[i - 1], parsed[i])) touched.set(change.pointer, commits[i]!);
  }
  const out: Diagnostic[] = [];
  for (const c of classified) {
    if (c.change.kind === 'moved' || !c.timing) continue;
    if (newRows.some((r) => sameItemLabel(r.item ?? '', c.change.item))) continue;
    const commit = touched.get(c.change.pointer);
    const where = c.change.side === 'new' ? { file: input.file, ...loaded.locate(c.change.pointer) } : { file: `${commits[base]!.sha.slice(0, 7)}:${input.file}`, line: 1, col: 1 };
    out.push({
      rule: 'unrecorded-change',
      severity: c.timing === 'after' ? 'warning' : 'error',
      ...where,
      path: c.change.pointer,
      message: tr(`「${c.change.item}」は公表日(${lastPublished ? formatWareki(lastPublished) : '不明'})の後に変更されました${commit ? `(${commit.sha.slice(0, 7)} ${commit.date}「${commit.subject}」)` : '(未コミット)'}が、変更箇所に記載がありません(分類: ${c.timing === 'after' ? '事後' : c.timing === 'before' ? '事前' : '再評価'})。`, `「${c.change.item}」 changed after the publication date (${lastPublished ? formatWareki(lastPublished) : 'unknown'})${commit ? ` (${commit.sha.slice(0, 7)} ${commit.date} 「${commit.subject}」)` : ' (not committed)'}, but the 変更箇所 has no row for it (classified: ${c.timing === 'after' ? '事後' : c.timing === 'before' ? '事前' : '再評価'}).`),
      hint: tr(`npx pia diff ${commits[base]!.sha.slice(0, 7)}:${input.file} ${input.file} --write で変更箇所の行を書き加えられます。`, `npx pia diff ${commits[base]!.sha.slice(0, 7)}:${input.file} ${input.file} --write adds the 変更箇所 row.`),
    });
  }
  return out;
}

function timeTriggers(root: JsonSchema, data: Record<string, unknown>, loaded: LoadedDocument, today: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of timeRules) {
    const start = timeStart(rule, root, data);
    if (!start) continue;
    const { iso: from, pointer } = start;
    const due = addMonths(from, rule.months);
    const dataText = { from: formatWareki(from), due: formatWareki(due) };
    const fill = (t: string) => t.replace('{from}', dataText.from).replace('{due}', dataText.due);
    if (today >= due) out.push({ rule: rule.id, severity: 'warning', file: loaded.file, ...loaded.locate(pointer), path: pointer, message: fill(rule.messages.due), hint: `${tr('根拠', 'basis')}: ${rule.basis}` });
    else if (today >= addMonths(due, -rule.noticeMonths)) out.push({ rule: rule.id, severity: 'info', file: loaded.file, ...loaded.locate(pointer), path: pointer, message: fill(rule.messages.soon), hint: `${tr('根拠', 'basis')}: ${rule.basis}` });
  }
  return out;
}
