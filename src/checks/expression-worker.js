// Runs the JSONata expressions of a checks.yaml off the main thread. JSONata checks its own time limit only
// between steps, so one step that never returns (a regular expression with catastrophic backtracking) would
// hang the run; in a worker, src/checks/expressions.ts terminates the thread instead. Plain JavaScript, like
// evaluate.js, so the worker starts without the type stripper; messages are described in expressions.ts.
import { parentPort } from 'node:worker_threads';
import { evaluateExpression } from './evaluate.js';

const runs = new Map();

// Values cross to the main thread by structured clone; JSONata may return functions, which do not clone.
function post(id, stage, evaluation) {
  try {
    parentPort.postMessage({ id, [stage]: evaluation });
  } catch {
    const plain = evaluation.ok ? { ok: true, value: JSON.parse(JSON.stringify(evaluation.value) ?? 'null') } : evaluation;
    parentPort.postMessage({ id, [stage]: plain });
  }
}

// Claims are evaluated one after another, in the order they arrive: the main thread's deadline is per step.
let queue = Promise.resolve();

parentPort.on('message', (message) => {
  if (message.kind === 'run') runs.set(message.run, message.data);
  else if (message.kind === 'end') runs.delete(message.run);
  else queue = queue.then(() => evaluateClaim(message));
});

async function evaluateClaim(message) {
  parentPort.postMessage({ id: message.id, started: true });
  const run = runs.get(message.run);
  const bandRange = (label) => run.bands[label];
  const input = { observed: run.sources[message.source], assessment: run.assessment, claimed: message.claimed, today: message.today };
  const observed = message.observedExpression === undefined ? { ok: true, value: input.observed } : await evaluateExpression(message.observedExpression, input, bandRange);
  post(message.id, 'observed', observed);
  if (!observed.ok) return;
  post(message.id, 'condition', await evaluateExpression(message.condition, input, bandRange, observed.value));
}

parentPort.postMessage({ ready: true });
