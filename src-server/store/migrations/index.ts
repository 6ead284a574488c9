import type { Migration } from '../../../src-main/store/migrations/migration';
import { pairing } from './001-pairing';

/**
 * The server's schema, in the desktop store's style: ordered, append only, a shipped migration never edited. Next come
 * the published documents, their signing links, the events desktops follow, and the server's own outbox.
 */
export const serverMigrations: readonly Migration[] = [pairing];

export const serverSchemaVersion = serverMigrations.length;
