/**
 * Reads PDFs in a worker thread with a time limit and a heap limit: a PDF that takes too long or too much
 * memory ends the worker, not the command. One worker serves many files (pdfjs is loaded once).
 */
import { Worker } from 'node:worker_threads';
import { PdfReadError, type PdfLimits, type PdfReadErrorKind, type PdfText } from './pdf-text.ts';

export class PdfReader {
  private worker: Worker | undefined;
  private readonly timeoutMs: number;
  private readonly heapMb: number;

  constructor(options: { timeoutMs: number; heapMb?: number }) {
    this.timeoutMs = options.timeoutMs;
    this.heapMb = options.heapMb ?? 1024;
  }

  private start(): Worker {
    // The worker gets no --input-type / --eval flag of an inline parent script (it would refuse to start).
    // Otherwise the worker inherits the parent's flags (Node leaves out those a worker cannot take).
    const inline = process.execArgv.some((a) => a.startsWith('--input-type'));
    const execArgv = inline ? process.execArgv.filter((a) => !a.startsWith('--input-type')) : undefined;
    this.worker ??= new Worker(new URL('./pdf-worker.ts', import.meta.url), { ...(execArgv ? { execArgv } : {}), resourceLimits: { maxOldGenerationSizeMb: this.heapMb } });
    this.worker.unref();
    return this.worker;
  }

  async read(bytes: Uint8Array, limits: Omit<PdfLimits, 'deadline'>): Promise<PdfText> {
    const worker = this.start();
    return new Promise<PdfText>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const fail = (kind: PdfReadErrorKind, detail: string, page?: number) => {
        done();
        reject(new PdfReadError(kind, page, detail));
      };
      const onMessage = (message: { text?: PdfText; error?: { kind: PdfReadErrorKind; page?: number; detail: string } }) => {
        if (message.error) return fail(message.error.kind, message.error.detail, message.error.page);
        done();
        resolve(message.text!);
      };
      const onError = (error: Error) => {
        this.worker = undefined;
        fail('unreadable', error.message);
      };
      const onExit = () => {
        this.worker = undefined;
        fail('unreadable', 'worker exited');
      };
      const timer = setTimeout(() => {
        this.worker = undefined;
        worker.off('exit', onExit);
        void worker.terminate();
        fail('timeout', `${this.timeoutMs} ms`);
      }, this.timeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ bytes, limits: { ...limits, deadline: Date.now() + this.timeoutMs } });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }
}
