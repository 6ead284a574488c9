import type { PolicyState } from '../../src-shared/policy/policy';
import type { Kysely } from 'kysely';
import type { Log } from '../app/log';
import type { EventBus } from './events/event-bus';
import type { SafeStorageCheck } from '../secrets/safe-storage-store';
import type { SecretStore } from '../secrets/secret-store';
import type { FileStore } from '../store/file-store';
import type { Database } from '../store/schema';
import type { UpdatesPort } from '../updates/update-controller';
import type { OpenedFiles } from './pdf/opened-files';

/** What every service needs, passed in so tests can use a temp folder, a fixed clock and real SQLite. */
export interface ServiceContext {
  db: Kysely<Database>;
  files: FileStore;
  dataDir: string;
  resourcesDir: string;
  appVersion: string;
  /** The OS account name, used to pre-fill the administrator's name on first run. */
  osUserName: string;
  log: Log;
  /** Where private keys go: the OS keychain through keytar. */
  keychain: SecretStore;
  /** Electron only: safeStorage, which the administrator may choose when the keychain cannot be used. */
  safeStorage?: { check(): SafeStorageCheck; store: SecretStore } | undefined;
  /** Tells open windows what changed (`events.wait`). */
  events: EventBus;
  now(): Date;
  newId(): string;
  /** The machine's managed policy (issue 10), read at start; none when IT deployed none. */
  policy?: PolicyState | undefined;
  /** The app's own updates (issue 10): electron-updater in the packaged shell; off everywhere else. */
  updates?: UpdatesPort | undefined;
  /** PDFs the OS opened with the app ("Open with Signet"), for Verify to take; none in the browser host unless given. */
  openedFiles?: OpenedFiles | undefined;
}

export function nowIso(ctx: Pick<ServiceContext, 'now'>): string {
  return ctx.now().toISOString();
}

/** Today's date (UTC) as yyyy-MM-dd, for file names. */
export function todayIso(ctx: Pick<ServiceContext, 'now'>): string {
  return ctx.now().toISOString().slice(0, 10);
}
