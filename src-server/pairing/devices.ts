import type { Kysely } from 'kysely';
import type { ServerDatabase } from '../store/schema';
import { sha256Hex } from './secrets';

export interface Device {
  id: string;
  name: string;
  pairedAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
  /** The account it signed in as (null only before migration 010 gave every device one). */
  accountId: string | null;
}

type Db = Kysely<ServerDatabase>;

/** `last_seen_at` is refreshed at most this often, so a busy desktop does not write to the store on every request. */
const lastSeenResolutionMs = 60_000;

function deviceOf(row: { id: string; name: string; created_at: string; last_seen_at: string | null; revoked_at: string | null; account_id: string | null }): Device {
  return { id: row.id, name: row.name, pairedAt: row.created_at, lastSeenAt: row.last_seen_at, revokedAt: row.revoked_at, accountId: row.account_id };
}

/**
 * The device holding this token, revoked or not (the caller tells a revoked device apart from an unknown token), or
 * null; an unrevoked one is marked seen.
 */
export async function deviceForToken(db: Db, token: string, now: Date): Promise<Device | null> {
  const row = await db.selectFrom('devices').selectAll().where('token_hash', '=', sha256Hex(token)).executeTakeFirst();
  if (!row) return null;
  if (row.revoked_at) return deviceOf(row);
  const nowIso = now.toISOString();
  const staleBefore = new Date(now.getTime() - lastSeenResolutionMs).toISOString();
  if (!row.last_seen_at || row.last_seen_at < staleBefore) {
    await db.updateTable('devices').set({ last_seen_at: nowIso }).where('id', '=', row.id).execute();
    row.last_seen_at = nowIso;
  }
  return deviceOf(row);
}

/** Every device, or one account's. */
export async function listDevices(db: Db, accountId?: string): Promise<Device[]> {
  let query = db.selectFrom('devices').selectAll();
  if (accountId !== undefined) query = query.where('account_id', '=', accountId);
  return (await query.orderBy('created_at').orderBy('id').execute()).map(deviceOf);
}

/** True when a device with this id was paired and not yet revoked; its token stops working at once. */
export async function revokeDevice(db: Db, id: string, now: Date): Promise<boolean> {
  const result = await db.updateTable('devices').set({ revoked_at: now.toISOString() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Revokes every unrevoked device of an account (the administrator's "reset devices"); how many there were. */
export async function revokeAccountDevices(db: Db, accountId: string, now: Date): Promise<number> {
  const result = await db.updateTable('devices').set({ revoked_at: now.toISOString() }).where('account_id', '=', accountId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
