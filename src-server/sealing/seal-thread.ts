import { Worker } from 'node:worker_threads';
import type { ComposeAndSeal, SealJob } from './compose-and-seal';

export interface SealThreadData {
  p12File: string;
  resourcesDir: string;
}

export type SealThreadReply = { id: number; bytes: Uint8Array } | { id: number; error: { message: string; messageKey?: string } };

export interface SealThread {
  run: ComposeAndSeal;
  stop(): Promise<void>;
}

/**
 * Composing and sealing take a few hundred milliseconds of CPU each; on the server's own thread every page load and
 * signature waiting behind a seal waited that long (the load bench: p99 of page loads in seconds while seals ran).
 * So the server seals on one worker thread: one, since the seal queue seals one document at a time and leaves the
 * other core to HTTP. A thread that dies fails what it had and a new one is started for the next job.
 */
export function startSealThread(workerFile: string, data: SealThreadData): SealThread {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve(bytes: Uint8Array): void; reject(error: Error): void }>();

  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  const thread = () => {
    if (worker) return worker;
    const started = new Worker(workerFile, { workerData: data });
    started.on('message', (reply: SealThreadReply) => {
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      if ('bytes' in reply) waiting.resolve(new Uint8Array(reply.bytes));
      else waiting.reject(Object.assign(new Error(reply.error.message), reply.error.messageKey ? { messageKey: reply.error.messageKey } : {}));
    });
    started.on('error', (error) => failAll(error));
    started.on('exit', (code) => {
      if (worker === started) worker = null;
      failAll(new Error(`the seal thread stopped (exit code ${code})`));
    });
    worker = started;
    return started;
  };

  return {
    run: (job: SealJob) =>
      new Promise<Uint8Array>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        thread().postMessage({ id, job });
      }),
    async stop() {
      const running = worker;
      worker = null;
      if (running) await running.terminate();
    },
  };
}
