/** `pia new <folder> --form <様式> [--from <評価書>]`: a complete draft assessment, generated from the form schema. */
import { parseArgs } from 'node:util';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { loadForms, type FormDefinition } from '../../schema/registry.ts';
import { fail, SchemaMissing, UsageError } from '../../report/errors.ts';
import { t } from '../../report/i18n.ts';
import { validateFile } from '../../validate/validate.ts';
import { editorSchemaFile } from '../../editor/editor-schema.ts';
import { draft } from '../../new/draft.ts';
import { copyableData, type ClearedItem } from '../../new/copy.ts';
import { assessmentsDir, checkTarget, parseFolder, writeNew } from '../../new/target.ts';
import { SourceNotUsable } from '../../new/errors.ts';

export const help = `使い方: npx pia new <フォルダ名> --form <様式> [オプション]

様式のすべての項目をそろえた評価書の下書き assessments/<フォルダ名>/assessment.yaml を作ります。
項目は様式の順に並び、原本の様式が空欄で印刷するとおり空欄(null)、チェック欄は false(チェックなし)です。
各項目の行末のコメントに番号・項目名・※(重要な変更の対象)・選択肢があります。
繰り返す記載(特定個人情報ファイル、委託事項など)は1件ずつ、仮の ID を付けて入れてあります。

フォルダ名: 半角英小文字・数字・ハイフン(公開サイトの URL と PDF の名前になります)。
  同じ事務の2つ目の評価書は、事務のフォルダの中に作ります:
    npx pia new koshigaya-49-jido-teate --form 基礎項目評価書
    npx pia new koshigaya-49-jido-teate/koshigaya-49-jido-teate-juten --form 重点項目評価書

オプション:
  --form <様式>      基礎項目評価書(様式2)、重点項目評価書(様式3)、全項目評価書(様式4)。
                     様式名、様式番号(様式3)、定義の名前(focused)のどれでも指定できます
  --from <評価書>    他の事務の評価書(assessments/ の中の同じ様式の評価書)を写して始めます。
                     写さないもの: 評価書番号・評価書名・事務の名称・事務の概要、すべての日付、いつ時点の計数か、
                     意見の聴取・第三者点検・委員会の審査の結果、変更箇所の行、検証の例外。写さなかった項目を表示します
  --format <形式>    text(既定)、json
  -h, --help         この説明を表示します

既にある評価書は上書きしません。書き込みは一度に行い、途中で失敗しても何も残しません。
終了コード: 0 作成した / 2 指定や入力の誤り(何も作成していません)`;

export const helpEn = `Usage: npx pia new <folder name> --form <form> [options]

Creates a draft assessment, assessments/<folder name>/assessment.yaml, with every item of the form.
The items are in the order of the form, blank (null) where the original form is printed blank, and checkboxes are false (unchecked).
A comment at the end of each item's line gives its number, item name, ※ (subject to 重要な変更, a significant change) and choices.
Repeated entries (特定個人情報ファイル, 委託事項 and the like) have one entry each, with a provisional ID.

Folder name: lowercase ASCII letters, digits and hyphens (it becomes the URL on the public site and the name of the PDF).
  The second assessment of the same 事務 is created inside the 事務's folder:
    npx pia new koshigaya-49-jido-teate --form 基礎項目評価書
    npx pia new koshigaya-49-jido-teate/koshigaya-49-jido-teate-juten --form 重点項目評価書

Options:
  --form <form>        基礎項目評価書 (様式2), 重点項目評価書 (様式3), 全項目評価書 (様式4).
                       The form name, the form number (様式3) or the definition's name (focused) can be given
  --from <assessment>  Start from a copy of another 事務's assessment (one of the same form under assessments/).
                       Not copied: 評価書番号, 評価書名, 事務の名称, 事務の概要, every date, the as-of date of the counts,
                       the results of 意見の聴取 (hearing of opinions), 第三者点検 (third-party inspection) and the Commission's review,
                       the rows of 変更箇所, and validation exceptions. The items not copied are listed
  --format <format>    text (default), json
  -h, --help           Show this help

An existing assessment is not overwritten. Everything is written at once; if it fails midway, nothing is left behind.
Exit codes: 0 created / 2 usage or input error (nothing created)`;

/** The form named by --form: its name (重点項目評価書), its code (様式3) or its definition's name (focused). */
export function findForm(name: string): FormDefinition {
  const forms = [...loadForms().values()];
  const wanted = name.normalize('NFKC');
  const found = forms.find((f) => f.formName === name || f.schema['x-form']?.code?.normalize('NFKC') === wanted || path.basename(f.file).split('.')[0] === name);
  if (!found) fail(SchemaMissing, { form: name, known: knownForms() });
  return found;
}

const knownForms = () => [...loadForms().values()].map((f) => `${f.formName}(${f.schema['x-form']?.code ?? ''})`).join('、');

function inside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** The --from assessment: inside assessments/, loadable and fitting its form (its findings do not matter). */
function readSource(from: string): { form: FormDefinition; data: Record<string, unknown>; file: string } {
  let real: string;
  try {
    real = realpathSync(from);
  } catch {
    fail(SourceNotUsable, { path: from, detail: t('new.sourceOutside') });
  }
  let root: string;
  try {
    root = realpathSync(assessmentsDir);
  } catch {
    fail(SourceNotUsable, { path: from, detail: t('new.sourceOutside') });
  }
  if (!inside(root, real)) fail(SourceNotUsable, { path: from, detail: t('new.sourceOutside') });
  const file = /\.ya?ml$/.test(real) ? real : path.join(real, 'assessment.yaml');
  const result = validateFile(file, { schemaOnly: true });
  if (!result.renderable || !result.data || !result.form) {
    const first = result.diagnostics.find((d) => d.severity === 'error') ?? result.diagnostics[0];
    fail(SourceNotUsable, { path: from, detail: t('new.sourceBroken', { detail: first ? `${first.line}:${first.col} ${first.message}` : '' }) });
  }
  return { form: result.form, data: result.data, file: path.relative(process.cwd(), file) };
}

export async function newAssessment(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      form: { type: 'string' },
      from: { type: 'string' },
      format: { type: 'string', default: 'text' },
    },
  });
  if (values.format !== 'text' && values.format !== 'json') fail(UsageError, { detail: t('new.badFormat'), command: 'new' });
  if (positionals.length !== 1) fail(UsageError, { detail: t('new.needFolder'), command: 'new' });
  const target = parseFolder(positionals[0]!);
  if (values.form === undefined && values.from === undefined) fail(UsageError, { detail: t('new.needForm', { forms: knownForms() }), command: 'new' });
  let form = values.form !== undefined ? findForm(values.form) : undefined;
  checkTarget(target);

  let data: Record<string, unknown> | undefined;
  let cleared: ClearedItem[] = [];
  let source: string | undefined;
  if (values.from !== undefined) {
    const read = readSource(values.from);
    if (form && form.formName !== read.form.formName) fail(UsageError, { detail: t('new.formMismatch', { form: values.form!, source: read.form.formName }), command: 'new' });
    form = read.form;
    ({ data, cleared } = copyableData(form.schema, read.data));
    source = read.file;
  }
  form = form!;
  const editorSchema = path.relative(path.resolve(target.dir), editorSchemaFile(form.file)).split(path.sep).join('/');
  const code = form.schema['x-form']?.code ?? '';
  const header = (withIds: boolean) => [
    `${form.formName}(${code})の下書きです(npx pia new で作成)。null は空欄です。`,
    'チェック欄は false(チェックなし)で作ってあります。当てはまるものを true にしてください。',
    ...(withIds ? ['繰り返す記載の ID は仮のものです。最初に公表するまでは、内容が分かる名前(半角英小文字・数字・ハイフン)に変えられます。'] : []),
    ...(source ? [`${source} を元に作成しました。日付・変更箇所・元の事務を表す記載などは写していません。`] : []),
  ];
  const { entries } = draft(form.schema, { data });
  const { text, items } = draft(form.schema, { editorSchema, header: header(entries > 0 && !source), data });
  writeNew(target, text);

  if (values.format === 'json') {
    process.stdout.write(JSON.stringify({ file: target.file, form: form.formName, code, items, from: source ?? null, cleared }, null, 2) + '\n');
    return 0;
  }
  const lines = [t('new.created', { file: target.file, form: form.formName, code, items })];
  if (source) {
    lines.push(t('new.from', { source }));
    if (cleared.length === 0) lines.push(t('new.clearedNone'));
    else {
      lines.push(t('new.clearedHead', { n: cleared.length }));
      for (const c of cleared) lines.push(`  - ${c.item}(${t(`new.reason.${c.reason}`, { count: c.count ?? 0 })})`);
    }
  }
  lines.push(t('new.next', { dir: target.dir }));
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}
