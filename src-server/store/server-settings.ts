import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ServerDatabase } from './schema';

type Db = Kysely<ServerDatabase>;

export async function readServerSetting(db: Db, key: string): Promise<string | null> {
  const row = await db.selectFrom('server_settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

export async function writeServerSetting(db: Db, key: string, value: string): Promise<void> {
  await db
    .insertInto('server_settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/**
 * This server's identity, made once when its data folder is new: desktops remember it, so a desktop pointed at another
 * server (or at a reinstalled one with a fresh folder) can tell it is not the one it paired with.
 */
export async function ensureServerId(db: Db): Promise<string> {
  await db.insertInto('server_settings').values({ key: 'server.id', value: randomUUID() }).onConflict((oc) => oc.doNothing()).execute();
  return (await readServerSetting(db, 'server.id'))!;
}
