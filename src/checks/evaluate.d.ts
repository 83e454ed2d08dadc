/** Types of evaluate.js (plain JavaScript so that the expression worker starts without the type stripper). */
export interface ExpressionInput {
  observed: unknown;
  assessment: unknown;
  claimed: unknown;
  today: string;
}

export type BandRange = (band: string) => { min: number; max: number | null } | undefined;

/** A failure keeps JSONata's error fields (plain data, across the worker boundary) for a Japanese message. */
export type Evaluation = { ok: true; value: unknown } | { ok: false; detail: string; error?: { code?: string; position?: number; token?: string; value?: unknown; message: string } };

export declare const expressionLimits: { readonly timeout: 2000; readonly stack: 500 };

export declare function evaluateExpression(expression: string, input: ExpressionInput, bandRange: BandRange, value?: unknown): Promise<Evaluation>;
