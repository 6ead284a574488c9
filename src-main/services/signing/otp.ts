import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../../src-shared/contract/errors';
import { nowIso, type ServiceContext } from '../context';

/** Six digits, valid five minutes, five tries: then the code is locked until the employee unlocks it. */
export const otpDigits = 6;
export const otpValidityMs = 5 * 60_000;
export const otpMaxAttempts = 5;

export type OtpChannel = 'email' | 'sms';

const hashOf = (salt: string, code: string) => createHash('sha256').update(`${salt}:${code}`).digest();

/**
 * A fresh code for a signer, replacing any open one. Refused while their last code is locked: otherwise a new code
 * after every five wrong guesses would make the limit meaningless. The code is returned once, for the message that
 * carries it; only its salted hash is stored.
 */
export async function issueCode(ctx: ServiceContext, signerId: number, channel: OtpChannel): Promise<{ code: string; expiresAt: string }> {
  const code = String(randomInt(0, 10 ** otpDigits)).padStart(otpDigits, '0');
  const salt = randomBytes(16).toString('hex');
  const expiresAt = new Date(ctx.now().getTime() + otpValidityMs).toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const last = await trx.selectFrom('otp_challenges').select('state').where('signer_id', '=', signerId).where('state', '!=', 'replaced').orderBy('created_at', 'desc').limit(1).executeTakeFirst();
    if (last?.state === 'locked') throw new AppError('FORBIDDEN', 'signing.otp.locked');
    await trx.updateTable('otp_challenges').set({ state: 'replaced' }).where('signer_id', '=', signerId).where('state', '=', 'open').execute();
    await trx
      .insertInto('otp_challenges')
      .values({ id: ctx.newId(), signer_id: signerId, channel, salt, code_hash: hashOf(salt, code).toString('hex'), created_at: nowIso(ctx), expires_at: expiresAt, state: 'open' })
      .execute();
  });
  return { code, expiresAt };
}

/**
 * Checks what the signer typed against their open code. A wrong code is counted before the refusal is thrown (the
 * count survives a restart); the fifth locks it. Passing consumes the code: it cannot be used twice.
 */
export async function checkCode(ctx: ServiceContext, signerId: number, typed: string): Promise<{ channel: OtpChannel }> {
  type Outcome = { channel: OtpChannel; error?: undefined } | { error: string; attemptsLeft?: number };
  const outcome = await ctx.db.transaction().execute(async (trx): Promise<Outcome> => {
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
    const attempts = challenge.attempts + 1;
    const locked = attempts >= otpMaxAttempts;
    await trx.updateTable('otp_challenges').set({ attempts, state: locked ? 'locked' : 'open' }).where('id', '=', challenge.id).execute();
    return locked ? { error: 'signing.otp.locked' } : { error: 'signing.otp.wrong', attemptsLeft: otpMaxAttempts - attempts };
  });
  if (outcome.error !== undefined) {
    // `count` picks the plural form of the message ("1 attempt left", "3 attempts left").
    const details = outcome.attemptsLeft !== undefined ? { attemptsLeft: outcome.attemptsLeft, count: outcome.attemptsLeft } : undefined;
    throw new AppError(outcome.error === 'signing.otp.locked' ? 'FORBIDDEN' : 'VALIDATION', outcome.error, details);
  }
  return { channel: outcome.channel };
}

/** The employee lets the signer ask for a new code after a lock (they are sitting next to them). */
export async function unlockCodes(ctx: ServiceContext, signerId: number): Promise<void> {
  await ctx.db.updateTable('otp_challenges').set({ state: 'replaced' }).where('signer_id', '=', signerId).where('state', '=', 'locked').execute();
}
