/** `pia diff --write`: 変更箇所 rows are added and nothing else in the file changes (comments, quoting, layout). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { diffLines } from 'diff';
import { parse } from 'yaml';
import { referenceText } from './scenario-helpers.ts';
import { changeRows, insertRows, replaceFileIfUnchanged, sha256, type ChangeRow } from '../../src/diff/write.ts';
import { compareVersions } from '../../src/diff/compare.ts';
import { PiaError } from '../../src/report/errors.ts';
import { focusedSchema } from '../helpers.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = path.join(root, 'src/cli/bin.js');
const pia = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, PIA_TODAY: '2026-11-25' } });

/** The reference with an officer's comments everywhere: own lines, line ends, inside lists and in 変更箇所. */
function commented(text: string): string {
  return text
    .replace('表紙:\n', '表紙: # 表紙は毎回確認すること\n  # 評価書番号は情報政策課が採番\n')
    .replace('    所属長の役職名: 子ども福祉課長\n', '    所属長の役職名: 子ども福祉課長 # 令和8年度の組織\n')
    .replace('      使用目的:', '      # 使用目的は条例の文言に合わせる(法務担当確認済み)\n      使用目的:')
    .replace('変更箇所:\n', '変更箇所:\n  # 新しい行を上に追加する\n')
    .replace("    提出時期: 事前\n    提出時期に係る説明: 中間サーバー更改に係る修正\n", "    提出時期: 事前 # 第三者点検なし\n    提出時期に係る説明: '中間サーバー更改に係る修正'\n");
}

test('--write は変更箇所の行だけを書き加え、コメント・引用符・書式はそのまま(2回目は何も足さない)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pia-write-'));
  const oldFile = path.join(dir, 'old.yaml');
  const newFile = path.join(dir, 'assessment.yaml');
  const base = commented(referenceText);
  assert.notEqual(base, referenceText);
  writeFileSync(oldFile, base);
  const edited = base.replace('所属長の役職名: 子ども福祉課長 # 令和8年度の組織', '所属長の役職名: こども福祉課長 # 令和8年度の組織').replace('ITリテラシの', 'ITリテラシーの');
  writeFileSync(newFile, edited);

  const first = pia('diff', oldFile, newFile, '--write', '--date', '2026-12-01');
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stderr, /変更箇所に 2 行を書き加えました/);
  const written = readFileSync(newFile, 'utf8');
  const parts = diffLines(edited, written);
  assert.deepEqual(parts.filter((p) => p.removed), [], 'no line removed or rewritten');
  const added = parts.filter((p) => p.added).map((p) => p.value).join('');
  const rows = parse(added) as ChangeRow[];
  assert.deepEqual(rows.map((r) => [r.変更日, r.項目, r.変更前の記載, r.変更後の記載, r.提出時期]), [
    ['令和8年12月1日', 'Ⅰ 基本情報 6. 評価実施機関における担当部署 ②所属長の役職名', '子ども福祉課長', 'こども福祉課長', '事後'],
    ['令和8年12月1日', 'Ⅲ リスク対策 10. その他のリスク対策', rows[1]!.変更前の記載, rows[1]!.変更後の記載, '事後'],
  ]);
  assert.equal(rows[1]!.提出時期に係る説明, '（下書き）誤字脱字の訂正であり、重要な変更に当たらないため、変更後に速やかに提出・公表する。');
  // The rows went to the top of 変更箇所 (newest first, as the table is kept), after the officer's comment.
  assert.match(written, /変更箇所:\n {2}# 新しい行を上に追加する\n {2}- ID: 2026-12-01-[0-9a-f]{8}\n {4}変更日: 令和8年12月1日\n/);
  assert.deepEqual((parse(written) as { 変更箇所: unknown[] }).変更箇所.length, (parse(edited) as { 変更箇所: unknown[] }).変更箇所.length + 2);

  const second = pia('diff', oldFile, newFile, '--write', '--date', '2026-12-01');
  assert.equal(second.status, 0, second.stderr);
  assert.equal(readFileSync(newFile, 'utf8'), written);
  assert.deepEqual(readdirSync(dir).sort(), ['assessment.yaml', 'old.yaml'], 'no temporary file left');
});

test('事前の変更を書き加えても公表日が古いままなら終了コード 1(再評価の記録がない)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pia-write-'));
  const oldFile = path.join(dir, 'old.yaml');
  const newFile = path.join(dir, 'assessment.yaml');
  writeFileSync(oldFile, referenceText);
  writeFileSync(newFile, referenceText.replace('入退室管理を行っている部屋に設置したサーバー内に保管する。', 'ガバメントクラウド上のサーバー内に保管する。'));
  const result = pia('diff', oldFile, newFile, '--write');
  assert.equal(result.status, 1);
  assert.match(result.stdout, /公表日が更新されていません。.+\[pre-change-not-recorded\]/);
  const republished = readFileSync(newFile, 'utf8').replace('  公表日: 令和8年3月30日', '  公表日: 令和8年12月1日');
  writeFileSync(newFile, republished);
  assert.equal(pia('diff', oldFile, newFile).status, 0, 'a 事前 row and a new 公表日 record the re-assessment');
});

const row: ChangeRow = { ID: '2026-12-01-abcdef12', 変更日: '令和8年12月1日', 項目: '表紙 特記事項', 変更前の記載: '—', 変更後の記載: '記載: あり', 提出時期: '事後', 提出時期に係る説明: '評価書の見直し' };

test('変更箇所がない・空の評価書にも行を書き加えられる(他の行はそのまま)', () => {
  const none = '様式: 重点項目評価書 # 様式\n表紙:\n  評価書番号: 1\n';
  assert.deepEqual(parse(insertRows(focusedSchema, none, [row])), { 様式: '重点項目評価書', 表紙: { 評価書番号: 1 }, 変更箇所: [row] });
  const empty = '様式: 重点項目評価書\n変更箇所: [] # まだない\n検証の例外: []\n';
  const out = insertRows(focusedSchema, empty, [row]);
  assert.deepEqual(parse(out), { 様式: '重点項目評価書', 変更箇所: [row], 検証の例外: [] });
  assert.match(out, /# まだない/);
});

test('読み込んだ後にファイルが変わっていたら書き込まず、一時ファイルも残さない', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pia-write-'));
  const file = path.join(dir, 'assessment.yaml');
  writeFileSync(file, 'before\n');
  const hash = sha256('before\n');
  writeFileSync(file, 'changed by someone else\n');
  assert.throws(() => replaceFileIfUnchanged(file, hash, 'ours\n'), (e: unknown) => e instanceof PiaError && e.spec === 'FileChangedMeanwhile');
  assert.equal(readFileSync(file, 'utf8'), 'changed by someone else\n');
  assert.deepEqual(readdirSync(dir), ['assessment.yaml']);
  replaceFileIfUnchanged(file, sha256('changed by someone else\n'), 'ours\n');
  assert.equal(readFileSync(file, 'utf8'), 'ours\n');
  assert.ok(!existsSync(path.join(dir, `.assessment.yaml.${process.pid}.tmp`)));
});

test('事前の行: 委託事項の追加は変更後の記載に各項目を並べ、説明は重要な変更、再評価は事前として書く', () => {
  const text = referenceText.replace('          再委託事項: null\n', '          再委託事項: null\n        - ID: tsuchi-insatsu\n          名称: 通知書等の印刷\n          委託内容: 通知書の印刷\n          委託先における取扱者数: 10人未満\n          委託先名: 株式会社サンプル印刷\n          再委託の有無: 再委託する\n')
    .replace('使用者数: 100人以上500人未満', '使用者数: 500人以上1,000人未満');
  const result = compareVersions({ file: 'old.yaml', text: referenceText }, { file: 'new.yaml', text }, { today: '2026-11-25' });
  assert.ok(result.ok);
  const rows = changeRows({ oldFile: 'old.yaml', newFile: 'new.yaml', comparison: result.comparison }, '2026-12-01');
  assert.deepEqual(rows.map((r) => [r.項目, r.提出時期, r.提出時期に係る説明]), [
    ['Ⅱ 特定個人情報ファイルの概要 3. 特定個人情報の入手・使用 ④使用の主体 使用者数', '事前', '（下書き）取扱者数の増加によりしきい値判断の結果が上がり、基礎項目評価書と全項目評価書による評価の実施が必要となったため、変更前に評価を実施し、提出・公表する。'],
    ['Ⅱ 特定個人情報ファイルの概要 4. 特定個人情報ファイルの取扱いの委託 委託事項2「通知書等の印刷」', '事前', '（下書き）リスクを高める変更であり重要な変更に当たるため、評価を再実施し、変更前に提出・公表する。'],
  ]);
  assert.equal(rows[1]!.変更後の記載, '委託事項: 通知書等の印刷\n①委託内容: 通知書の印刷\n②委託先における取扱者数: 10人未満\n③委託先名: 株式会社サンプル印刷\n④再委託の有無: 再委託する');
  assert.equal(rows[1]!.変更前の記載, '—');
});

test('1つの変更は1行: 再委託の有無と許諾方法・再委託事項の変更は「再委託」の1行で、厳しい方の事前、ツールの印([?])は書かない', () => {
  const text = referenceText.replace('          再委託の有無: 再委託しない\n', '          再委託の有無: 再委託する\n').replace(/          再委託の許諾方法: null\n/, '          再委託の許諾方法: 書面による事前承認\n').replace('          再委託事項: null\n', '          再委託事項: システム保守の一部\n');
  const result = compareVersions({ file: 'old.yaml', text: referenceText }, { file: 'new.yaml', text }, { today: '2026-11-25' });
  assert.ok(result.ok);
  assert.ok(result.comparison.classified.length >= 2, 'several changes');
  const rows = changeRows({ oldFile: 'old.yaml', newFile: 'new.yaml', comparison: result.comparison }, '2026-12-01');
  assert.equal(rows.length, 1, JSON.stringify(rows));
  assert.match(rows[0]!.項目!, /再委託$/);
  assert.equal(rows[0]!.提出時期, '事前');
  assert.match(rows[0]!.変更後の記載!, /再委託の有無: 再委託する[\s\S]*再委託事項: システム保守の一部/);
  const boxes = referenceText.replace(/(          国税関係情報: )不明/, '$1true');
  const boxResult = compareVersions({ file: 'old.yaml', text: referenceText }, { file: 'new.yaml', text: boxes }, { today: '2026-11-25' });
  assert.ok(boxResult.ok);
  const boxRows = changeRows({ oldFile: 'old.yaml', newFile: 'new.yaml', comparison: boxResult.comparison }, '2026-12-01');
  assert.ok(boxRows.every((r) => !Object.values(r).some((v) => v.includes('[?]'))), JSON.stringify(boxRows));
});
