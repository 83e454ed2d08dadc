/**
 * Runs the JSONata expressions of a checks.yaml off the main thread. JSONata checks its own time limit only
 * between steps, so one step that never returns (a regular expression with catastrophic backtracking) would
 * hang the run; in a worker, src/checks/expressions.ts terminates the thread instead.
 */
import { parentPort } from 'node:worker_threads';
import { evaluateObserved, verifyAssertion } from './rules/assertion.ts';
import type { ClaimRequest, RunData, WorkerReply } from './expressions.ts';

const runs = new Map<number, RunData>();
const port = parentPort!;

/** Values cross to the main thread by structured clone; JSONata may return functions, which do not clone. */
function post(reply: WorkerReply): void {
  try {
    port.postMessage(reply);
  } catch {
    if ('observed' in reply && reply.observed.ok) port.postMessage({ ...reply, observed: { ok: true, value: JSON.parse(JSON.stringify(reply.observed.value) ?? 'null') } });
    else throw new Error('unclonable reply');
  }
}

port.on('message', async (message: { kind: 'run'; run: number; data: RunData } | { kind: 'end'; run: number } | ({ kind: 'claim' } & ClaimRequest)) => {
  if (message.kind === 'run') {
    runs.set(message.run, message.data);
    return;
  }
  if (message.kind === 'end') {
    runs.delete(message.run);
    return;
  }
  const run = runs.get(message.run)!;
  const input = { observed: run.sources[message.source], assessment: run.assessment, claimed: message.claimed, today: message.today };
  const observed = await evaluateObserved(message.observedExpression, input);
  post({ id: message.id, observed });
  if (!observed.ok) return;
  post({ id: message.id, verdict: await verifyAssertion(message.claim, message.condition, input, observed.value) });
});

port.postMessage({ ready: true });
