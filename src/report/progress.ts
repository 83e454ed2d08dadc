/**
 * Progress of long runs on the terminal: one line that counts (「PDF 120/1000」), rewritten in place at most ten
 * times a second and cleared at the end. Nothing at all when the stream is not a terminal (CI logs, pipes,
 * files) or when CI is set, so machine output and logs stay clean.
 */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export interface Progress {
  /** `done` of the total are finished (a total given here replaces the one given at the start). */
  update(done: number, total?: number): void;
  /** Clears the line. */
  end(): void;
}

const silent: Progress = { update() {}, end() {} };

export function progress(label: string, total: number | undefined, stream: ProgressStream = process.stderr, env: NodeJS.ProcessEnv = process.env, now: () => number = Date.now): Progress {
  if (!stream.isTTY || env.CI || env.PIA_NO_PROGRESS) return silent;
  let last = -Infinity;
  let shown = false;
  let of = total;
  const draw = (done: number) => {
    const text = of === undefined ? label : `${label} ${done}/${of}`;
    stream.write(`\r${text}\u001b[K`);
    shown = true;
  };
  return {
    update(done, newTotal) {
      if (newTotal !== undefined) of = newTotal;
      const t = now();
      if (t - last < 100 && done !== of) return;
      last = t;
      draw(done);
    },
    end() {
      if (shown) stream.write('\r\u001b[K');
      shown = false;
    },
  };
}
