import type { Kysely } from 'kysely';
import type { OutboxTable } from '../../store/schema';

/** What the outbox needs of a store: an `outbox` table as migration 008 made it (the desktop's, the company server's). */
export interface OutboxDatabase {
  outbox: OutboxTable;
}

/**
 * The store seen as its outbox table alone. Kysely's types are invariant in the schema (a `Kysely<Database>` is not a
 * `Kysely<{ outbox }>`), so the outbox's code is written against this narrow view; the constraint on `DB` is what
 * keeps the cast honest: a store without that table does not type-check.
 */
export function outboxDb<DB extends OutboxDatabase>(db: Kysely<DB>): Kysely<OutboxDatabase> {
  return db as unknown as Kysely<OutboxDatabase>;
}
