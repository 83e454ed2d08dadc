/** checks.yaml 主張 項目 names repeated entries by ID: reordering the assessment's files never retargets a claim. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument, type YAMLSeq } from 'yaml';
import { checkAssessment } from '../../src/checks/run.ts';
import type { CheckRun } from '../../src/checks/types.ts';

const sample = fileURLToPath(new URL('../../assessments/koshigaya-48-kodomo-iryohi/', import.meta.url));

test('ID で指した主張は、評価書のファイルの並びが変わっても同じ記載を点検する', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pia-id-'));
  try {
    cpSync(sample, dir, { recursive: true });
    const file = path.join(dir, 'assessment.yaml');
    // Put a second Ⅲ entry (another file's risk measures) in front of the reference's: indexes shift by one.
    const doc = parseDocument(readFileSync(file, 'utf8'));
    const risks = doc.getIn(['リスク対策', '特定個人情報ファイル']) as YAMLSeq;
    const copy = doc.createNode({ ...(risks.toJSON()[0] as object), ID: 'other-file', 特定個人情報ファイル名: '別のファイル' });
    (copy as unknown as { setIn(p: unknown[], v: unknown): void }).setIn(['特定個人情報の使用', 'リスク2', '具体的な管理方法'], 'パスワードによる認証');
    risks.items.unshift(copy as never);
    writeFileSync(file, doc.toString({ lineWidth: 0 }));
    const outcome = await checkAssessment(file, { today: '2026-11-25' });
    assert.equal(outcome.kind, 'run', JSON.stringify(outcome));
    const mfa = (outcome as { run: CheckRun }).run.results.find((r) => r.claim === 'mfa-biometric-password')!;
    assert.equal(mfa.status, 'satisfied');
    assert.match(mfa.assessment.pointer, /^\/リスク対策\/特定個人情報ファイル\/1\//, 'resolved to the entry with the ID, now at position 1');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
