/** Control-check rules as pure functions, on recorded values (no live system). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { bandRange, evaluateObserved, verifyAssertion } from '../../src/checks/rules/assertion.ts';
import { verifyAttestation } from '../../src/checks/rules/attestation.ts';
import { quoteFound, verifyReference } from '../../src/checks/rules/claim-reference.ts';
import { verifyStaffThreshold } from '../../src/checks/rules/staff-threshold.ts';
import { checkRules } from '../../src/checks/catalogue.ts';
import { focusedSchema } from '../helpers.ts';

const reference = () => parse(readFileSync(fileURLToPath(new URL('../../assessments/koshigaya-48-kodomo-iryohi/assessment.yaml', import.meta.url)), 'utf8')) as Record<string, any>;
const usersPointer = '/特定個人情報ファイルの概要/0/特定個人情報の入手・使用/使用の主体/使用者数';
const vendorPointer = '/特定個人情報ファイルの概要/0/特定個人情報ファイルの取扱いの委託/委託事項/0/委託先における取扱者数';

test('catalogue: rules/ の各ファイルが一度ずつ登録され、ID はファイル名と同じで ID 順に並ぶ', () => {
  const files = readdirSync(fileURLToPath(new URL('../../src/checks/rules/', import.meta.url)))
    .filter((f) => f.endsWith('.ts') && f !== 'rule.ts' && !f.endsWith('.test.ts'))
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();
  assert.deepEqual(checkRules.map((r) => r.id), files);
  for (const rule of checkRules) {
    for (const id of Object.keys(rule.hints ?? {})) assert.ok(id in rule.messages || id.startsWith('contradicted-'), `${rule.id}: hint ${id} has no message`);
  }
});

test('catalogue: 各規則に説明(<id>.md)があり、title が ID で、見出しが 概要・根拠・該当する例・該当しない例・対象外 の順', () => {
  for (const rule of checkRules) {
    const doc = readFileSync(fileURLToPath(new URL(`../../src/checks/rules/${rule.id}.md`, import.meta.url)), 'utf8');
    assert.match(doc, new RegExp(`^---\ntitle: ${rule.id}\n---\n`), rule.id);
    assert.deepEqual([...doc.matchAll(/^## (.+)$/gm)].map((m) => m[1]), ['概要', '根拠', '該当する例', '該当しない例', '対象外'], rule.id);
  }
});

test('区分の数値範囲は閾値規則の表から作られ、上端は次の区分の下限(含まない)', () => {
  assert.deepEqual(bandRange('100人以上500人未満'), { min: 100, max: 500 });
  assert.deepEqual(bandRange('1,000人以上'), { min: 1000, max: null });
  assert.deepEqual(bandRange('10万人以上100万人未満'), { min: 100_000, max: 1_000_000 });
  assert.equal(bandRange('たくさん'), undefined);
});

test('$inBand は下限を含み上限を含まない: 499人は100人以上500人未満、500人は含まれない', async () => {
  const input = { observed: [], assessment: {}, claimed: '100人以上500人未満', today: '2026-11-25' };
  for (const [n, expected] of [[99, 'contradicted'], [100, 'satisfied'], [499, 'satisfied'], [500, 'contradicted']] as const) {
    const verdict = await verifyAssertion('c', '$inBand($value, $claimed)', input, n);
    assert.equal(verdict.status, expected, `${n}人`);
  }
});

test('条件が true / false 以外になる、または評価に失敗するのは矛盾ではなくエラー', async () => {
  const input = { observed: { a: 1 }, assessment: {}, claimed: 'x', today: '2026-11-25' };
  assert.deepEqual(await verifyAssertion('c', 'a', input, undefined), { status: 'error', rule: 'assertion', messageId: 'not-boolean', data: { claim: 'c', value: '1' } });
  assert.equal((await verifyAssertion('c', '$undefinedFunction(a)', input, undefined)).messageId, 'evaluation-failed');
});

test('観測値の式は取得元の内容を入力とし、$assessment で評価書の値を読める', async () => {
  const data = reference();
  const observed = [{ 所属: '株式会社アイネス' }, { 所属: '株式会社下請' }];
  const result = await evaluateObserved('$observed[所属 != $assessment.特定個人情報ファイルの概要[0].特定個人情報ファイルの取扱いの委託.委託事項[0].委託先名].所属', { observed, assessment: data, claimed: '再委託しない', today: '2026-11-25' });
  assert.deepEqual(result, { ok: true, value: '株式会社下請' });
});

test('引用した記載は空白と全角・半角の違いを無視して探し、書き換えられていればエラー', () => {
  const text = '①システムを利用できる職員を限定しており、生体認証とパスワードによる二要素認証とすることで';
  assert.equal(quoteFound(text, '生体認証と パスワードによる二要素認証'), true);
  assert.equal(quoteFound({ a: ['x', text] }, '二要素認証'), true);
  assert.equal(verifyReference('mfa', '具体的な管理方法', text.replace('生体認証とパスワード', 'パスワード'), '生体認証とパスワードによる二要素認証')?.messageId, 'quote-missing');
  assert.equal(verifyReference('mfa', '具体的な管理方法', undefined, undefined)?.messageId, 'item-missing');
  assert.equal(verifyReference('mfa', '具体的な管理方法', text, '二要素認証'), undefined);
});

test('確認の記録は有効期限の日まで有効で、翌日から期限切れ(和暦の日付も読む)', () => {
  const attestation = { 確認者: '課長補佐', 根拠: '棚卸し記録', 確認日: '令和8年6月30日', 有効期限: '令和9年6月30日' };
  assert.equal(verifyAttestation('x', attestation, '2027-06-30').status, 'attested');
  const expired = verifyAttestation('x', attestation, '2027-07-01');
  assert.equal(expired.status, 'expired');
  assert.equal(expired.data.expiry, '令和9年6月30日');
});

test('観測した使用者数で取扱者数が500人以上になるときだけ、しきい値判断の警告を出す', () => {
  const data = reference();
  // 使用者数 520 + 委託先 10(10人以上50人未満の下限) = 530 ≥ 500; 対象人数 10万人以上 → 全項目評価
  // 使用者数 520 + 委託先 10(10人以上50人未満の下限) = 530 ≥ 500; 対象人数 10万人以上 → 全項目評価
  assert.deepEqual(verifyStaffThreshold(focusedSchema, data, usersPointer, 520), { messageId: 'crossed', pointer: '/評価実施手続/基礎項目評価/しきい値判断結果', data: { observed: 520, total: 530, required: '基礎項目評価及び全項目評価の実施が義務付けられる', declared: '基礎項目評価及び重点項目評価の実施が義務付けられる' } });
  assert.equal(verifyStaffThreshold(focusedSchema, data, usersPointer, 489), undefined, '489 + 10 < 500');
  assert.equal(verifyStaffThreshold(focusedSchema, data, vendorPointer, 401)?.data.total, 501, '委託先の人数でも合計する');
  assert.equal(verifyStaffThreshold(focusedSchema, data, '/リスク対策/監査/実施の有無/外部監査', 900), undefined, '人数の区分ではない項目');
  assert.equal(verifyStaffThreshold(focusedSchema, data, usersPointer, '520'), undefined, '数値でない観測値');
  data['特定個人情報ファイルの概要'][0]['基本情報']['対象となる本人の数'] = '1万人未満';
  assert.equal(verifyStaffThreshold(focusedSchema, data, usersPointer, 900), undefined, '対象人数が1万人未満なら取扱者数にかかわらず結果は変わらない');
});

test('終わらない式(再帰・繰り返し)は CI を止めず、主張のエラーになる(矛盾にはしない)', async () => {
  const input = { observed: { mfa: true }, assessment: {}, claimed: null, today: '2026-11-25' };
  const recursion = await verifyAssertion('mfa', '($f := function($n) { $f($n + 1) }; $f(0))', input, undefined);
  assert.equal(recursion.status, 'error');
  assert.equal(recursion.messageId, 'evaluation-failed');
  const started = Date.now();
  // ~3.6 s without a limit on this machine: stopped at 2 s.
  const loop = await evaluateObserved('$count([1..3000000].($ * 2))', input);
  assert.equal(loop.ok, false);
  assert.match(loop.ok ? '' : loop.detail, /timeout/);
  assert.ok(Date.now() - started < 10_000);
  assert.equal((await verifyAssertion('mfa', 'mfa = true', input, undefined)).status, 'satisfied');
});
