import type { Generated } from 'kysely';
import type { OutboxTable } from '../../src-main/store/schema';
import type { AccountTables } from './accounts-schema';
import type { RequestCountTable } from './request-counts';

import type { PortalTables } from './portal-schema';
import type { PublishingTables } from './publishing-schema';
import type { SyncTables } from './sync-schema';
import type { AutomationConditionStateTable, AutomationJobTable } from '../../src-main/automation/engine/job-table';

/** The company server's tables as SQLite stores them: times as ISO-8601 UTC text, secrets only as SHA-256 hex. */
export interface ServerSettingTable {
  key: string;
  value: string;
}

/** A one-time code from `signet-server pair`: kept as its hash, good until `expires_at`, spent once (`used_at`). */
export interface PairingCodeTable {
  hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  /** The device the code paired, once used. */
  device_id: string | null;
}

/** A desktop linked to this server. Its API token exists only on that desktop; here only its hash. */
export interface DeviceTable {
  id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
  /** The account the device signed in as (migration 010). */
  account_id: string | null;
}

/** One refused pairing attempt, counted per client address to slow down guessing (see pairing/attempts.ts). */
export interface PairingFailureTable {
  id: Generated<number>;
  ip: string;
  at: string;
}

export interface ServerDatabase extends PublishingTables, PortalTables, SyncTables, AccountTables {
  server_settings: ServerSettingTable;
  pairing_codes: PairingCodeTable;
  devices: DeviceTable;
  pairing_failures: PairingFailureTable;
  /** Migration 002: the desktop's outbox table (src-main/delivery/outbox/outbox-table.ts), sent by the same worker. */
  outbox: OutboxTable;
  /** Migration 011: request limits counted in the database (request-counts.ts). */
  request_counts: RequestCountTable;
  /** Migration 014: the automation engine's tables, as on the desktop; `n` is the order jobs were written in. */
  automation_jobs: AutomationJobTable & { n: Generated<number> };
  automation_condition_states: AutomationConditionStateTable;
}
