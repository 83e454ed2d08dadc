/** `pia diff <old> <new>` / `pia diff --base <rev>`: classify the changes between two versions (事前/事後/再評価). */
import { parseArgs } from 'node:util';
import { loadText, maxFileBytes, readProjectFile } from '../../load/load-file.ts';
import { fail, UsageError, WriteNeedsFile, WriteWouldBreak } from '../../report/errors.ts';
import { formatText } from '../../report/format.ts';
import type { Diagnostic } from '../../report/diagnostic.ts';
import { parseDate, todayInJapan } from '../../model/wareki.ts';
import { changedAssessments, existsAtRevision, parseSideSpec, readBytesAtRevision, showSpec, type SideSpec } from '../../git/git.ts';
import { compareVersions, type CompareOptions } from '../../diff/compare.ts';
import { diffFormats, formatDiff, type DiffFormat, type FileComparison } from '../../diff/report.ts';
import { changeRows, insertRows, replaceFileIfUnchanged, sha256 } from '../../diff/write.ts';
import { findDecisionsFile, findRenamesFile, loadDecisions, loadRenames } from '../../classify/records.ts';

export const help = `使い方: npx pia diff <変更前> <変更後> [オプション]
        npx pia diff --base <リビジョン> [オプション]

評価書の2つの版を比べ、変更ごとに提出時期(事前・事後・再評価)を規則に基づいて判定します。
変更前・変更後には、ファイルのパスか、git のリビジョンとパス(main:assessments/x/assessment.yaml)を指定します。
--base を指定すると、作業ツリーで変更されたすべての評価書をそのリビジョンと比べます(プルリクエストの CI 向け)。

繰り返す記載(委託事項など)は ID で照合します。並べ替えは削除と追加ではなく「移動」です。
評価書と同じフォルダの decisions.yaml(確認者の判断)と renames.yaml(名称変更表。上のフォルダでも可)を読みます。

オプション:
  --base <リビジョン>  作業ツリーの変更された評価書をこのリビジョンと比べます
  --format <形式>      text(既定)、json、markdown(プルリクエストのコメント用)、junit、sarif、codequality(GitLab)、github
  --write              変更箇所(別添2)の行を変更後の評価書に書き加えます(コメントと書式はそのまま)
  --date <日付>        書き加える行の変更日(YYYY-MM-DD または和暦。既定は今日)
  --decisions <ファイル> 判断の記録(既定: 評価書と同じフォルダの decisions.yaml)
  --renames <ファイル>   名称変更表(既定: renames.yaml を評価書のフォルダ、その上のフォルダの順に探します)
  --today <日付>       今日の日付(YYYY-MM-DD)
  --list-rules         分類規則の一覧を表示します(npx pia rules と同じ)
  -h, --help           この説明を表示します

終了コード: 0 問題なし / 1 事前(再評価)の変更に提出・公表の記録がない、または分類できない変更がある / 2 指定や入力の誤り`;

export const helpEn = `Usage: npx pia diff <before> <after> [options]
       npx pia diff --base <revision> [options]

Compares two versions of an assessment and decides, by rules, the submission timing (事前 / 事後 / 再評価) of each change.
<before> and <after> are each a file path, or a git revision and a path (main:assessments/x/assessment.yaml).
With --base, every assessment changed in the working tree is compared with that revision (for CI on pull requests).

Repeated entries (委託事項 and the like) are matched by ID. A reordering is a "move", not a deletion and an addition.
Reads decisions.yaml (the reviewer's decisions) and renames.yaml (the table of renamings; may also be in a folder above) in the assessment's folder.

Options:
  --base <revision>     Compare the assessments changed in the working tree with this revision
  --format <format>     text (default), json, markdown (for pull request comments), junit, sarif, codequality (GitLab), github
  --write               Write rows of 変更箇所 (Annex 2) into the changed (<after>) assessment (comments and formatting are kept)
  --date <date>         The change date of the rows written (YYYY-MM-DD or a Japanese era date; default: today)
  --decisions <file>    The record of decisions (default: decisions.yaml in the assessment's folder)
  --renames <file>      The table of renamings (default: renames.yaml, looked for in the assessment's folder, then in the folder above)
  --today <date>        Today's date (YYYY-MM-DD)
  --list-rules          List the classification rules (the same as npx pia rules)
  -h, --help            Show this help

Exit codes: 0 no problems / 1 a 事前 (再評価) change has no record of submission and publication, or a change cannot be classified / 2 usage or input error`;

interface Pair {
  oldSpec: string;
  newSpec: string;
}

export async function diff(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      base: { type: 'string' },
      format: { type: 'string', default: 'text' },
      write: { type: 'boolean', default: false },
      date: { type: 'string' },
      decisions: { type: 'string' },
      renames: { type: 'string' },
      today: { type: 'string' },
      'list-rules': { type: 'boolean', default: false },
    },
  });
  if (values['list-rules']) return (await import('./rules.ts')).rules([]);
  const usage: (detail: string) => never = (detail) => fail(UsageError, { detail, command: 'diff' });
  if (!diffFormats.includes(values.format as DiffFormat)) usage(`--format には ${diffFormats.join('、')} のいずれかを指定してください。`);
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) usage('--today は YYYY-MM-DD の形で指定してください。');
  const today = values.today ?? todayInJapan();
  let date = today;
  if (values.date !== undefined) {
    const parsed = parseDate(values.date);
    if (!parsed.ok) usage('--date は YYYY-MM-DD または和暦(令和8年11月25日)で指定してください。');
    date = parsed.iso;
  }

  const pairs: Pair[] = [];
  const notes: string[] = [];
  if (values.base !== undefined) {
    if (positionals.length > 0) usage('--base を指定したときは、ファイルを指定しません。');
    for (const file of changedAssessments(values.base)) {
      if (!existsAtRevision(values.base, file)) {
        notes.push(`${file} は ${values.base} にない新しい評価書です。比較せず、検証だけを行ってください(npx pia validate ${file})。`);
        continue;
      }
      pairs.push({ oldSpec: `${values.base}:${file}`, newSpec: file });
    }
  } else {
    if (positionals.length !== 2) usage('変更前と変更後の2つを指定するか、--base <リビジョン> を指定してください。');
    pairs.push({ oldSpec: positionals[0]!, newSpec: positionals[1]! });
  }

  const results: FileComparison[] = [];
  const inputErrors: Diagnostic[] = [];
  const pending: { path?: string; oldText: string; newText: string; hash: string; bom: boolean; options: CompareOptions }[] = [];
  for (const pair of pairs) {
    const oldSide = parseSideSpec(pair.oldSpec);
    const newSide = parseSideSpec(pair.newSpec);
    if (values.write && newSide.kind !== 'file') fail(WriteNeedsFile, { spec: pair.newSpec });
    // Both sides go through the loader's checks (regular file, size, strict UTF-8) before anything is compared.
    const oldRead = readChecked(oldSide);
    const newRead = readChecked(newSide);
    const unreadable = [oldRead, newRead].flatMap((r) => (r.ok ? [] : r.diagnostics));
    if (unreadable.length > 0) {
      inputErrors.push(...unreadable);
      continue;
    }
    const oldText = (oldRead as Checked).text;
    const newText = (newRead as Checked).text;
    const newBytes = (newRead as Checked).bytes;
    const anchor = newSide.path;
    const options: CompareOptions = { today };
    const decisionsFile = values.decisions ?? findDecisionsFile(anchor);
    if (decisionsFile) {
      const loaded = loadDecisions(decisionsFile);
      if (!loaded.ok) {
        inputErrors.push(...loaded.diagnostics);
        continue;
      }
      options.decisions = loaded.value;
    }
    const renamesFile = values.renames ?? findRenamesFile(anchor);
    if (renamesFile) {
      const loaded = loadRenames(renamesFile);
      if (!loaded.ok) {
        inputErrors.push(...loaded.diagnostics);
        continue;
      }
      options.renames = loaded.value;
    }
    const oldFile = showSpec(oldSide);
    const newFile = showSpec(newSide);
    const result = compareVersions({ file: oldFile, text: oldText }, { file: newFile, text: newText }, options);
    if (!result.ok) {
      inputErrors.push(...result.diagnostics);
      continue;
    }
    results.push({ oldFile, newFile, comparison: result.comparison });
    pending.push({ path: newSide.kind === 'file' ? newSide.path : undefined, oldText, newText, hash: sha256(newBytes), bom: newBytes[0] === 0xef && newBytes[1] === 0xbb && newBytes[2] === 0xbf, options });
  }

  if (inputErrors.length > 0) {
    process.stderr.write(formatText(inputErrors, pairs.length).replace(/\d+ ファイルを検証しました[^\n]*\n$/, '') + '比較する版を読み込めませんでした。上の誤りを直してください。ファイルは変更していません。\n');
    return 2;
  }
  // Written only when every pair loaded: a failing input leaves every file as it was.
  if (values.write) {
    results.forEach((fc, i) => {
      const p = pending[i]!;
      const rows = changeRows(fc, date);
      if (!p.path || rows.length === 0) return;
      const updated = insertRows(fc.comparison.form.schema, p.newText, rows);
      // What is written must read back as a valid version with the rows in it, or nothing is written.
      const check = compareVersions({ file: fc.oldFile, text: p.oldText }, { file: fc.newFile, text: updated }, p.options);
      if (!check.ok) fail(WriteWouldBreak, { path: fc.newFile, detail: check.diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`).join(' / ') });
      replaceFileIfUnchanged(p.path, p.hash, (p.bom ? '\uFEFF' : '') + updated);
      notes.push(`${fc.newFile} の変更箇所に ${rows.length} 行を書き加えました。内容を確認し、事前の変更は評価をやり直して公表した後に表紙の公表日を更新してください。`);
      results[i] = { ...fc, comparison: check.comparison };
    });
  }
  if (values.base !== undefined && pairs.length === 0) notes.push(`${values.base} から変更された評価書はありません。`);
  process.stdout.write(formatDiff(values.format as DiffFormat, results));
  for (const note of notes) process.stderr.write(note + '\n');
  return results.some((r) => r.comparison.problems.some((p) => p.severity === 'error')) ? 1 : 0;
}

type Checked = { ok: true; text: string; bytes: Buffer };

/** A side's bytes through the loader's checks; the text is what the loader decoded (no BOM). */
function readChecked(side: SideSpec): Checked | { ok: false; diagnostics: Diagnostic[] } {
  const name = showSpec(side);
  let bytes: Buffer;
  if (side.kind === 'file') {
    const read = readProjectFile(side.path);
    if (!read.ok) return { ok: false, diagnostics: read.diagnostics.map((d) => (d.rule === 'load-not-found' ? { ...d, hint: 'パスの綴りを確認してください。git の版は <リビジョン>:<パス> で指定します。' } : d)) };
    bytes = read.bytes;
  } else {
    const read = readBytesAtRevision(side.revision, side.path, maxFileBytes);
    if (!read.ok) return { ok: false, diagnostics: [{ rule: 'load-too-large', severity: 'error', file: name, line: 1, col: 1, path: '', message: `ファイルが大きすぎます(${(read.size / 1024 / 1024).toFixed(1)} MB、上限 ${maxFileBytes / 1024 / 1024} MB)。`, hint: '1つの評価書がこの大きさになることはありません。別のファイルを指定していないか確認してください。' }] };
    bytes = read.bytes;
  }
  const loaded = loadText(name, bytes);
  if (!loaded.ok) return { ok: false, diagnostics: loaded.diagnostics };
  return { ok: true, text: loaded.loaded.text, bytes };
}
