/**
 * Live configuration from an HTTP(S) endpoint that returns JSON. Secrets come from environment variables
 * and are never printed: messages name the variable, and the label is the URL (which holds no credentials:
 * the schema refuses user:password@ in URLs). An endpoint that echoes the request is masked like any other
 * source (src/checks/redact.ts).
 *
 * One deadline covers connecting, the headers and the whole body (a server that sends headers and then stalls
 * is a timeout, not a hang), and the body is read up to `maxSourceBytes` and no further.
 */
import { maxSourceBytes, mebibytes } from '../limits.ts';
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
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeout);
  let stage: 'response' | 'body' = 'response';
  try {
    // Redirects are refused: credentials go only to the URL that the checks.yaml reviewers saw.
    const response = await fetch(spec.URL, { headers, redirect: 'error', signal: controller.signal });
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      return { ok: false, label, kind: 'unreachable', detail: `HTTP ${response.status} が返りました` };
    }
    const tooLarge: Observation = { ok: false, label, kind: 'malformed', detail: `応答が上限 ${mebibytes(maxSourceBytes)} を超えています` };
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > maxSourceBytes) {
      controller.abort();
      return tooLarge;
    }
    stage = 'body';
    const chunks: Uint8Array[] = [];
    let length = 0;
    const reader = response.body?.getReader();
    for (let part = await reader?.read(); part && !part.done; part = await reader!.read()) {
      length += part.value.byteLength;
      if (length > maxSourceBytes) {
        controller.abort();
        return tooLarge;
      }
      chunks.push(part.value);
    }
    const text = new TextDecoder().decode(Buffer.concat(chunks, length));
    try {
      return { ok: true, data: JSON.parse(text) as unknown, label };
    } catch {
      return { ok: false, label, kind: 'malformed', detail: '応答が JSON ではありません' };
    }
  } catch (error) {
    if (controller.signal.aborted) {
      const detail = stage === 'response' ? `${timeout} ミリ秒以内に応答がありません` : `応答の本文が ${timeout} ミリ秒以内に届き終わりませんでした`;
      return { ok: false, label, kind: 'unreachable', detail };
    }
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { ok: false, label, kind: 'unreachable', detail: `接続できません(${cause ?? (error as Error).name})` };
  } finally {
    clearTimeout(timer);
  }
}
