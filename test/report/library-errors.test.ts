/** Library errors in our words: JSONata's syntax errors in Japanese at the token's own line:col, the original kept. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadForms } from '../../src/schema/registry.ts';
import { loadChecks } from '../../src/checks/checks-file.ts';
import { verifyAssertion } from '../../src/checks/rules/assertion.ts';
import { jsonataErrorJa } from '../../src/report/library-errors.ts';

const form = loadForms().get('重点項目評価書')!.schema;

function diagnostics(checks: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pia-liberr-'));
  writeFileSync(path.join(dir, 'checks.yaml'), checks);
  const result = loadChecks(path.join(dir, 'checks.yaml'), form);
  assert.equal(result.ok, false);
  return (result as { diagnostics: { rule: string; line: number; col: number; message: string; hint?: string }[] }).diagnostics.filter((d) => d.rule === 'checks-expression');
}

const head = `取得元:
  policy: { 種類: file, パス: policy.json }
主張:
  - ID: a
    項目: /リスク対策/特定個人情報ファイル/0/特定個人情報の使用/リスク2/具体的な管理方法
`;

test('JSONata の構文の誤りは日本語で、誤りのある字の行:列に(引用符つき・なし・| のブロック)。原文は hint に残す', () => {
  const quoted = diagnostics(`${head}    点検:\n      取得元: policy\n      条件: "mfa.required and (x = 1"\n`);
  assert.equal(quoted.length, 1);
  // 条件: at col 7; the value's quote at col 11; the missing ")" is reported at the end of the expression.
  assert.deepEqual([quoted[0]!.line, quoted[0]!.col], [8, 11 + 1 + 'mfa.required and (x = 1'.length]);
  assert.equal(quoted[0]!.message, '条件の式(JSONata)が正しくありません: 式が終わる前に「)」が必要です(閉じ忘れ)。');
  assert.match(quoted[0]!.hint!, /原文: JSONata S0203: Expected "\)" before end of expression/);

  const plain = diagnostics(`${head}    点検:\n      取得元: policy\n      条件: mfa.required bar\n`);
  assert.deepEqual([plain[0]!.line, plain[0]!.col], [8, 11 + 'mfa.required '.length]);
  assert.match(plain[0]!.message, /構文の誤りです\(「bar」\)/);

  const block = diagnostics(`${head}    点検:\n      取得元: policy\n      条件: |\n        mfa.required = true\n          and roles[name = "x"] ++ 1\n`);
  // Line 10, indentation 8: the unary "+" is at offset 2 + 'and roles[name = "x"] +'.length of that line.
  assert.deepEqual([block[0]!.line, block[0]!.col], [10, 9 + 2 + 'and roles[name = "x"] +'.length]);
  assert.match(block[0]!.message, /「\+」は単項演算子として使えません/);
});

test('評価中の JSONata の誤りも日本語(原文を括弧で残す)、知らないコードは一般の文に原文を添える', async () => {
  const input = { observed: { mfa: true }, assessment: {}, claimed: null, today: '2026-11-25' };
  const verdict = await verifyAssertion('mfa', 'mfa + 1', input, undefined);
  assert.equal(verdict.status, 'error');
  assert.match(String(verdict.data.detail), /^「\+」の左辺は数値である必要があります\(JSONata T2001: /);
  assert.deepEqual(jsonataErrorJa({ code: 'X9999', message: 'something new' }), { message: '式を評価できません', detail: 'JSONata X9999: something new', code: 'X9999' });
});
