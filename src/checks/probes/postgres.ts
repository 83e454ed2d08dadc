/**
 * Live configuration from PostgreSQL: one query in a READ ONLY transaction, its rows are the observation.
 * The connection string comes from an environment variable and is never printed (it holds the password).
 */
import type { EnvRef, Observation } from '../types.ts';

export async function readPostgresSource(spec: { 接続: EnvRef; 問合せ: string; 引数?: (string | number | boolean)[]; 待ち時間?: number }, env: NodeJS.ProcessEnv): Promise<Observation> {
  const variable = spec.接続.環境変数;
  const label = `PostgreSQL(環境変数 ${variable})`;
  const connectionString = env[variable];
  if (!connectionString) return { ok: false, label, kind: 'refused', detail: `環境変数 ${variable} に接続文字列が設定されていません` };
  // Loaded lazily: a run with file sources only should not pay for the driver.
  const { default: pg } = await import('pg');
  const timeout = spec.待ち時間 ?? 10_000;
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: timeout, query_timeout: timeout, application_name: 'pia-check' });
  client.on('error', () => {}); // a dropped connection surfaces as a failed query below
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    return { ok: false, label, kind: 'unreachable', detail: `接続できません(${(error as { code?: string }).code ?? (error as Error).message})` };
  }
  try {
    await client.query('BEGIN READ ONLY');
    const result = await client.query(spec.問合せ, spec.引数);
    await client.query('ROLLBACK');
    return { ok: true, data: result.rows, label };
  } catch (error) {
    return { ok: false, label, kind: 'malformed', detail: `問合せが失敗しました(${(error as Error).message})` };
  } finally {
    await client.end().catch(() => {});
  }
}
