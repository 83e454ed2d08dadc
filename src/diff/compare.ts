/**
 * Two versions of one assessment → classified changes and the problems CI must see: unclassified changes,
 * 事前 changes with no re-assessment recorded, and reviewer decisions whose change no longer exists.
 */
import type { Diagnostic } from '../report/diagnostic.ts';
import type { LoadedDocument } from '../load/load-file.ts';
import type { FormDefinition } from '../schema/registry.ts';
import { validateText, type ValidationResult } from '../validate/validate.ts';
import { changeRows, publishedOn } from '../model/document.ts';
import { resolvePointer } from '../model/pointer.ts';
import { diffAssessments } from './diff.ts';
import { formatValue } from './text.ts';
import { classifyChanges, type Classified } from '../classify/classify.ts';
import type { ClassifyRule, Rename } from '../classify/rule.ts';
import { normalizeFormal } from '../classify/helpers.ts';
import type { DecisionsFile } from '../classify/records.ts';
import { checkPreChangeProcedure, preChangeProcedure } from './pre-change-procedure.ts';
import { reshapeForForm } from './cross-form.ts';
import { fillTemplate } from '../report/diagnostic.ts';
import { tr } from '../report/i18n.ts';

export interface Version {
  /** Shown in reports: a path, or rev:path for a git revision. */
  file: string;
  text: string;
}

export interface Comparison {
  form: FormDefinition;
  oldLoaded: LoadedDocument;
  newLoaded: LoadedDocument;
  oldData: Record<string, unknown>;
  newData: Record<string, unknown>;
  classified: Classified[];
  /** unclassified-change, pre-change-not-recorded, stale-decision. */
  problems: Diagnostic[];
}

export type CompareResult = { ok: true; comparison: Comparison } | { ok: false; diagnostics: Diagnostic[] };

export interface CompareOptions {
  renames?: readonly Rename[];
  decisions?: DecisionsFile;
  rules?: readonly ClassifyRule[];
  today?: string;
  /** The new version already validated by the caller (pia audit): not validated again. */
  newValidated?: ValidationResult;
}

/** Item labels compared without spaces, width or punctuation differences (rows are typed by hand). */
export function sameItemLabel(a: string, b: string): boolean {
  const x = normalizeFormal(a);
  const y = normalizeFormal(b);
  if (x === '' || y === '') return false;
  return x === y || x.startsWith(y) || y.startsWith(x);
}

export function compareVersions(oldVersion: Version, newVersion: Version, options: CompareOptions = {}): CompareResult {
  const before = validateText(oldVersion.file, oldVersion.text, { today: options.today });
  const after = options.newValidated ?? validateText(newVersion.file, newVersion.text, { today: options.today });
  const failed = [before, after].filter((r) => !r.renderable || !r.data || !r.loaded || !r.form);
  if (failed.length > 0) return { ok: false, diagnostics: failed.flatMap((r) => r.diagnostics.filter((d) => d.severity === 'error')) };
  const form = after.form!;
  // Another form for the same 事務 (重点 → 全項目 after a しきい値 rise): compare what both forms have, by role.
  const crossForm = before.form!.formName !== form.formName ? reshapeForForm(before.form!.schema, before.data!, form.schema) : undefined;
  const oldData = crossForm?.data ?? before.data!;
  const newData = after.data!;
  const oldLoaded = before.loaded!;
  const newLoaded = after.loaded!;
  const changes = diffAssessments(form.schema, oldData, newData);
  const classified = classifyChanges(changes, { root: form.schema, oldData, newData, renames: options.renames ?? [] }, options.rules);
  const problems: Diagnostic[] = [];
  const locate = (c: Classified) => (c.change.side === 'old' ? oldLoaded : newLoaded).locate(c.change.pointer);
  const fileOf = (c: Classified) => (c.change.side === 'old' ? oldVersion.file : newVersion.file);

  if (options.decisions) applyDecisions(classified, options.decisions, form, problems, oldData, newData);

  // New 変更箇所 rows (not in the old version) and whether the 公表日 moved: the record of a re-assessment.
  const oldRowIds = new Set(changeRows(form.schema, oldData).map((r) => r.id));
  const newRows = changeRows(form.schema, newData).filter((r) => !oldRowIds.has(r.id));
  const republished = (publishedOn(form.schema, newData) ?? '') > (publishedOn(form.schema, oldData) ?? '');

  for (const c of classified) {
    const at = { file: fileOf(c), ...locate(c), path: c.change.pointer };
    if (!c.timing) {
      problems.push({ rule: 'unclassified-change', severity: 'error', ...at, message: tr(`「${c.change.item}」の変更に当たる分類規則がありません。事前・事後を判断できません。`, `No classification rule matches the change of 「${c.change.item}」: whether it is 事前 or 事後 cannot be decided.`), hint: tr('分類規則の不足です。src/classify/rules/ に規則を追加するか、decisions.yaml に判断を記録してください。', 'A classification rule is missing. Add one in src/classify/rules/, or record a decision in decisions.yaml.') });
      continue;
    }
    if (c.timing === 'after') continue;
    // A new form is a new assessment: its procedure, not a 変更箇所 row per item, records it (pre-change-procedure).
    if (crossForm) continue;
    const row = newRows.find((r) => r.timing === 'before' && sameItemLabel(r.item ?? '', c.change.item));
    if (row && republished) continue;
    problems.push({
      rule: 'pre-change-not-recorded',
      severity: 'error',
      ...at,
      message: row
        ? tr(`「${c.change.item}」は${c.timing === 'reassess' ? '再評価が必要な' : '重要な'}変更ですが、公表日が更新されていません。変更前に評価をやり直し、提出・公表してください。`, `「${c.change.item}」 is ${c.timing === 'reassess' ? 'a change that needs 再評価' : 'a significant change'}, but the publication date has not been updated. Carry out the assessment again before the change, then submit and publish it.`)
        : tr(`「${c.change.item}」は${c.timing === 'reassess' ? '再評価が必要な' : '重要な'}変更ですが、変更箇所に提出時期「事前」の記載がありません。`, `「${c.change.item}」 is ${c.timing === 'reassess' ? 'a change that needs 再評価' : 'a significant change'}, but the 変更箇所 has no row with the timing 「事前」.`),
      hint: tr('評価をやり直して提出・公表した後、変更箇所に行を加え(npx pia diff … --write)、表紙の公表日を更新してください。変更前の提出が不要と判断したときは decisions.yaml に理由を記録してください。', 'After carrying out the assessment again and submitting and publishing it, add a row to the 変更箇所 (npx pia diff … --write) and update the publication date on the cover. If you judge that no submission before the change is needed, record the reason in decisions.yaml.'),
    });
  }
  // 全項目評価書: a 事前 change needs a new 意見聴取 and 第三者点検 recorded in the new version.
  for (const finding of checkPreChangeProcedure(form.schema, oldData, newData, classified)) {
    const { meta } = preChangeProcedure;
    problems.push({
      rule: meta.id,
      severity: meta.level,
      file: newVersion.file,
      ...newLoaded.locate(finding.path),
      path: finding.path,
      message: fillTemplate(meta.messages[finding.messageId], finding.data),
      hint: fillTemplate(meta.hints[finding.messageId], finding.data),
    });
  }
  if (crossForm) {
    problems.push({
      rule: 'form-changed',
      severity: 'info',
      file: newVersion.file,
      ...newLoaded.locate('/様式'),
      path: '/様式',
      message: tr(`様式が「${before.form!.formName}」から「${form.formName}」に変わりました。両方の様式にある項目を比べ、${form.formName}だけの項目は追加として示します。${crossForm.dropped.length > 0 ? `${form.formName}にない項目(${crossForm.dropped.join('、')})は比べていません。` : ''}`, `The form changed from 「${before.form!.formName}」 to 「${form.formName}」. Items in both forms are compared; items only in the ${form.formName} are shown as added.${crossForm.dropped.length > 0 ? ` Items not in the ${form.formName} (${crossForm.dropped.join(', ')}) are not compared.` : ''}`),
      hint: tr(`${form.formName}は新しい評価です。変更箇所の行ではなく、評価の実施手続(意見聴取・第三者点検など)を記載して提出・公表します。`, `A ${form.formName} is a new assessment: record its procedure (public comment, third-party review, …), not 変更箇所 rows, then submit and publish it.`),
    });
  }
  return { ok: true, comparison: { form, oldLoaded, newLoaded, oldData, newData, classified, problems } };
}

function applyDecisions(classified: Classified[], file: DecisionsFile, form: FormDefinition, problems: Diagnostic[], oldData: unknown, newData: unknown): void {
  for (const decision of file.decisions) {
    if (decision.pointer === undefined) continue; // 変更箇所 decisions are used by pia audit
    // 項目 may name repeated entries by ID; it is resolved in the version the change is located in.
    const at = (data: unknown) => {
      const r = resolvePointer(data, decision.pointer!);
      return r.ok ? r.pointer : decision.pointer;
    };
    const matches = classified.filter((c) => {
      if (c.change.pointer !== at(c.change.side === 'old' ? oldData : newData)) return false;
      if (decision.afterText === undefined) return true;
      const text = formatValue(form.schema, c.change.schema, c.change.after);
      return normalizeFormal(text) === normalizeFormal(decision.afterText ?? '—');
    });
    if (matches.length === 0) {
      problems.push({
        rule: 'stale-decision',
        severity: 'warning',
        file: file.file,
        ...file.loaded.locate(`/判断/${decision.index}`),
        path: `/判断/${decision.index}`,
        message: tr(`判断の記録(${decision.pointer})に当たる変更がありません。`, `No change matches the recorded decision (${decision.pointer}).`),
        hint: tr('変更が取り消されたか、記載がさらに変わりました。記録を削除するか、今の変更について判断し直してください。', 'The change was undone, or the text changed again. Delete the record, or decide again on the current change.'),
      });
      continue;
    }
    for (const c of matches) {
      c.decision = { index: decision.index, timing: decision.timing, reason: decision.reason, by: decision.by, date: decision.date };
      c.timing = decision.timing;
    }
  }
}
