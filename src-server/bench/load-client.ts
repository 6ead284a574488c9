import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Latencies, runConcurrently, type LatencyRecord } from './latencies';
import { signerFlow, type SignerWorld } from './signer-flow';

/**
 * The load bench's client, in a process of its own (load-process.ts starts it): it runs the signers' flows against
 * the server and times them, and does nothing else. The bench's own process also parses every e-mail the SMTP sink
 * takes (sealed PDFs attached), reads the server's log lines and holds a desktop; timed there, a request's latency
 * included those waits of the client's event loop, not only the server's answer. What it needs of the mail (how
 * many messages so far, a signer's code) it asks the bench over IPC, outside the timed requests.
 */
export type ToLoadClient =
  | { kind: 'run'; url: string; signers: SignerWorld['signers']; first: number; n: number; concurrency: number }
  | { kind: 'reply'; id: number; value?: unknown; error?: string };

/** What the client asks the bench, which holds the SMTP sink. */
export type MailCall = { method: 'mailCount' } | { method: 'codeFor'; email: string; since: number };

export type FromLoadClient =
  | { kind: 'ready' }
  | ({ kind: 'call'; id: number } & MailCall)
  | { kind: 'done'; record: LatencyRecord; failed: number; loopDelayMs: LoopDelay };

/**
 * The client's own event-loop delay during a run, ms: how late it could have been to see an answer that had arrived
 * (sampled each millisecond; a figure includes that millisecond).
 */
export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
}

const send = (message: FromLoadClient) => process.send!(message);
const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
let nextId = 0;

function ask<T>(call: MailCall): Promise<T> {
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    send({ kind: 'call', id, ...call });
  });
}

async function run(plan: Extract<ToLoadClient, { kind: 'run' }>): Promise<void> {
  const world: SignerWorld = {
    url: plan.url,
    signers: plan.signers,
    mailCount: () => ask<number>({ method: 'mailCount' }),
    codeFor: (email, since) => ask<string>({ method: 'codeFor', email, since }),
  };
  const stats = new Latencies();
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const failed = await runConcurrently(plan.n, plan.concurrency, (i) => signerFlow(world, plan.first + i, stats));
  loop.disable();
  const ms = (ns: number) => ns / 1e6;
  send({ kind: 'done', record: stats.record(), failed, loopDelayMs: { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) } });
}

process.on('message', (message: ToLoadClient) => {
  if (message.kind === 'run') {
    void run(message);
    return;
  }
  const waiting = pending.get(message.id);
  pending.delete(message.id);
  if (message.error !== undefined) waiting?.reject(new Error(message.error));
  else waiting?.resolve(message.value);
});
send({ kind: 'ready' });
