import type { Kysely } from 'kysely';
import type { LinkOutbox } from '../publishing/link-messages';
import type { ServerFiles } from '../publishing/server-files';
import type { ServerDatabase } from '../store/schema';

/**
 * What signing on the server works with: the store and its files (the signature images), the (test's) clock, and for
 * releasing held links the public address and the links' outbox. `onAllSigned` is told, after the commit, that a
 * document's last signature is in (the seal queue's kick); without it the seal's sweep finds the document.
 */
export interface SigningContext {
  db: Kysely<ServerDatabase>;
  files: ServerFiles;
  now(): Date;
  publicUrl(): string | undefined;
  outbox: LinkOutbox;
  onAllSigned?: ((publishedId: string) => unknown) | undefined;
}

/** Where a hook's failure is told: the request's logger. */
export interface SigningLog {
  error(details: object, message: string): void;
}

/**
 * Calls `onAllSigned` once the signature that completed the document has committed, without waiting for it: the
 * signer's answer does not hang on the seal, and a failed seal is the seal queue's to retry, only logged here.
 */
export function tellAllSigned(ctx: Pick<SigningContext, 'onAllSigned'>, publishedId: string, log: SigningLog): void {
  if (!ctx.onAllSigned) return;
  const failed = (error: unknown) => log.error({ err: error, publishedId }, 'the all-signed hook failed; the seal sweep retries');
  try {
    void Promise.resolve(ctx.onAllSigned(publishedId)).catch(failed);
  } catch (error) {
    failed(error);
  }
}
