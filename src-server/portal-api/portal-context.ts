import type { Kysely } from 'kysely';
import type { NewMessage } from '../../src-main/delivery/outbox/enqueue';
import type { ServerFiles } from '../publishing/server-files';
import type { ServerDatabase } from '../store/schema';

/** Writes an identity code's message to the server's outbox in the caller's transaction, with the event that records it. */
export type CodeOutbox = (trx: Kysely<ServerDatabase>, message: NewMessage & { purpose: 'otp' }) => Promise<void>;

/** What the portal's link calls work with: the store, the published files, the (test's) clock, the outbox. */
export interface PortalContext {
  db: Kysely<ServerDatabase>;
  files: ServerFiles;
  now(): Date;
  newId(): string;
  outbox: CodeOutbox;
}

/** Who made a request, as evidence: the address Fastify believes (trustProxy) and the browser's own description. */
export interface Client {
  ip: string;
  userAgent: string | null;
}
