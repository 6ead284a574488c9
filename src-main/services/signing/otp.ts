import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { AppError } from '../../../src-shared/contract/errors';
import type { OtpChallengeTable } from '../../store/schema';

/** Six digits, valid five minutes, five tries: then the code is locked until the employee unlocks it. */
export const otpDigits = 6;
export const otpValidityMs = 5 * 60_000;
export const otpMaxAttempts = 5;

export type OtpChannel = 'email' | 'sms';

/**
 * What the codes need of a store: an `otp_challenges` table as otp-table.ts makes it. The desktop's signers
 * are numbered, the company server's have UUIDs; the rules are the same for both.
 */
export interface OtpChallengeRow extends Omit<OtpChallengeTable, 'signer_id'> {
  signer_id: number | string;
}

export interface OtpDatabase {
  otp_challenges: OtpChallengeRow;
}

/** The desktop's ServiceContext or the company server's: a store with the table, a clock and ids. */
export interface OtpContext<DB extends OtpDatabase> {
  db: Kysely<DB>;
  now(): Date;
  newId(): string;
}

/** Kysely's schema types are invariant, so the code is written against the table alone; `DB`'s constraint keeps it honest (as outbox-db.ts). */
const otpDb = <DB extends OtpDatabase>(db: Kysely<DB>) => db as unknown as Kysely<OtpDatabase>;

/**
 * A rule of the caller's on whether a new code may be issued now (the portal's resend limit), run in the issuing
 * transaction so that two requests at once cannot both pass it; it throws to refuse.
 */
export type IssueGuard = (trx: Kysely<OtpDatabase>, signerId: number | string, now: Date) => Promise<void>;

const hashOf = (salt: string, code: string) => createHash('sha256').update(`${salt}:${code}`).digest();

/**
 * A fresh code for a signer, replacing any open one. Refused while their last code is locked: otherwise a new code
 * after every five wrong guesses would make the limit meaningless. The code is returned once, for the message that
 * carries it; only its salted hash is stored.
 */
export async function issueCode<DB extends OtpDatabase>(ctx: OtpContext<DB>, signerId: number | string, channel: OtpChannel, guard?: IssueGuard): Promise<{ code: string; expiresAt: string }> {
  const code = String(randomInt(0, 10 ** otpDigits)).padStart(otpDigits, '0');
  const salt = randomBytes(16).toString('hex');
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + otpValidityMs).toISOString();
  await otpDb(ctx.db).transaction().execute(async (trx) => {
    const last = await trx.selectFrom('otp_challenges').select('state').where('signer_id', '=', signerId).where('state', '!=', 'replaced').orderBy('created_at', 'desc').limit(1).executeTakeFirst();
    if (last?.state === 'locked') throw new AppError('FORBIDDEN', 'signing.otp.locked');
    await guard?.(trx, signerId, now);
    await trx.updateTable('otp_challenges').set({ state: 'replaced' }).where('signer_id', '=', signerId).where('state', '=', 'open').execute();
    await trx
      .insertInto('otp_challenges')
      .values({ id: ctx.newId(), signer_id: signerId, channel, salt, code_hash: hashOf(salt, code).toString('hex'), created_at: now.toISOString(), expires_at: expiresAt, state: 'open' })
      .execute();
  });
  return { code, expiresAt };
}

/**
 * Checks what the signer typed against their open code. A wrong code is counted before the refusal is thrown (the
 * count survives a restart); the fifth locks it. Passing consumes the code: it cannot be used twice.
 */
export async function checkCode<DB extends OtpDatabase>(ctx: OtpContext<DB>, signerId: number | string, typed: string): Promise<{ channel: OtpChannel }> {
  type Outcome = { channel: OtpChannel; error?: undefined } | { error: string; attemptsLeft?: number };
  const outcome = await otpDb(ctx.db).transaction().execute(async (trx): Promise<Outcome> => {
    const challenge = await trx.selectFrom('otp_challenges').selectAll().where('signer_id', '=', signerId).where('state', '!=', 'replaced').orderBy('created_at', 'desc').limit(1).executeTakeFirst();
    if (!challenge || challenge.state === 'passed') return { error: 'signing.otp.none' };
    if (challenge.state === 'locked') return { error: 'signing.otp.locked' };
    if (ctx.now().toISOString() > challenge.expires_at) return { error: 'signing.otp.expired' };
    const digits = typed.replace(/\s+/g, '');
    const expected = Buffer.from(challenge.code_hash, 'hex');
    if (/^\d+$/.test(digits) && timingSafeEqual(hashOf(challenge.salt, digits), expected)) {
      await trx.updateTable('otp_challenges').set({ state: 'passed' }).where('id', '=', challenge.id).execute();
      return { channel: challenge.channel as OtpChannel };
    }
    // Counted in place: on the company server's PostgreSQL two wrong codes at once each count (a read-then-write
    // would let one overwrite the other's count and give a guesser more tries than the limit).
    const counted = await trx
      .updateTable('otp_challenges')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), state: sql<'locked' | 'open'>`case when attempts + 1 >= ${otpMaxAttempts} then 'locked' else 'open' end` }))
      .where('id', '=', challenge.id)
      .where('state', '=', 'open')
      .returning('attempts')
      .executeTakeFirst();
    if (!counted || counted.attempts >= otpMaxAttempts) return { error: 'signing.otp.locked' };
    return { error: 'signing.otp.wrong', attemptsLeft: otpMaxAttempts - counted.attempts };
  });
  if (outcome.error !== undefined) {
    // `count` picks the plural form of the message ("1 attempt left", "3 attempts left").
    const details = outcome.attemptsLeft !== undefined ? { attemptsLeft: outcome.attemptsLeft, count: outcome.attemptsLeft } : undefined;
    throw new AppError(outcome.error === 'signing.otp.locked' ? 'FORBIDDEN' : 'VALIDATION', outcome.error, details);
  }
  return { channel: outcome.channel };
}

/**
 * The employee lets the signer ask for a new code after a lock (sitting next to them, or the preparer of a portal
 * signer's link); how many locked codes it freed, 0 when none was locked (the server records evidence only then).
 */
export async function unlockCodes<DB extends OtpDatabase>(ctx: Pick<OtpContext<DB>, 'db'>, signerId: number | string): Promise<number> {
  const result = await otpDb(ctx.db).updateTable('otp_challenges').set({ state: 'replaced' }).where('signer_id', '=', signerId).where('state', '=', 'locked').executeTakeFirst();
  return Number(result.numUpdatedRows);
}
