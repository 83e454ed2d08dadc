/** The 全項目 sample (様式4) with its checks.yaml and exported configuration: every claim found and checked by its pointer. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkAssessment, isFailing } from '../../src/checks/run.ts';
import type { CheckRun } from '../../src/checks/types.ts';

const sample = fileURLToPath(new URL('../../assessments/aobagawa-juki-full/', import.meta.url));

async function runAt(dir: string): Promise<CheckRun> {
  const outcome = await checkAssessment(path.join(dir, 'assessment.yaml'), { today: '2026-11-25' });
  assert.equal(outcome.kind, 'run', JSON.stringify(outcome));
  return (outcome as { run: CheckRun }).run;
}

test('全項目の見本: 設定の書き出しでは全ての点検が適合し、入退室管理だけが未点検(方針により合格)', async () => {
  const run = await runAt(sample);
  assert.deepEqual(Object.fromEntries(run.results.map((r) => [r.claim, r.status])), {
    'mfa-biometric-password': 'satisfied',
    'retired-staff-disabled': 'satisfied',
    'operation-log-kept': 'satisfied',
    'users-band': 'satisfied',
    'vendor-staff-band': 'satisfied',
    'subcontractor-approved-only': 'satisfied',
    'record-items-match-columns': 'satisfied',
    'transfers-only-listed': 'satisfied',
    'storage-in-japan': 'satisfied',
    'external-audit': 'attested',
    'server-room-access-control': 'unchecked',
  });
  assert.equal(isFailing(run), false);
});

test('全項目の見本: 承諾していない再委託先の作業者と、Ⅱ5 にない庁内連携の送信先は矛盾になる', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pia-full-check-'));
  try {
    cpSync(sample, dir, { recursive: true });
    const staff = path.join(dir, 'sample-config/vendor-staff.csv');
    writeFileSync(staff, readFileSync(staff, 'utf8') + 'v099,未承諾システム株式会社,保守,A-7999\n');
    const interfaces = path.join(dir, 'sample-config/interfaces.yaml');
    writeFileSync(interfaces, readFileSync(interfaces, 'utf8') + '  - 相手: 選挙システム\n    移転先ID: senkyo\n    方向: 送信\n    内容: 選挙人名簿\n    頻度: 日次\n    状態: 有効\n');
    const run = await runAt(dir);
    const status = Object.fromEntries(run.results.map((r) => [r.claim, r.status]));
    assert.equal(status['subcontractor-approved-only'], 'contradicted');
    assert.equal(status['transfers-only-listed'], 'contradicted');
    assert.equal(isFailing(run), true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
