/**
 * Live configuration from an HTTP(S) endpoint that returns JSON. Secrets come from environment variables
 * and are never printed: messages name the variable, and the label is the URL (which holds no credentials:
 * the schema refuses user:password@ in URLs).
 */
import type { EnvRef, Observation } from '../types.ts';

export async function readHttpSource(spec: { URL: string; ヘッダ?: Record<string, string | EnvRef>; 待ち時間?: number }, env: NodeJS.ProcessEnv): Promise<Observation> {
  const label = spec.URL;
  const headers: Record<string, string> = { accept: 'application/json' };
  for (const [name, value] of Object.entries(spec.ヘッダ ?? {})) {
    if (typeof value === 'string') {
      headers[name] = value;
      continue;
    }
    const secret = env[value.環境変数];
    if (secret === undefined || secret === '') return { ok: false, label, kind: 'refused', detail: `ヘッダ ${name} の環境変数 ${value.環境変数} が設定されていません` };
    headers[name] = (value.接頭辞 ?? '') + secret;
  }
  const timeout = spec.待ち時間 ?? 10_000;
  let response: Response;
  try {
    // Redirects are refused: credentials go only to the URL that the checks.yaml reviewers saw.
    response = await fetch(spec.URL, { headers, redirect: 'error', signal: AbortSignal.timeout(timeout) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const name = (error as Error).name;
    const detail = name === 'TimeoutError' ? `${timeout} ミリ秒以内に応答がありません` : `接続できません(${cause ?? name})`;
    return { ok: false, label, kind: 'unreachable', detail };
  }
  if (!response.ok) {
    await response.body?.cancel();
    return { ok: false, label, kind: 'unreachable', detail: `HTTP ${response.status} が返りました` };
  }
  const text = await response.text();
  try {
    return { ok: true, data: JSON.parse(text) as unknown, label };
  } catch {
    return { ok: false, label, kind: 'malformed', detail: '応答が JSON ではありません' };
  }
}
