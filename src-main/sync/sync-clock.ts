import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { decodeStamp, encodeStamp, receive, tick, zeroStamp, type HlcStamp } from '../../src-shared/sync/hlc';
import type { Database } from '../store/schema';

const nodeKey = 'sync.node';
const clockKey = 'sync.clock';

/** This install's clock node: random, made once, so two laptops never stamp alike. */
async function nodeOf(db: Kysely<Database>): Promise<string> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', nodeKey).executeTakeFirst();
  if (row) return row.value;
  const node = randomUUID().replaceAll('-', '');
  await db.insertInto('settings').values({ key: nodeKey, value: node }).onConflict((oc) => oc.doNothing()).execute();
  return (await db.selectFrom('settings').select('value').where('key', '=', nodeKey).executeTakeFirstOrThrow()).value;
}

async function lastStamp(db: Kysely<Database>, node: string): Promise<HlcStamp> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', clockKey).executeTakeFirst();
  return row ? decodeStamp(row.value) : zeroStamp(node);
}

async function store(db: Kysely<Database>, stamp: HlcStamp): Promise<void> {
  const value = encodeStamp(stamp);
  await db.insertInto('settings').values({ key: clockKey, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}

/** The stamp for a write made now, kept in the caller's transaction (the clock never goes back, whatever the wall clock). */
export async function nextStamp(db: Kysely<Database>, nowMs: number): Promise<HlcStamp> {
  const node = await nodeOf(db);
  const stamp = tick(await lastStamp(db, node), nowMs, node);
  await store(db, stamp);
  return stamp;
}

/** Moves the clock past a pulled stamp, so what is written here next comes after what was seen. */
export async function observeStamp(db: Kysely<Database>, remote: HlcStamp, nowMs: number): Promise<void> {
  const node = await nodeOf(db);
  await store(db, receive(await lastStamp(db, node), remote, nowMs, node));
}
