import { randomUUID } from 'node:crypto';
import type { Log } from '../../src-main/app/log';
import type { AutomationWorker } from '../../src-main/automation/engine/worker';
import { createEngineWorker } from '../../src-main/automation/engine/worker';
import type { RetryPolicy } from '../../src-main/delivery/outbox/backoff';
import type { DocumentFiles } from '../files/document-files';
import type { ServerStore } from '../store/open-server-store';
import { serverExecutors, webhookSecretEnv, type ServerExecutorContext } from './server-executors';
import { serverHost } from './server-host';
import { webhookAddressRefusal } from './webhook-address';

/** Set to `allow` for the server to call webhooks at private addresses (a receiver inside the company's network). */
export const privateWebhooksEnv = 'SIGNET_WEBHOOKS_PRIVATE';

export interface ServerAutomationOptions {
  store: ServerStore;
  files: DocumentFiles;
  log: Log;
  enqueue: ServerExecutorContext['enqueue'];
  now?: () => Date;
  env?: NodeJS.ProcessEnv;
  timeZone?: string;
  policy?: RetryPolicy;
  idleMs?: number;
}

/**
 * The server's automation worker (issue 9): the desktop's engine over the server's store, woken by what wakes the
 * feed (every job is written with a feed entry or a push, each of which wakes it). On PostgreSQL every instance runs
 * one: a claim is a ten-minute lease, so two instances never run one job, and a dead instance's job is taken over.
 */
export function createServerAutomation(options: ServerAutomationOptions): AutomationWorker {
  const now = options.now ?? (() => new Date());
  const env = options.env ?? process.env;
  const wake = options.store.feedWake;
  let cursor = 0;
  const events = {
    // The due loop's wait, over the feed's wake: any append (here, or on another instance) looks at the jobs again.
    async wait(_after: number, timeoutMs: number) {
      if (timeoutMs > 0) await wake.wait(timeoutMs);
      return { cursor: ++cursor, events: [], reset: false };
    },
  };
  // A receiver on the company's own network is called only when the server is told so.
  const allowPrivate = env[privateWebhooksEnv] === 'allow';
  const executors = serverExecutors({
    db: options.store.db,
    files: options.files,
    enqueue: options.enqueue,
    webhookSecret: (name) => env[webhookSecretEnv(name)] || null,
    webhookRefusal: (url) => webhookAddressRefusal(url, { allowPrivate }),
  });
  return createEngineWorker(serverHost(options.store.db, options.timeZone), { now, log: options.log, newId: randomUUID, events }, {
    executors,
    ...(options.store.dialect === 'postgres' ? { sharedLeaseMs: 10 * 60_000 } : {}),
    ...(options.policy ? { policy: options.policy } : {}),
    ...(options.idleMs ? { idleMs: options.idleMs } : {}),
  });
}
