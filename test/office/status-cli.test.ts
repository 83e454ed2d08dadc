/** `pia status`: the portfolio in text and JSON, the exit code of the CI gate, and the .ics read by a real iCalendar parser. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ICAL from 'ical.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = path.join(root, 'src/cli/bin.js');
function pia(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const tmp = () => mkdtempSync(path.join(tmpdir(), 'pia-status-'));

test('--help は使い方を表示して終了コード 0', () => {
  const { code, stdout } = pia(root, 'status', '--help');
  assert.equal(code, 0);
  assert.match(stdout, /^使い方: npx pia status/);
  assert.match(stdout, /--ics/);
});

test('テキスト: 4つの事務を期限の近い順に、評価書・しきい値判断・見直し・再評価・事前の変更とともに表示し、期限切れがあれば 1', () => {
  const { code, stdout } = pia(root, 'status', '--today', '2026-12-01');
  assert.equal(code, 1);
  assert.match(stdout, /^事務 4 件\(今日 令和8年12月1日\): 期限切れ 3 件、期限の近いもの 0 件。/);
  const order = [...stdout.matchAll(/^\[(.+?)\] (.+?)  \(事務フォルダ (.+)\)$/gm)].map((m) => [m[1], m[3]]);
  assert.deepEqual(order, [
    ['期限切れ', 'example-902-tokubetsu-jido-fuyo'],
    ['期限切れ', 'example-901-yobo-sesshu'],
    ['予定', 'aobagawa-juki-full'],
    ['予定', 'koshigaya-48-kodomo-iryohi'],
  ]);
  assert.match(stdout, /^ {2}基礎項目評価書 {2}評価書番号 48 {2}公表日 令和8年3月30日 .*koshigaya-48-kodomo-iryohi-basic\/assessment\.yaml$/m);
  assert.match(stdout, /^ {2}重点項目評価書 {2}評価書番号 48 {2}公表日 令和8年3月30日 {2}検証: 誤り 8・警告 \d+ /m);
  assert.match(stdout, /次の見直し: 令和9年3月30日 {2}5年を経過する前の再評価: 令和13年3月30日 {2}事前の変更: 2 件/);
  assert.match(stdout, /令和8年5月17日 {2}期限切れ {2}5年を経過する前の再評価/);
});

test('期限切れのない市(参考の事務だけ、令和8年4月1日)は終了コード 0', () => {
  const dir = tmp();
  cpSync(path.join(root, 'assessments/koshigaya-48-kodomo-iryohi'), path.join(dir, 'assessments/koshigaya-48-kodomo-iryohi'), { recursive: true });
  const { code, stdout } = pia(dir, 'status', '--today', '2026-04-01');
  assert.equal(code, 0, stdout);
  assert.match(stdout, /期限切れ 0 件/);
  // The yearly review of 令和9年3月30日 is within its one-month notice on 令和9年3月1日.
  const soon = pia(dir, 'status', '--today', '2027-03-15');
  assert.equal(soon.code, 0);
  assert.match(soon.stdout, /令和9年3月30日 {2}まもなく {2}1年ごとの見直し/);
  assert.equal(pia(dir, 'status', '--today', '2027-03-30').code, 1);
});

test('JSON: 事務ごとの評価書、しきい値判断(記載と Ⅱ からの判断)、期限、事前の変更、検証と点検の結果', () => {
  const check = pia(root, 'check', '--format', 'json');
  const report = path.join(tmp(), 'check.json');
  writeFileSync(report, check.stdout);
  const { code, stdout } = pia(root, 'status', '--format', 'json', '--today', '2026-12-01', '--check-report', report);
  assert.equal(code, 1);
  const p = JSON.parse(stdout);
  assert.equal(p.version, 1);
  assert.equal(p.today, '2026-12-01');
  assert.deepEqual(p.offices.map((o: { id: string }) => o.id), ['example-902-tokubetsu-jido-fuyo', 'example-901-yobo-sesshu', 'aobagawa-juki-full', 'koshigaya-48-kodomo-iryohi']);
  const ref = p.offices.find((o: { id: string }) => o.id === 'koshigaya-48-kodomo-iryohi');
  assert.equal(ref.name, 'こども医療費の支給に関する事務');
  assert.deepEqual(ref.documents.map((d: { form: string; slug: string }) => [d.form, d.slug]), [['基礎項目評価書', 'koshigaya-48-kodomo-iryohi-basic'], ['重点項目評価書', 'koshigaya-48-kodomo-iryohi']]);
  assert.deepEqual(ref.threshold, { recorded: 'basic', recordedText: '基礎項目評価の実施が義務付けられる', computed: 'basic', agrees: true });
  assert.equal(ref.publishedOn, '2026-03-30');
  assert.equal(ref.nextReview, '2027-03-30');
  assert.equal(ref.reassessment, '2031-03-30');
  assert.deepEqual(ref.openPreChanges.map((c: { id: string; date: string }) => [c.id, c.date]), [['2028-03-30-hokan-basho', '2028-03-30'], ['2028-03-30-joho-renkei-sonota', '2028-03-30']]);
  assert.equal(ref.documents[1].validation.errors, 8);
  assert.equal(ref.documents[1].checks.satisfied, 9);
  assert.equal(ref.documents[0].checks, undefined);
  assert.deepEqual(p.offices[0].due.map((d: { kind: string; due: string; state: string }) => [d.kind, d.due, d.state]), [['yearly-review', '2022-06-01', 'overdue'], ['five-year-reassessment', '2026-05-17', 'overdue']]);
});

test('.ics: iCalendar パーサ(ical.js)で読め、期限ごとに終日の予定が1つ、UID は一意', () => {
  const dir = tmp();
  const file = path.join(dir, 'due.ics');
  const { code, stdout } = pia(root, 'status', '--today', '2026-12-01', '--ics', file);
  assert.match(readFileSync(file, 'utf8'), /^BEGIN:VCALENDAR\r\n/);
  assert.equal(code, 1);
  assert.match(stdout, /期限を .*due\.ics に書き出しました/);
  const calendar = new ICAL.Component(ICAL.parse(readFileSync(file, 'utf8')));
  assert.equal(calendar.getFirstPropertyValue('version'), '2.0');
  const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  // 902: review + 5 years; 901: review + 5 years; 48: two reviews + 5 years + two 事前 rows; 青葉川市 住基: two reviews + 5 years.
  assert.equal(events.length, 12);
  assert.equal(new Set(events.map((e) => e.uid)).size, 12);
  for (const e of events) assert.equal(e.startDate.isDate, true, e.summary);
  const fiveYear = events.find((e) => e.summary.includes('特別児童扶養手当') && e.summary.includes('再評価'))!;
  assert.equal(fiveYear.startDate.toString(), '2026-05-17');
  assert.match(fiveYear.description, /起算日: 2021-05-17/);
  assert.deepEqual(readdirSync(dir), ['due.ics']);
});

test('指定の誤り(形式、日付、点検結果の JSON)は終了コード 2 で、ファイルを作らない', () => {
  assert.equal(pia(root, 'status', '--format', 'xml').code, 2);
  assert.equal(pia(root, 'status', '--today', '令和8年').code, 2);
  const dir = tmp();
  const bad = path.join(dir, 'bad.json');
  writeFileSync(bad, '{"version": 2}');
  const r = pia(root, 'status', '--check-report', bad, '--ics', path.join(dir, 'x.ics'));
  assert.equal(r.code, 2);
  assert.match(r.stderr, /pia check --format json の出力の形ではありません/);
  assert.equal(existsSync(path.join(dir, 'x.ics')), false);
  const missingDir = pia(root, 'status', '--ics', path.join(dir, 'no/such/dir/x.ics'));
  assert.equal(missingDir.code, 2);
  assert.match(missingDir.stderr, /書き込めませんでした/);
});

test('テキスト: 点検の結果(pia check --format json)を評価書ごとに表示し、結果のない評価書は「未確認」', () => {
  const dir = tmp();
  const report = path.join(dir, 'check.json');
  const run = (assessment: string, failing: boolean, contradicted: number) => ({
    assessment, checks: assessment.replace('assessment.yaml', 'checks.yaml'), policy: { error: '失敗', unchecked: '報告', expired: '失敗' }, failing,
    summary: { satisfied: 9, contradicted, error: 0, unchecked: 1, attested: 2, expired: 0 }, results: [],
  });
  // Paths as pia check writes them, relative to where it ran (here: the repository, where status runs too).
  writeFileSync(report, JSON.stringify({ version: 1, runs: [run('assessments/koshigaya-48-kodomo-iryohi/assessment.yaml', false, 0), run('./assessments/aobagawa-juki-full/assessment.yaml', true, 1)] }));
  const { stdout } = pia(root, 'status', '--today', '2026-12-01', '--check-report', report);
  assert.match(stdout, /^ {2}重点項目評価書 {2}評価書番号 48 .* {2}点検: 合格\(適合 9、未点検 1、確認書 2\) {2}assessments\/koshigaya-48-kodomo-iryohi\/assessment\.yaml$/m);
  assert.match(stdout, /^ {2}全項目評価書 .* {2}点検: 不合格\(矛盾 1、適合 9、未点検 1、確認書 2\) {2}assessments\/aobagawa-juki-full\/assessment\.yaml$/m);
  assert.match(stdout, /^ {2}基礎項目評価書 {2}評価書番号 48 .* {2}点検: 未確認 {2}assessments\/koshigaya-48-kodomo-iryohi\/koshigaya-48-kodomo-iryohi-basic\/assessment\.yaml$/m);
});

test('点検の結果のファイルが FIFO・フォルダ・UTF-8 でないときも、止まらずに終了コード 2', () => {
  const dir = tmp();
  const fifo = path.join(dir, 'fifo.json');
  spawnSync('mkfifo', [fifo]);
  const notUtf8 = path.join(dir, 'sjis.json');
  writeFileSync(notUtf8, Buffer.from([0x7b, 0x22, 0x97, 0x6c, 0x22, 0x7d]));
  for (const [file, message] of [[fifo, /通常のファイルではありません/], [dir, /通常のファイルではありません/], [notUtf8, /を読めません/], [path.join(dir, 'none.json'), /がありません/]] as const) {
    const r = spawnSync(process.execPath, [bin, 'status', '--check-report', file], { cwd: root, encoding: 'utf8', timeout: 20_000 });
    assert.equal(r.status, 2, `${file}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  }
});

test('事務の規則の指摘を検証の例外にすると、ポートフォリオの検証の件数から除かれる(確認済み)', () => {
  const dir = tmp();
  cpSync(path.join(root, 'assessments/koshigaya-48-kodomo-iryohi'), path.join(dir, 'assessments/koshigaya-48-kodomo-iryohi'), { recursive: true });
  const basic = path.join(dir, 'assessments/koshigaya-48-kodomo-iryohi/koshigaya-48-kodomo-iryohi-basic/assessment.yaml');
  const warnings = () => JSON.parse(pia(dir, 'status', '--format', 'json', '--today', '2026-04-01').stdout).offices[0].documents[0].validation.warnings as number;
  const before = warnings();
  writeFileSync(basic, readFileSync(basic, 'utf8') + '検証の例外:\n  - 規則: office-bands-agree\n    理由: 重点項目評価書の本人の数は過去の受給者を含むため\n');
  assert.equal(warnings(), before - 1);
});

test('日付として読めない公表日・実施日(令和7年2月30日)は期限を隠すので、注意を示して終了コード 1(CI の関門を通さない)', () => {
  const dir = tmp();
  cpSync(path.join(root, 'assessments/example-901-yobo-sesshu'), path.join(dir, 'assessments/example-901-yobo-sesshu'), { recursive: true });
  const file = path.join(dir, 'assessments/example-901-yobo-sesshu/assessment.yaml');
  // On 令和7年12月1日 nothing is due yet (公表日 令和7年10月1日): exit 0.
  assert.equal(pia(dir, 'status', '--today', '2025-12-01').code, 0);
  writeFileSync(file, readFileSync(file, 'utf8').replace('  公表日: 令和7年10月1日', '  公表日: 令和7年2月30日').replace('基礎項目評価の実施日: 令和7年5月20日', '基礎項目評価の実施日: 令和7年2月30日'));
  const { code, stdout } = pia(dir, 'status', '--today', '2025-12-01');
  assert.equal(code, 1, stdout);
  assert.match(stdout, /日付が読めず期限を求められない事務 1 件。/);
  assert.match(stdout, /注意: assessments\/example-901-yobo-sesshu\/assessment\.yaml の \/表紙\/公表日「令和7年2月30日」は日付として読めないため、期限を求められません/);
  const json = JSON.parse(pia(dir, 'status', '--format', 'json', '--today', '2025-12-01').stdout);
  assert.equal(json.undated, 1);
  assert.deepEqual(json.offices[0].unreadableDates.map((u: { pointer: string }) => u.pointer), ['/表紙/公表日', '/基礎項目評価の実施日']);
});
