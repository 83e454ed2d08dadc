/** 全項目評価書: pia diff --write adds 別添3 rows, and a re-assessed 事前 change then passes diff and audit. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { fullSampleText } from '../full-helpers.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = path.join(root, 'src/cli/bin.js');
const pia = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, PIA_TODAY: '2026-11-25' } });

/** A 重要な変更 (Ⅱ6①保管場所 ※), re-assessed: a new 意見聴取 and 第三者点検, published on 令和8年9月1日. */
const reassessed = fullSampleText
  .replace('を行っているサーバー室に設置したサーバー内に保管する。サーバーへのアクセス', 'を行っている庁舎外のデータセンターに設置したサーバー内に保管する。サーバーへのアクセス')
  .replace('実施日・期間: 令和7年11月4日から令和7年12月3日まで(30日間)', '実施日・期間: 令和8年6月1日から令和8年6月30日まで(30日間)')
  .replace('    実施日: 令和8年1月20日', '    実施日: 令和8年8月20日')
  .replace('  公表日: 令和8年2月16日', '  公表日: 令和8年9月1日');

test('全項目評価書: --write は別添3 に事前の行を書き加え、コメントを残し、その後の diff と audit は問題なし', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pia-full-write-'));
  try {
    // The new version sits in a 事務 folder with its 基礎項目評価書, as in assessments/ (a 全項目 never stands alone).
    const office = path.join(dir, 'aobagawa-juki-full');
    mkdirSync(path.join(office, 'aobagawa-juki-basic'), { recursive: true });
    copyFileSync(path.join(root, 'assessments/aobagawa-juki-full/aobagawa-juki-basic/assessment.yaml'), path.join(office, 'aobagawa-juki-basic', 'assessment.yaml'));
    const [oldFile, newFile] = [path.join(dir, 'old.yaml'), path.join(office, 'assessment.yaml')];
    writeFileSync(oldFile, fullSampleText);
    writeFileSync(newFile, reassessed);
    const before = pia('diff', oldFile, newFile);
    assert.equal(before.status, 1);
    assert.match(before.stdout, /\[pre-change-not-recorded\]/);
    assert.doesNotMatch(before.stdout, /\[pre-change-procedure\]/);

    const written = pia('diff', oldFile, newFile, '--write', '--date', '令和8年9月1日');
    assert.equal(written.status, 0, written.stdout + written.stderr);
    const text = readFileSync(newFile, 'utf8');
    // Only rows are added at the end of 別添3: the rest is kept byte for byte, the officer's comments included.
    assert.ok(text.startsWith(reassessed.slice(0, reassessed.indexOf('\n変更箇所:'))), 'head kept');
    assert.ok(text.endsWith(reassessed.slice(reassessed.indexOf('\n検証の例外:'))), 'tail kept');
    assert.ok(text.startsWith('# yaml-language-server: $schema=../../schemas/editor/full.v1.editor.schema.json\n#\n# 架空の「青葉川市」'));
    const rows = (parse(text) as { 変更箇所: Record<string, string>[] })['変更箇所'];
    // Three new rows after the sample's three: 保管場所 (事前), and Ⅵ2②・Ⅵ3① (事後, the procedure's own record).
    assert.deepEqual(rows.slice(3).map((r) => [r['変更日'], r['提出時期'], r['項目']]), [
      ['令和8年9月1日', '事前', 'Ⅱ 特定個人情報ファイルの概要 特定個人情報ファイル1 6. 特定個人情報の保管・消去 ①保管場所'],
      ['令和8年9月1日', '事後', 'Ⅵ 評価実施手続 2. 国民・住民等からの意見の聴取 ②実施日・期間'],
      ['令和8年9月1日', '事後', 'Ⅵ 評価実施手続 3. 第三者点検 ①実施日'],
    ]);

    // The written explanations are drafts until the officer has read them (draft-change-explanation).
    assert.equal(pia('validate', '--strict', newFile).status, 1);
    writeFileSync(newFile, text.replaceAll('（下書き）', ''));
    const validate = pia('validate', '--strict', newFile);
    assert.equal(validate.status, 0, validate.stdout);
    const audit = pia('audit', '--no-history', newFile);
    assert.equal(audit.status, 0, audit.stdout + audit.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
