import type { Kysely, Transaction } from 'kysely';
import type { SyncEntity } from '../../src-shared/sync/protocol';
import type { SyncValue } from '../../src-shared/sync/merge';
import type { Database } from '../store/schema';

/** A record's synced fields as they go on the wire (column names, values JSON-safe). */
export type SyncedFields = Record<string, SyncValue>;

/** The field that says a record was deleted: a deletion is a change like any other, and the later stamp wins. */
export const deletedField = 'deleted';

/**
 * How one kind of record is synced: which fields, read from and written to its table. The change log compares `read`
 * with what it last recorded; a pull rebuilds the record from every field known for it and hands them to `write`.
 */
export interface SyncedRecord {
  entity: SyncEntity;
  /** The record's synced fields now, or null when there is no such row. */
  read(db: Kysely<Database>, id: string): Promise<SyncedFields | null>;
  /** Every record's id, for the first snapshot of data made before sync. */
  ids(db: Kysely<Database>): Promise<string[]>;
  /**
   * Puts the merged fields into the table (insert or update; a `deleted` record removed). 'incomplete' when a field it
   * needs has not arrived or points at something not here yet (tried again later); 'refused' with a reason when the
   * local record may not take it (a document in use, for example).
   */
  write(trx: Transaction<Database>, id: string, fields: SyncedFields, at: string): Promise<WriteOutcome>;
  /** Fields that no merge may change any more (a signed document's content), with why. */
  frozen?(db: Kysely<Database>, id: string): Promise<{ fields: ReadonlySet<string>; reason: string } | null>;
  /** Checks one incoming field against the local record (a stage move the lifecycle forbids); null when fine. */
  refuse?(db: Kysely<Database>, id: string, field: string, value: SyncValue): Promise<string | null>;
}

export type WriteOutcome = { kind: 'written' } | { kind: 'incomplete'; missing: string } | { kind: 'refused'; reason: string };

export const written: WriteOutcome = { kind: 'written' };

/** A text field of the merged record, or null. */
export function text(fields: SyncedFields, name: string): string | null {
  const v = fields[name];
  return typeof v === 'string' ? v : null;
}

export function integer(fields: SyncedFields, name: string): number | null {
  const v = fields[name];
  return typeof v === 'number' ? Math.trunc(v) : null;
}

/** The first of `names` the merged record lacks (a required field still on its way), or null. */
export function missingOf(fields: SyncedFields, names: readonly string[]): string | null {
  return names.find((n) => fields[n] === undefined || fields[n] === null) ?? null;
}
