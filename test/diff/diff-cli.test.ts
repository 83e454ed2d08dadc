/** `npx pia diff` / `pia audit` / `pia rules`: arguments → output + exit code, on files and in temporary git repositories. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { referenceText } from './scenario-helpers.ts';
import { compareVersions } from '../../src/diff/compare.ts';
import { classificationRules } from '../../src/classify/catalogue.ts';
import { auditAssessment } from '../../src/diff/audit.ts';
import { compileSchema } from '../../src/schema/registry.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = path.join(root, 'src/cli/bin.js');
function pia(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, PIA_TODAY: '2026-11-25' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
const git = (cwd: string, ...args: string[]) => {
  const r = spawnSync('git', ['-c', 'user.name=テスト', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
};
const cloud = (text: string) => text.replace('入退室管理を行っている部屋に設置したサーバー内に保管する。', 'ガバメントクラウド上のサーバー内に保管する。');
const chief = (text: string) => text.replace('所属長の役職名: 子ども福祉課長', '所属長の役職名: こども福祉課長');

/** A repository with the reference committed as assessments/ref/assessment.yaml. */
function repo(): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'pia-git-'));
  git(dir, 'init', '-q');
  mkdirSync(path.join(dir, 'assessments/ref'), { recursive: true });
  const file = path.join(dir, 'assessments/ref/assessment.yaml');
  writeFileSync(file, referenceText);
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', '公表版');
  return { dir, file };
}

test('同じ版どうしは変更なしで終了コード 0', () => {
  const { code, stdout } = pia(root, 'diff', 'assessments/koshigaya-48-kodomo-iryohi/assessment.yaml', 'assessments/koshigaya-48-kodomo-iryohi/assessment.yaml');
  assert.equal(code, 0);
  assert.match(stdout, /変更はありません。/);
});

test('読み込めない版は位置つきの誤りを表示して終了コード 2、指定の誤りも 2', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pia-diff-'));
  writeFileSync(path.join(dir, 'broken.yaml'), referenceText.replace('  評価書番号: 48\n', '  評価書番号: 48\n 評価書名: x\n'));
  const broken = pia(root, 'diff', 'assessments/koshigaya-48-kodomo-iryohi/assessment.yaml', path.join(dir, 'broken.yaml'));
  assert.equal(broken.code, 2);
  assert.match(broken.stderr, /broken\.yaml:\d+:\d+ {2}error {2}.+\[yaml-/);
  assert.match(broken.stderr, /ファイルは変更していません。/);
  assert.equal(pia(root, 'diff', 'only-one.yaml').code, 2);
  assert.equal(pia(root, 'diff', 'a.yaml', 'b.yaml', '--format', 'xml').code, 2);
  const missing = pia(root, 'diff', 'assessments/koshigaya-48-kodomo-iryohi/assessment.yaml', path.join(dir, 'nothing.yaml'));
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /nothing\.yaml:1:1 {2}error {2}ファイルが見つかりません。/);
});

test('git のリビジョンとの比較と --base: 事前の変更に記録がなければ終了コード 1、行と列は作業ツリーの版', () => {
  const { dir, file } = repo();
  writeFileSync(file, cloud(referenceText));
  const byRevision = pia(dir, 'diff', 'main:assessments/ref/assessment.yaml', 'assessments/ref/assessment.yaml');
  assert.equal(byRevision.code, 1, byRevision.stderr);
  assert.match(byRevision.stdout, /^assessments\/ref\/assessment\.yaml:118:\d+ {2}事前 {2}変更 {2}Ⅱ 特定個人情報ファイルの概要 6\. 特定個人情報の保管・消去 保管場所 {2}\[significant-item-changed\]$/m);
  assert.match(byRevision.stdout, /差分: .*\[-入退室管理を行っている部屋に設置した-\]\{\+ガバメントクラウド上の\+\}サーバー内/);
  assert.match(byRevision.stdout, /\[pre-change-not-recorded\]/);
  const base = pia(dir, 'diff', '--base', 'main', '--format', 'json');
  assert.equal(base.code, 1);
  const report = JSON.parse(base.stdout);
  const validateReport = compileSchema('diff-report.v1.schema.json');
  assert.equal(validateReport(report), true, JSON.stringify(validateReport.errors));
  assert.equal(validateReport({ ...report, version: 2 }), false, 'the schema really constrains the output');
  assert.equal(report.files[0].old, 'main:assessments/ref/assessment.yaml');
  assert.deepEqual(report.files[0].changes.map((c: { timing: string; rules: { id: string }[] }) => [c.timing, c.rules.map((r) => r.id)]), [['before', ['significant-item-changed']]]);
  assert.equal(pia(dir, 'diff', 'nosuchrev:assessments/ref/assessment.yaml', 'assessments/ref/assessment.yaml').code, 2);
  writeFileSync(file, chief(referenceText));
  const after = pia(dir, 'diff', '--base', 'main');
  assert.equal(after.code, 0, 'a 事後 change needs no re-assessment');
  assert.match(after.stdout, /事後 {2}変更 {2}Ⅰ 基本情報 6\. 評価実施機関における担当部署 ②所属長の役職名/);
});

test('出力形式: Markdown の表、JUnit の失敗、SARIF 2.1.0 のスキーマ、GitHub の注釈', () => {
  const { dir, file } = repo();
  writeFileSync(file, chief(cloud(referenceText)));
  const md = pia(dir, 'diff', '--base', 'main', '--format', 'markdown');
  assert.match(md.stdout, /^\| \*\*事前\*\* \| 変更 \| Ⅱ 特定個人情報ファイルの概要 6\. 特定個人情報の保管・消去 保管場所 \| .*<del>入退室管理を行っている部屋に設置した<\/del><ins>ガバメントクラウド上の<\/ins>/m);
  assert.match(md.stdout, /^\| \*\*事後\*\* \| 変更 \| Ⅰ 基本情報 6\. 評価実施機関における担当部署 ②所属長の役職名 \| 子ども福祉課長 → こども福祉課長 \|/m);
  const junit = pia(dir, 'diff', '--base', 'main', '--format', 'junit').stdout;
  assert.match(junit, /<testsuites name="pia diff" tests="3" failures="1" errors="0">/);
  assert.match(junit, /<failure message="[^"]+" type="pre-change-not-recorded">/);
  const github = pia(dir, 'diff', '--base', 'main', '--format', 'github').stdout;
  assert.match(github, /^::warning file=assessments\/ref\/assessment\.yaml,line=118,col=\d+,title=事前 Ⅱ 特定個人情報ファイルの概要 6\. 特定個人情報の保管・消去 保管場所 \[significant-item-changed\]::/m);
  assert.match(github, /^::notice file=assessments\/ref\/assessment\.yaml,line=\d+,col=\d+,title=事後 /m);
  assert.match(github, /^::error file=.+\[pre-change-not-recorded\]::/m);
  const sarif = JSON.parse(pia(dir, 'diff', '--base', 'main', '--format', 'sarif').stdout);
  const { id, $schema: _draft04, ...rest } = JSON.parse(readFileSync(path.join(root, 'test/checks/sarif-2.1.0-rtm.5.json'), 'utf8'));
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///'));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  const validate = ajv.compile({ $schema: 'http://json-schema.org/draft-07/schema#', $id: id, ...rest });
  assert.equal(validate(sarif), true, JSON.stringify(validate.errors, null, 2));
  assert.deepEqual(sarif.runs[0].results.map((r: { ruleId: string; level: string }) => `${r.ruleId}/${r.level}`), ['non-significant-item/note', 'significant-item-changed/warning', 'pre-change-not-recorded/error']);
  assert.equal(sarif.runs[0].results[1].locations[0].physicalLocation.region.startLine, 118);
});

test('decisions.yaml の判断(理由・判断者・日付)に従い、当たる変更のない判断は古い判断として知らせる', () => {
  const { dir, file } = repo();
  writeFileSync(file, cloud(referenceText));
  const decisions = path.join(dir, 'assessments/ref/decisions.yaml');
  writeFileSync(decisions, `# yaml-language-server: $schema=../../schemas/decisions.v1.schema.json
判断:
  - 項目: /特定個人情報ファイルの概要/0/特定個人情報の保管・消去/保管場所
    提出時期: 事後
    理由: 保管先の表現を実態に合わせた修正で、保管場所(庁舎内のサーバー室)は変わらない
    判断者: 個人情報保護担当 山田
    判断日: 令和8年11月20日
  - 項目: /基本情報/評価実施機関における担当部署/部署
    提出時期: 事後
    理由: 名称変更
    判断者: 山田
    判断日: 2026-11-20
`);
  const result = pia(dir, 'diff', '--base', 'main');
  assert.equal(result.code, 0, result.stdout);
  assert.match(result.stdout, /事後 {2}変更 {2}Ⅱ 特定個人情報ファイルの概要 6\. 特定個人情報の保管・消去 保管場所 {2}\[significant-item-changed\]\n(.*\n)*? {2}判断済み: 事後\(保管先の表現を実態に合わせた修正で、保管場所\(庁舎内のサーバー室\)は変わらない。個人情報保護担当 山田、令和8年11月20日\)/);
  assert.match(result.stdout, /decisions\.yaml:8:5 {2}warning {2}判断の記録\(\/基本情報\/評価実施機関における担当部署\/部署\)に当たる変更がありません。 {2}\[stale-decision\]/);
  writeFileSync(decisions, '判断:\n  - 項目: /基本情報\n    提出時期: 後で\n    判断者: 山田\n    判断日: 令和8年11月20日\n');
  const invalid = pia(dir, 'diff', '--base', 'main');
  assert.equal(invalid.code, 2);
  assert.match(invalid.stderr, /decisions\.yaml:2:5 {2}error {2}.*「理由」がありません/);
  assert.match(invalid.stderr, /decisions\.yaml:3:11 {2}error {2}.*事前、事後 のいずれかを書いてください/);
});

test('どの規則にも当たらない変更は unclassified-change の誤り(黙って事後にしない)', () => {
  const result = compareVersions({ file: 'a.yaml', text: referenceText }, { file: 'b.yaml', text: chief(referenceText) }, { rules: classificationRules.filter((r) => r.meta.id !== 'non-significant-item') });
  assert.ok(result.ok);
  assert.equal(result.comparison.classified[0]!.timing, undefined);
  assert.deepEqual(result.comparison.problems.map((p) => `${p.rule}/${p.severity}/${p.line}`), ['unclassified-change/error/30']);
});

test('pia rules は分類規則・検証規則・点検の規則の3つの表を出す', () => {
  const { code, stdout } = pia(root, 'rules');
  assert.equal(code, 0);
  for (const rule of classificationRules) assert.match(stdout, new RegExp(`^${rule.meta.id} `, 'm'));
  assert.match(stdout, /^検証規則\(\d+ 件、pia validate\)$/m);
  assert.match(stdout, /^threshold-consistency /m);
  assert.match(stdout, /^点検の規則\(\d+ 件、pia check\)$/m);
  assert.match(stdout, /^coverage-gap +未点検 /m);
});

test('pia audit: ※の入手元の変更を事後とした行を、記載された理由を引用して要確認にする', () => {
  const { code, stdout } = pia(root, 'audit', 'assessments/koshigaya-48-kodomo-iryohi', '--no-history');
  assert.equal(code, 0);
  assert.match(stdout, /assessment\.yaml:255:11 {2}warning {2}※の項目「Ⅱ 特定個人情報ファイルの概要 3\. 特定個人情報の入手・使用 ①入手元」の変更が事後で提出されています。説明「評価書の見直し 事務手続きに合わせた修正」が、.+ {2}\[change-row-timing\]/);
  const flagged = [...stdout.matchAll(/:(\d+):\d+ {2}warning .*\[change-row-timing\]/g)].map((m) => Number(m[1]));
  assert.deepEqual(flagged, [248, 255, 283], '※ rows filed 事後: Ⅲ4 規定, Ⅱ3① 入手元, Ⅲ6 — not 入手方法 (no ※), 表紙 特記事項, nor Ⅲ4 再委託の担保 (十分に行っている → 再委託していない lowers risk)');
});

test('pia audit: 確認済みの行は情報になり、git の履歴で公表日の後の記録のない変更を見つける(コミットを示す)', () => {
  const { dir, file } = repo();
  writeFileSync(path.join(dir, 'assessments/ref/decisions.yaml'), '判断:\n  - 変更箇所: 2028-03-30-nyushumoto\n    提出時期: 事後\n    理由: 入手元の追加は既存の事務手続きの記載漏れの補正\n    判断者: 山田\n    判断日: 令和8年11月20日\n');
  writeFileSync(file, chief(referenceText));
  git(dir, 'commit', '-q', '-am', '役職名の修正');
  writeFileSync(file, cloud(chief(referenceText)));
  const { code, stdout } = pia(dir, 'audit');
  assert.equal(code, 1, stdout);
  const json = JSON.parse(pia(dir, 'audit', '--format', 'json').stdout);
  const validateJson = compileSchema('report.v1.schema.json');
  assert.equal(validateJson(json), true, JSON.stringify(validateJson.errors));
  assert.deepEqual(json.summary, { error: 1, warning: 3, info: 1 });
  assert.match(stdout, /:255:11 {2}info {2}※の項目「Ⅱ 特定個人情報ファイルの概要 3\. 特定個人情報の入手・使用 ①入手元」の変更が事後で提出されています\(確認済み: 入手元の追加は/);
  assert.match(stdout, /:30:\d+ {2}warning {2}「Ⅰ 基本情報 6\. 評価実施機関における担当部署 ②所属長の役職名」は公表日\(令和8年3月30日\)の後に変更されました\([0-9a-f]{7} \d{4}-\d\d-\d\d「役職名の修正」\)が、変更箇所に記載がありません\(分類: 事後\)。 {2}\[unrecorded-change\]/);
  assert.match(stdout, /:118:\d+ {2}error {2}「Ⅱ 特定個人情報ファイルの概要 6\. 特定個人情報の保管・消去 保管場所」は.+\(未コミット\)が、変更箇所に記載がありません\(分類: 事前\)。 {2}\[unrecorded-change\]/);
});

test('pia audit: 公表日から1年で見直し(規則第14条)、直近の評価(事前の提出による再評価を含む)から5年が近づくと再評価(規則第15条)を知らせる', () => {
  const at = (today: string) => {
    const result = auditAssessment({ file: 'a.yaml', text: referenceText, today });
    assert.ok(result.ok);
    return result.diagnostics.filter((d) => d.rule === 'yearly-review' || d.rule === 'five-year-reassessment').map((d) => `${d.rule}/${d.severity}/${d.line} ${d.message}`);
  };
  assert.deepEqual(at('2027-04-01'), ['yearly-review/warning/16 公表日(令和8年3月30日)から1年が経ちました(令和9年3月30日が目安)。評価書の記載が実態と合っているか見直してください(規則第14条)。']);
  assert.deepEqual(at('2027-03-01').map((s) => s.split(' ')[0]), ['yearly-review/info/16']);
  // The 事前 rows of 令和8年3月30日 (保管場所, filed before the change and published that day) are a re-assessment:
  // the 5 years run from then, not from Ⅴ1① 実施日 (令和6年2月5日).
  assert.deepEqual(at('2029-02-05').map((s) => s.split(' ')[0]), ['yearly-review/warning/16']);
  assert.deepEqual(at('2030-10-01').map((s) => s.split(' ')[0]), ['yearly-review/warning/16', 'five-year-reassessment/info/293']);
  assert.match(at('2031-03-30')[1]!, /^five-year-reassessment\/warning\/293 直近の評価\(令和8年3月30日\)から5年が経ちました/);
  const noReassessment = referenceText.replace(/提出時期: 事前/g, '提出時期: 事後');
  const fromAssessed = auditAssessment({ file: 'a.yaml', text: noReassessment, today: '2029-02-05' });
  assert.ok(fromAssessed.ok);
  assert.match(fromAssessed.diagnostics.find((d) => d.rule === 'five-year-reassessment')?.message ?? '', /直近の評価\(令和6年2月5日\)から5年が経ちました/);
  assert.deepEqual(at('2026-11-25'), []);
});

test('pia audit: 公表日を更新した版(再公表の準備中)では、前回の公表の後の変更すべてに変更箇所の行を求める', () => {
  const { dir, file } = repo();
  const changed = chief(referenceText);
  writeFileSync(file, changed);
  git(dir, 'commit', '-q', '-am', '役職名の修正');
  writeFileSync(file, changed.replace('  公表日: 令和8年3月30日', '  公表日: 令和8年11月1日'));
  const missing = pia(dir, 'audit', '--today', '2026-11-25');
  assert.match(missing.stdout, /「Ⅰ 基本情報 6\. 評価実施機関における担当部署 ②所属長の役職名」は公表日\(令和8年3月30日\)の後に変更されました.+\[unrecorded-change\]/);
  const withRow = changed.replace('  公表日: 令和8年3月30日', '  公表日: 令和8年11月1日').replace('変更箇所:\n', '変更箇所:\n  - ID: 2026-11-01-shozokucho\n    変更日: 令和8年11月1日\n    項目: Ⅰ 基本情報 6. 評価実施機関における担当部署 ②所属長の役職名\n    変更前の記載: 子ども福祉課長\n    変更後の記載: こども福祉課長\n    提出時期: 事後\n    提出時期に係る説明: 組織の名称変更\n');
  writeFileSync(file, withRow);
  assert.doesNotMatch(pia(dir, 'audit', '--today', '2026-11-25').stdout, /unrecorded-change/);
});
