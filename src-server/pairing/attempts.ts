import type { Kysely, Transaction } from 'kysely';
import type { ServerDatabase } from '../store/schema';

/*
 * Wrong pairing codes are counted in the store, per client address and in total, over a sliding window; past either
 * limit the pair endpoint stops looking codes up at all until the window has moved on. The per-address limit stops one
 * client; the total one stops many addresses guessing together. It lives in SQLite rather than in memory so a restart
 * does not reset it and the `pair` command (another process) and the server see one count.
 */
export interface AttemptLimits {
  windowMs: number;
  perAddress: number;
  total: number;
}

export const defaultAttemptLimits: AttemptLimits = { windowMs: 15 * 60_000, perAddress: 10, total: 100 };

type Db = Kysely<ServerDatabase> | Transaction<ServerDatabase>;

/** Seconds until a new attempt would be looked at, or 0 when one may be made now. */
export async function pairingBlockedFor(db: Db, ip: string, now: Date, limits: AttemptLimits): Promise<number> {
  const since = new Date(now.getTime() - limits.windowMs).toISOString();
  const recent = (where: 'ip' | 'all') => {
    let q = db.selectFrom('pairing_failures').where('at', '>', since);
    if (where === 'ip') q = q.where('ip', '=', ip);
    return q.select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('at').as('first')]).executeTakeFirstOrThrow();
  };
  for (const [scope, limit] of [['ip', limits.perAddress], ['all', limits.total]] as const) {
    const { n, first } = await recent(scope);
    if (Number(n) >= limit && first) {
      const freeAt = new Date(String(first)).getTime() + limits.windowMs;
      return Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000));
    }
  }
  return 0;
}

/** Counts one refused attempt and forgets those that have left the window. */
export async function recordPairingFailure(db: Db, ip: string, now: Date, limits: AttemptLimits): Promise<void> {
  await db.insertInto('pairing_failures').values({ ip, at: now.toISOString() }).execute();
  await db.deleteFrom('pairing_failures').where('at', '<=', new Date(now.getTime() - limits.windowMs).toISOString()).execute();
}
