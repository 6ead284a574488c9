import type { Kysely, Transaction } from 'kysely';
import type { ApiErrorCode } from '../../src-shared/company-server/api';
import { ApiError } from '../http/api-error';
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

/** What a limited attempt's body returns to refuse it: counted as a wrong try unless `uncounted`. */
export interface Refusal {
  refused: ApiErrorCode;
  uncounted?: boolean;
}

/**
 * Spends a one-time code (pairing or enrolment) under the attempt limits: the limit check, the body's own checks and
 * writes, or the counted refusal, in one transaction. On SQLite the store's one connection runs one transaction at a
 * time, so parallel wrong codes cannot all pass the limit check before any of them is counted. A refusal is returned
 * from the transaction rather than thrown, so its count is committed.
 */
export async function withAttemptLimit<T extends object>(
  db: Kysely<ServerDatabase>,
  attempt: { ip: string; now: Date; limits: AttemptLimits },
  body: (trx: Transaction<ServerDatabase>) => Promise<T | Refusal>,
): Promise<T> {
  const outcome = await db.transaction().execute(async (trx): Promise<T | Refusal | { blockedFor: number }> => {
    const blockedFor = await pairingBlockedFor(trx, attempt.ip, attempt.now, attempt.limits);
    if (blockedFor > 0) return { blockedFor };
    const result = await body(trx);
    if ('refused' in result && !result.uncounted) await recordPairingFailure(trx, attempt.ip, attempt.now, attempt.limits);
    return result;
  });
  if ('blockedFor' in outcome) throw new ApiError('PAIRING_RATE_LIMITED', { retryAfterSeconds: outcome.blockedFor });
  if ('refused' in outcome) throw new ApiError(outcome.refused);
  return outcome;
}
