import type { Kysely } from 'kysely';
import type { Log } from '../../src-main/app/log';
import type { NewMessage } from '../../src-main/delivery/outbox/enqueue';
import type { ServerFiles } from '../publishing/server-files';
import type { Sealer } from '../seal/sealer';
import type { ServerDatabase } from '../store/schema';
import type { ComposeAndSeal } from './compose-and-seal';

/** Writes a message to the server's outbox in the caller's transaction: the seal and its e-mails commit together. */
export type SealOutbox = (trx: Kysely<ServerDatabase>, message: NewMessage) => Promise<void>;

/** What sealing a published document works with. */
export interface SealContext {
  db: Kysely<ServerDatabase>;
  files: ServerFiles;
  now(): Date;
  /** The server's seal (`--seal-p12`); without one a fully signed document waits, all signed and not sealed. */
  sealer: Sealer | undefined;
  /** Where the certificate's fonts are (resources/fonts), as the desktop composes with them. */
  resourcesDir: string;
  /** Where composing and sealing run (the built server: a worker thread, seal-thread.ts); on this thread with `sealer` when absent. */
  composeAndSeal?: ComposeAndSeal | undefined;
  outbox: SealOutbox;
  log: Log;
}
