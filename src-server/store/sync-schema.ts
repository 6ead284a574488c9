import type { ColumnType } from 'kysely';

/** A bigint column: a number going in, and on PostgreSQL a string coming out (read it with Number()). */
type BigCount = ColumnType<number | string, number, number>;

/** The winning entry per field (kind field) or per event (kind event); see migration 009. */
export interface SyncEntryTable {
  kind: 'field' | 'event';
  entity: string;
  entity_id: string;
  /** The field's name, or the event's id. */
  key: string;
  /** The field's value as JSON, or the event's body. */
  value: string;
  stamp: string;
  seq: BigCount;
  /** The device that pushed it. */
  device_id: string;
  accepted_at: string;
}

export interface SyncCounterTable {
  id: number;
  last: BigCount;
}

export interface SyncTables {
  sync_entries: SyncEntryTable;
  sync_counter: SyncCounterTable;
}
