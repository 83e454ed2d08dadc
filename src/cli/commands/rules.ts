/** `pia rules`: the change classification rules, the validation rules and the control-check rules. */
import { parseArgs } from 'node:util';
import { classificationRules } from '../../classify/catalogue.ts';
import { timingLabels } from '../../classify/rule.ts';
import { validationRules } from '../../validate/rules/catalogue.ts';
import { checkRules } from '../../checks/catalogue.ts';
import { officeRules } from '../../office/rules/catalogue.ts';
import { statusLabels } from '../../checks/types.ts';
import { fail, UsageError } from '../../report/errors.ts';
import { loadForms } from '../../schema/registry.ts';
import { ruleApplicability } from '../../schema/applicability.ts';
import { roleVocabulary } from '../../model/roles.ts';
import { tr } from '../../report/i18n.ts';

export const help = `使い方: npx pia rules [--form <様式>] [--format text|json]

変更の分類規則(pia diff・pia audit が使う、事前・事後・再評価の判定)、検証規則(pia validate)、
点検の規則(pia check)の一覧を表示します。
各規則の説明は src/classify/rules/<ID>.md、src/validate/rules/<ID>.md、src/checks/rules/<ID>.md にあります。

--form を指定すると、その様式に当てはまる規則と、当てはまらない規則(様式にない項目の役割と、様式の定義に
記録した理由)を表示します。

オプション:
  --form <様式>    重点項目評価書 など(様式の定義にある様式名)
  --format <形式>  text(既定)、json
  -h, --help       この説明を表示します`;

export const helpEn = `Usage: npx pia rules [--form <form>] [--format text|json]

Lists the change classification rules (the 事前 / 事後 / 再評価 decisions used by pia diff and pia audit), the validation rules (pia validate)
and the check rules (pia check).
Each rule is described in src/classify/rules/<ID>.md, src/validate/rules/<ID>.md or src/checks/rules/<ID>.md.

With --form, it shows the rules that apply to that form, and those that do not (the roles of the items the form lacks, and the reason
recorded in the form definition).

Options:
  --form <form>      重点項目評価書 and the like (a form name in the form definitions)
  --format <format>  text (default), json
  -h, --help         Show this help`;

function table(headers: string[], rows: string[][]): string {
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u0000-\u00ff]/.test(ch) ? 1 : 2), 0);
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(widths[i]! - width(c)))).join('  ');
  return [line(headers), ...rows.map(line)].join('\n');
}

export async function rules(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { format: { type: 'string', default: 'text' }, form: { type: 'string' } } });
  if (values.format !== 'text' && values.format !== 'json') fail(UsageError, { detail: '--format には text か json を指定してください。', command: 'rules' });
  if (values.form !== undefined) return formRules(values.form, values.format);
  if (values.format === 'json') {
    process.stdout.write(JSON.stringify({
      classification: classificationRules.map((r) => ({ id: r.meta.id, timing: r.meta.timing, items: r.meta.items, title: r.meta.title, basis: r.meta.basis, relaxes: r.meta.relaxes ?? [] })),
      validation: validationRules.map((r) => ({ id: r.meta.id, level: r.meta.level, title: r.meta.title, basis: r.meta.basis ?? null })),
      check: checkRules.map((r) => ({ id: r.id, yields: r.yields, title: r.title })),
      office: officeRules.map((r) => ({ id: r.meta.id, level: r.meta.level, title: r.meta.title, basis: r.meta.basis ?? null })),
    }, null, 2) + '\n');
    return 0;
  }
  const out: string[] = [];
  out.push(tr(`変更の分類規則(${classificationRules.length} 件。複数の規則が当たるときは最も厳しい区分: 再評価 > 事前 > 事後。緩和は明示したものだけ)`, `Change classification rules (${classificationRules.length}; when several match, the strictest timing wins: 再評価 > 事前 > 事後; a rule relaxes another only where it says so)`), '');
  out.push(table(['ID', tr('区分', 'Timing'), tr('緩和する規則', 'Relaxes'), tr('項目', 'Items'), tr('内容', 'Rule')], classificationRules.map((r) => [r.meta.id, timingLabels[r.meta.timing], (r.meta.relaxes ?? []).join(',') || '-', r.meta.items.map((i) => roleVocabulary()[i]?.title ?? i).join(tr('・', ', ')), r.meta.title])));
  out.push('', tr('どの規則にも当たらない変更は unclassified-change(誤り)として報告します。', 'A change that no rule matches is reported as unclassified-change (an error).'));
  out.push(tr('変更前の状態が不明(不明)のチェック欄は、チェックあり・なしのそれぞれで分類し、同じならその区分、違えば厳しい方とします(unknown-state)。', 'A check box whose state before the change is unknown (不明) is classified both as checked and as unchecked: the same timing if they agree, else the stricter (unknown-state).'));
  out.push(tr('同じ事実を2か所で述べる項目(様式の定義の x-links)の一方が変わると、もう一方の※の項目の変更としても分類します(linked-item-changed)。', 'When one of two items stating the same fact (x-links in the form definition) changes, it is also classified as a change of the other, ※ item (linked-item-changed).'));
  out.push(tr('別添の記録項目を加え、その項目が主な記録項目(※)のチェックのない欄の種類を名指すとき(x-links の covers、欄の x-record-terms)も、その欄にチェックが付く変更として分類します(linked-item-changed)。', 'Adding a record item to the annex whose name names the kind of an unchecked box of 主な記録項目 (※) (x-links of kind covers, x-record-terms of the box) is also classified as checking that box (linked-item-changed).'), '');
  out.push(tr(`検証規則(${validationRules.length} 件、pia validate)`, `Validation rules (${validationRules.length}, pia validate)`), '');
  out.push(table(['ID', tr('水準', 'Level'), tr('内容', 'Rule')], validationRules.map((r) => [r.meta.id, r.meta.level, r.meta.title])));
  out.push('', tr(`事務の評価書の間の規則(${officeRules.length} 件、pia validate・pia build。同じ事務のフォルダの基礎項目評価書と重点・全項目評価書、市全体の評価書番号)`, `Rules across the assessments of a 事務 (${officeRules.length}, pia validate and pia build: the 基礎項目評価書 and the 重点項目評価書 or 全項目評価書 in one 事務 folder, and assessment numbers across the city)`), '');
  out.push(table(['ID', tr('水準', 'Level'), tr('内容', 'Rule')], officeRules.map((r) => [r.meta.id, r.meta.level, r.meta.title])));
  out.push('', tr(`点検の規則(${checkRules.length} 件、pia check)`, `Check rules (${checkRules.length}, pia check)`), '');
  out.push(table(['ID', tr('結果の種類', 'Results'), tr('内容', 'Rule')], checkRules.map((r) => [r.id, r.yields.map((y) => (y === 'note' ? tr('注記', 'note') : statusLabels[y])).join(tr('・', ', ')), r.title])));
  process.stdout.write(out.join('\n') + '\n');
  return 0;
}

const catalogueLabels = { get validation() { return tr('検証', 'validation'); }, get classification() { return tr('分類', 'classification'); }, get check() { return tr('点検', 'check'); } };

function formRules(formName: string, format: string): number {
  const forms = loadForms();
  const form = forms.get(formName);
  if (!form) fail(UsageError, { detail: `様式「${formName}」はありません。扱える様式: ${[...forms.keys()].join('、')}`, command: 'rules' });
  const rows = ruleApplicability(form);
  if (format === 'json') {
    process.stdout.write(JSON.stringify({ form: formName, rules: rows }, null, 2) + '\n');
    return 0;
  }
  const applies = rows.filter((r) => r.applies);
  const not = rows.filter((r) => !r.applies);
  const out = [tr(`${formName} に当てはまる規則(${applies.length} 件)`, `Rules that apply to the ${formName} (${applies.length})`), ''];
  out.push(table([tr('種類', 'Kind'), 'ID', tr('内容', 'Rule')], applies.map((r) => [catalogueLabels[r.catalogue], r.id, r.title])));
  out.push('', tr(`${formName} に当てはまらない規則(${not.length} 件)`, `Rules that do not apply to the ${formName} (${not.length})`), '');
  out.push(not.length === 0 ? tr('(なし)', '(none)') : table([tr('種類', 'Kind'), 'ID', tr('この様式にない役割', 'Roles missing from this form'), tr('理由', 'Reason')], not.map((r) => [catalogueLabels[r.catalogue], r.id, r.missing.join(', '), r.reason ?? tr('(理由の記録なし)', '(no reason recorded)')])));
  process.stdout.write(out.join('\n') + '\n');
  return 0;
}
