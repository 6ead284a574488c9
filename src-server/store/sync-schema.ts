/** A bigint column, a number both ways: open-postgres.ts reads PostgreSQL's int8 as a number, as SQLite returns it. */
type BigCount = number;

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
