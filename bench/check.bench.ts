/**
 * `pia check` wall time: the reference assessment with its file sources (target ≤ 1 s), and a PostgreSQL
 * source returning 10,000 rows that a JSONata assertion filters. PostgreSQL is started on loopback as in the tests.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { checkAssessment } from '../src/checks/run.ts';
import { readOnlyRoleSql, roleUrl, startPostgres } from '../test/checks/servers.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const reference = path.join(root, 'assessments/koshigaya-48-kodomo-iryohi/assessment.yaml');

function cliMs(args: string[], env: NodeJS.ProcessEnv = {}): number {
  const start = performance.now();
  try {
    execFileSync(process.execPath, [path.join(root, 'src/cli/bin.js'), 'check', ...args], { cwd: root, env: { ...process.env, ...env }, stdio: 'pipe' });
  } catch (error) {
    const code = (error as { status?: number }).status;
    if (code !== 1) throw error; // 1 = findings, still a complete run
  }
  return performance.now() - start;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(0)} ms`;

export default async function (): Promise<void> {
  const runs = 5;
  const cold = Array.from({ length: runs }, () => cliMs([reference, '--today', '2026-11-25']));
  console.log(`pia check, reference, file sources (new process, median of ${runs}): ${ms(median(cold))}  (target ≤ 1000 ms)`);
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await checkAssessment(reference, { today: '2026-11-25' });
    warm.push(performance.now() - start);
  }
  console.log(`checkAssessment, reference, file sources (in process, median of ${runs}): ${ms(median(warm))}`);

  const startDb = performance.now();
  const db = await startPostgres();
  console.log(`PostgreSQL start (initdb + pg_ctl): ${ms(performance.now() - startDb)}`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pia-bench-check-'));
  try {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query(`CREATE SCHEMA app; CREATE TABLE app.accounts (user_id text PRIMARY KEY, role text NOT NULL, status text NOT NULL, last_login date);
      INSERT INTO app.accounts SELECT 'u' || i, CASE WHEN i % 40 = 0 THEN 'kodomo_iryohi' ELSE 'other' END, CASE WHEN i % 7 = 0 THEN 'disabled' ELSE 'active' END, date '2026-11-01' + (i % 20) FROM generate_series(1, 10000) i;
      CREATE SCHEMA kodomo;`);
    // pia check refuses a superuser: connect as the README's read-only role, as production does.
    const password = `bench-${Math.random().toString(36).slice(2)}`;
    await client.query(readOnlyRoleSql(readFileSync(path.join(root, 'README.md'), 'utf8'), 'postgres', password));
    await client.end();
    const assessmentDir = path.join(dir, 'kodomo');
    mkdirSync(assessmentDir);
    const assessment = path.join(assessmentDir, 'assessment.yaml');
    copyFileSync(reference, assessment);
    writeFileSync(path.join(assessmentDir, 'checks.yaml'), `取得元:
  accounts:
    種類: postgres
    接続: { 環境変数: PIA_BENCH_DB_URL }
    問合せ: SELECT user_id, role, status, last_login FROM app.accounts
主張:
  - ID: users-band
    項目: /特定個人情報ファイルの概要/0/特定個人情報の入手・使用/使用の主体/使用者数
    点検:
      取得元: accounts
      観測値: $count($observed[status = "active" and role = "kodomo_iryohi"])
      条件: $inBand($value, $claimed)
`);
    const env = { PIA_BENCH_DB_URL: roleUrl(db, 'pia_check', password) };
    const outcome = await checkAssessment(assessment, { env, today: '2026-11-25' });
    const result = outcome.kind === 'run' ? outcome.run.results[0] : undefined;
    if (!result || result.status !== 'satisfied') throw new Error(`bench scenario did not run as expected: ${JSON.stringify(outcome)}`);
    const db10k = Array.from({ length: 3 }, () => cliMs([assessment, '--today', '2026-11-25'], env));
    console.log(`pia check, PostgreSQL source, 10,000 rows filtered by JSONata (new process, median of 3): ${ms(median(db10k))}  (observed ${result.observed?.value} accounts)`);
  } finally {
    db.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
