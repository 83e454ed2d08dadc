/**
 * The main thread's side of the expression worker (expression-worker.ts): one worker, started early and kept
 * for the life of the process, evaluates one claim at a time. Each expression gets JSONata's own limits
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

interface Handle {
  worker: Worker;
  ready: Promise<boolean>;
  sent: Set<number>;
  replies: Map<number, (reply: WorkerReply | { failed: string }) => void>;
}

let current: Handle | undefined;
const runs = new Map<number, RunData>();
let nextRun = 1;
let nextId = 1;
let queue: Promise<unknown> = Promise.resolve();
let bands: RunData['bands'] | undefined;

function spawn(): Handle {
  const worker = new Worker(new URL('./expression-worker.js', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: 1024 } });
  const handle: Handle = { worker, sent: new Set(), replies: new Map(), ready: Promise.resolve(false) };
  handle.ready = new Promise<boolean>((resolve) => {
    worker.once('message', () => resolve(true));
    worker.once('exit', () => resolve(false));
  });
  worker.on('message', (reply: WorkerReply) => handle.replies.get(reply.id)?.(reply));
  const gone = (detail: string) => {
    if (current === handle) current = undefined;
    for (const callback of handle.replies.values()) callback({ failed: detail });
    handle.replies.clear();
  };
  worker.on('error', (error) => gone((error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY' ? '式の評価がメモリの上限を超えたため打ち切りました' : '式の評価が異常終了しました'));
  worker.on('exit', () => gone('式の評価が異常終了しました'));
  // After the listeners: adding a 'message' listener refs the worker's port again.
  worker.unref();
  return handle;
}

/** Starts the worker now, so its start-up overlaps reading the assessment and the sources. */
export function warmUp(): void {
  current ??= spawn();
}

function evaluateNow(request: Omit<ClaimRequest, 'id'>): Promise<ClaimEvaluation> {
  const handle = (current ??= spawn());
  if (!handle.sent.has(request.run)) {
    handle.worker.postMessage({ kind: 'run', run: request.run, data: runs.get(request.run) });
    handle.sent.add(request.run);
  }
  const id = nextId++;
  return new Promise<ClaimEvaluation>((resolve) => {
    let observed: Evaluation | undefined;
    let timer: NodeJS.Timeout | undefined;
    const finish = (result: ClaimEvaluation) => {
      clearTimeout(timer);
      handle.replies.delete(id);
      handle.worker.unref();
      resolve(result);
    };
    const failure = (detail: string): ClaimEvaluation =>
      observed?.ok ? { observed, verdict: { status: 'error', rule: 'assertion', messageId: 'evaluation-failed', data: { claim: request.claim, expression: '条件', detail } } } : { observed: { ok: false, detail } };
    const arm = (ms: number, detail: string) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (current === handle) current = undefined;
        handle.replies.delete(id);
        void handle.worker.terminate();
        finish(failure(detail));
      }, ms);
    };
    const limitDetail = `${hardDeadline} ミリ秒以内に終わらないため評価を打ち切りました`;
    handle.replies.set(id, (reply) => {
      if ('failed' in reply) finish(failure(reply.failed));
      else if ('condition' in reply) finish({ observed: observed!, verdict: verdictOf(request.claim, reply.condition) });
      else {
        observed = reply.observed;
        if (!observed.ok) finish({ observed });
        else arm(hardDeadline, limitDetail);
      }
    });
    handle.worker.ref();
    arm(startDeadline, '式を評価する処理を開始できませんでした');
    void handle.ready.then((ok) => {
      if (ok && handle.replies.has(id)) arm(hardDeadline, limitDetail);
    });
    handle.worker.postMessage({ kind: 'claim', id, ...request });
  });
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
      const next = queue.then(() => evaluateNow({ ...request, run }));
      queue = next.catch(() => {});
      return next;
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
