/**
 * The main thread's side of the expression worker (expression-worker.js): one worker, started early and kept
 * for the life of the process, takes every claim of a run at once and evaluates them one at a time (one
 * hand-off per run, not one per claim). Each expression gets JSONata's own limits
 * (expressionLimits) plus a hard deadline; past it, the worker is terminated, the claim becomes an エラー, and the
 * next claim gets a fresh worker. The worker never keeps the process alive on its own.
 */
import { Worker } from 'node:worker_threads';
import { expressionLimits, type Evaluation } from './evaluate.js';
import { bandTable, verdictOf } from './rules/assertion.ts';
import type { Verdict } from './types.ts';

export interface RunData {
  assessment: unknown;
  /** Observed data by source name (only the sources that were read). */
  sources: Record<string, unknown>;
  /** Band label → range, for $band and $inBand. */
  bands: Record<string, { min: number; max: number | null }>;
}

export interface ClaimRequest {
  id: number;
  run: number;
  claim: string;
  source: string;
  observedExpression?: string;
  condition: string;
  claimed: unknown;
  today: string;
}

export type WorkerReply = { id: number; observed: Evaluation } | { id: number; condition: Evaluation };

export interface ClaimEvaluation {
  observed: Evaluation;
  verdict?: Verdict;
}

/** JSONata's own timeout comes first; this is for a step that never yields. */
export const hardDeadline = expressionLimits.timeout + 1000;
/** Starting a worker on a busy CI machine can be slow; that is not the expression's fault. */
const startDeadline = 60_000;

interface Pending {
  request: ClaimRequest;
  resolve: (result: ClaimEvaluation) => void;
  observed?: Evaluation;
}

interface Handle {
  worker: Worker;
  isReady: boolean;
  sent: Set<number>;
  /** Requests posted to this worker and not answered yet, in the order the worker takes them. */
  pending: Map<number, Pending>;
  /** The request the worker said it started last. */
  current?: number;
  timer?: NodeJS.Timeout;
}

let current: Handle | undefined;
const runs = new Map<number, RunData>();
let nextRun = 1;
let nextId = 1;
let bands: RunData['bands'] | undefined;

const limitDetail = `${hardDeadline} ミリ秒以内に終わらないため評価を打ち切りました`;

function failure(entry: Pending, detail: string): ClaimEvaluation {
  const { observed } = entry;
  return observed?.ok ? { observed, verdict: verdictOf(entry.request.claim, { ok: false, detail }) } : { observed: { ok: false, detail } };
}

/**
 * No answer for too long: the worker is stuck in one step. Terminate it; the request it was running fails, the
 * ones it had not started go to a fresh worker.
 */
function abandon(handle: Handle, detail: string, failAll = false): void {
  clearTimeout(handle.timer);
  if (current === handle) current = undefined;
  const entries = [...handle.pending.values()];
  // Retrying is for the claims behind a stuck one; when none is known to be running, all fail (no retry loop).
  const running = handle.current !== undefined && handle.pending.has(handle.current);
  handle.pending.clear();
  void handle.worker.terminate();
  for (const entry of entries) {
    if (failAll || !running || entry.request.id === handle.current) entry.resolve(failure(entry, detail));
    else post(entry);
  }
}

/** Re-armed on every message: the deadline is per step of the worker, not per run. */
function watch(handle: Handle): void {
  clearTimeout(handle.timer);
  if (handle.pending.size === 0) {
    handle.worker.unref();
    return;
  }
  handle.worker.ref();
  handle.timer = handle.isReady
    ? setTimeout(() => abandon(handle, limitDetail), hardDeadline)
    : setTimeout(() => abandon(handle, '式を評価する処理を開始できませんでした', true), startDeadline);
}

function spawn(): Handle {
  const worker = new Worker(new URL('./expression-worker.js', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: 1024 } });
  const handle: Handle = { worker, isReady: false, sent: new Set(), pending: new Map() };
  worker.on('message', (reply: WorkerReply | { ready: true } | { id: number; started: true }) => {
    if ('ready' in reply) handle.isReady = true;
    else {
      const entry = handle.pending.get(reply.id);
      if (entry) {
        if ('started' in reply) handle.current = reply.id;
        else if ('observed' in reply) {
          entry.observed = reply.observed;
          if (!reply.observed.ok) settle(handle, entry, { observed: reply.observed });
        } else settle(handle, entry, { observed: entry.observed!, verdict: verdictOf(entry.request.claim, reply.condition) });
      }
    }
    watch(handle);
  });
  const gone = (detail: string) => {
    if (handle.pending.size > 0) abandon(handle, detail);
    else if (current === handle) current = undefined;
  };
  worker.on('error', (error) => gone((error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY' ? '式の評価がメモリの上限を超えたため打ち切りました' : '式の評価が異常終了しました'));
  worker.on('exit', () => gone('式の評価が異常終了しました'));
  // After the listeners: adding a 'message' listener refs the worker's port again.
  worker.unref();
  return handle;
}

function settle(handle: Handle, entry: Pending, result: ClaimEvaluation): void {
  handle.pending.delete(entry.request.id);
  entry.resolve(result);
}

/** Starts the worker now, so its start-up overlaps reading the assessment and the sources. */
export function warmUp(): void {
  current ??= spawn();
}

function post(entry: Pending): void {
  const handle = (current ??= spawn());
  const { run } = entry.request;
  if (!handle.sent.has(run)) {
    handle.worker.postMessage({ kind: 'run', run, data: runs.get(run) });
    handle.sent.add(run);
  }
  handle.pending.set(entry.request.id, entry);
  handle.worker.postMessage({ kind: 'claim', ...entry.request });
  if (handle.pending.size === 1) watch(handle);
}

export interface ExpressionRun {
  evaluate(request: Omit<ClaimRequest, 'id' | 'run'>): Promise<ClaimEvaluation>;
  close(): void;
}

/** One checkAssessment's data in the worker; claims are evaluated one at a time, in order. */
export function openRun(data: Omit<RunData, 'bands'>): ExpressionRun {
  const run = nextRun++;
  runs.set(run, { ...data, bands: (bands ??= bandTable()) });
  return {
    evaluate(request) {
      return new Promise<ClaimEvaluation>((resolve) => post({ request: { ...request, run, id: nextId++ }, resolve }));
    },
    close() {
      runs.delete(run);
      if (current?.sent.has(run)) {
        current.worker.postMessage({ kind: 'end', run });
        current.sent.delete(run);
      }
    },
  };
}
