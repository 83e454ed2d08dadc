// One JSONata expression of a checks.yaml against its input: the code the expression worker runs (and the main
// thread, in assertion.ts). Plain JavaScript on purpose, as src/cli/bin.js: a worker that loads a .ts file
// first starts Node's type stripper in its own thread, which costs more than the rest of its start-up. It
// imports nothing but jsonata; the band table comes in as a function. Types: evaluate.d.ts.
import jsonata from 'jsonata';

/**
 * Limits of one evaluation (JSONata's own guardrails): a loop or recursion that never ends becomes an エラー of
 * the check after 2 s or 500 nested calls, instead of hanging the CI job. Real conditions take well under 1 ms.
 * A single step that never returns (a regular expression) is stopped by the worker's deadline (expressions.ts).
 */
export const expressionLimits = Object.freeze({ timeout: 2000, stack: 500 });

function bindings(input, bandRange, value) {
  return {
    observed: input.observed,
    assessment: input.assessment,
    claimed: input.claimed,
    today: input.today,
    value,
    band: (name) => bandRange(name),
    inBand: (n, name) => {
      const range = bandRange(name);
      return range !== undefined && typeof n === 'number' && n >= range.min && (range.max === null || n < range.max);
    },
  };
}

export async function evaluateExpression(expression, input, bandRange, value) {
  try {
    return { ok: true, value: await jsonata(expression, expressionLimits).evaluate(input.observed, bindings(input, bandRange, value)) };
  } catch (error) {
    // The error's fields (code, position, token, value) go back as plain data, so the main thread can word it in Japanese.
    const { code, position, token, value: errorValue } = error ?? {};
    const message = error instanceof Error ? error.message : String(error?.message ?? error);
    return { ok: false, detail: message, error: { code, position, token, value: errorValue, message } };
  }
}
