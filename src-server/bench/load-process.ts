import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Latencies } from './latencies';
import type { FromLoadClient, LoopDelay, ToLoadClient } from './load-client';
import type { PortalWorld } from './portal-world';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const clientModule = path.join(import.meta.dirname, 'load-client.ts');
/** Node runs the TypeScript module through Vite's module runner, as vitest would, in a plain process of its own. */
const bootstrap = "const { runnerImport } = await import('vite'); await runnerImport(process.argv[1], { configFile: false, logLevel: 'error' });";

export interface LoadRun {
  stats: Latencies;
  /** Signers whose flow threw. */
  failed: number;
  loopDelayMs: LoopDelay;
}

export interface LoadClient {
  /** Signers first…first+n-1 of the world, at most `concurrency` at once. */
  run(first: number, n: number, concurrency: number): Promise<LoadRun>;
  close(): void;
}

/** Starts load-client.ts as its own process and answers its questions about the mail from the world's SMTP sink. */
export async function startLoadClient(world: PortalWorld, children: ChildProcess[]): Promise<LoadClient> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', bootstrap, clientModule], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.push(child);
  const send = (message: ToLoadClient) => child.send(message);
  let finished: ((run: LoadRun) => void) | null = null;
  const exited = new Promise<never>((_, reject) => child.once('exit', (code, signal) => reject(new Error(`the load client exited (${signal ?? code})`))));
  exited.catch(() => {});
  const ready = new Promise<void>((resolve) => {
    child.on('message', (message: FromLoadClient) => {
      if (message.kind === 'ready') resolve();
      else if (message.kind === 'done') finished?.({ stats: Latencies.of(message.record), failed: message.failed, loopDelayMs: message.loopDelayMs });
      else {
        const answer = message.method === 'mailCount' ? Promise.resolve(world.sink.received.length) : world.codeFor(message.email, message.since);
        answer.then(
          (value) => send({ kind: 'reply', id: message.id, value }),
          (error: unknown) => send({ kind: 'reply', id: message.id, error: error instanceof Error ? error.message : String(error) }),
        );
      }
    });
  });
  await Promise.race([ready, exited]);
  return {
    run: (first, n, concurrency) =>
      Promise.race([
        new Promise<LoadRun>((resolve) => {
          finished = resolve;
          send({ kind: 'run', url: world.url, signers: world.signers, first, n, concurrency });
        }),
        exited,
      ]),
    // Its IPC channel is all that keeps it running: closed, it ends by itself (and exits normally, profiles written).
    close: () => child.connected && child.disconnect(),
  };
}
