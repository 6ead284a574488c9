import type { Migration } from '../../../src-main/store/migrations/migration';
import { pairing } from './001-pairing';
import { outbox } from './002-outbox';
import { publishing } from './003-publishing';

/**
 * The server's schema, in the desktop store's style: ordered, append only, a shipped migration never edited. Next come
 * the events desktops follow.
 */
export const serverMigrations: readonly Migration[] = [pairing, outbox, publishing];

export const serverSchemaVersion = serverMigrations.length;
