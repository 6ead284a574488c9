import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Log } from '../../src-main/app/log';
import { enqueue, type Enqueued, type NewMessage } from '../../src-main/delivery/outbox/enqueue';
import { createOutboxWorker, type OutboxWorker, type OutboxWorkerOptions } from '../../src-main/delivery/outbox/worker';
import type { SmtpTimeouts } from '../../src-main/delivery/mail/smtp-channel';
import { createEventBus } from '../../src-main/services/events/event-bus';
import type { ServerDelivery } from '../config/server-config';
import type { DocumentFiles } from '../files/document-files';
import { serverFiles } from '../publishing/server-files';
import type { ServerStore } from '../store/open-server-store';
import type { ServerDatabase } from '../store/schema';
import { serverChannels } from './server-channels';

export interface ServerOutbox {
  /** Writes a message to the server's outbox, within `trx` when given (a change and its messages commit together), and wakes the worker. */
  enqueue(message: NewMessage, trx?: Kysely<ServerDatabase>): Promise<Enqueued>;
  worker: OutboxWorker;
  files: DocumentFiles;
  /** Settles what a previous run left half-sent, then sends as messages come due. */
  start(): Promise<void>;
  /** Lets a message being sent finish (or leaves it to the next start's recovery), then ends the worker's waits. */
  stop(): Promise<void>;
}

export interface ServerOutboxOptions {
  store: ServerStore;
  dataDir: string;
  delivery: ServerDelivery;
  log: Log;
  now?: () => Date;
  worker?: Partial<Omit<OutboxWorkerOptions, 'channels'>>;
  smtpTimeouts?: SmtpTimeouts;
}

/**
 * The desktop's durable outbox on the server's own store: the same table, the same enqueue, worker, backoff, recovery
 * and one-time scrub (src-main/delivery/outbox/), over the server's channels. One worker per data folder, as on the
 * desktop: recovery relies on no other process sending from the same table.
 */
export function createServerOutbox(options: ServerOutboxOptions): ServerOutbox {
  const now = options.now ?? (() => new Date());
  const files = serverFiles(options.dataDir).files;
  const events = createEventBus();
  const context = { db: options.store.db, files, now, log: options.log, events, newId: randomUUID };
  // On PostgreSQL other instances may send from the same outbox: claims are leases (10 minutes, well past any send's
  // timeouts) so that a start or a pass here never takes over a message another live instance is sending.
  const shared = options.store.dialect === 'postgres' ? { sharedLeaseMs: 10 * 60_000 } : {};
  const worker = createOutboxWorker<ServerDatabase>(context, { channels: serverChannels(options.delivery, now, options.smtpTimeouts), ...shared, ...options.worker });
  return {
    enqueue: (message, trx) => enqueue<ServerDatabase>(context, message, trx),
    worker,
    files,
    async start() {
      const swept = await files.sweepTemp();
      if (swept > 0) options.log.warn('removed unfinished file writes', { count: swept });
      await worker.start();
    },
    async stop() {
      await worker.stop();
      events.close();
    },
  };
}
