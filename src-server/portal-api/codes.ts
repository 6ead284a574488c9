import type { Kysely } from 'kysely';
import { AppError } from '../../src-shared/contract/errors';
import { translator } from '../../src-shared/i18n/translate';
import { codeResendLimits, type CodeSent } from '../../src-shared/portal/signing-link';
import { otpMail } from '../../src-main/delivery/mail/templates/messages';
import { checkCode, issueCode, otpValidityMs, type IssueGuard, type OtpDatabase } from '../../src-main/services/signing/otp';
import { ApiError } from '../http/api-error';
import { recordEvent } from './evidence';
import { codeStateOf, maskedAddressOf, type OpenLink } from './links';
import type { Client, PortalContext } from './portal-context';

/**
 * The resend limit, checked in the issuing transaction: not within a minute of the last code, and at most five an hour
 * (codeResendLimits). The refusal says when the next one may be asked for (Retry-After).
 */
const resendLimit =
  (now: Date): IssueGuard =>
  async (trx: Kysely<OtpDatabase>, signerId) => {
    const since = new Date(now.getTime() - codeResendLimits.windowMs).toISOString();
    const recent = await trx.selectFrom('otp_challenges').select('created_at').where('signer_id', '=', signerId).where('created_at', '>', since).orderBy('created_at', 'asc').execute();
    const last = recent.at(-1);
    if (last) {
      const wait = new Date(last.created_at).getTime() + codeResendLimits.minIntervalMs - now.getTime();
      if (wait > 0) {
        const seconds = Math.ceil(wait / 1000);
        throw new ApiError('CODE_RESEND_LIMITED', { messageKey: 'portal.code.tooSoon', values: { seconds }, retryAfterSeconds: seconds });
      }
    }
    if (recent.length >= codeResendLimits.maxPerWindow) {
      const wait = new Date(recent[0]!.created_at).getTime() + codeResendLimits.windowMs - now.getTime();
      const minutes = Math.max(1, Math.ceil(wait / 60_000));
      throw new ApiError('CODE_RESEND_LIMITED', { messageKey: 'portal.code.tooMany', values: { max: codeResendLimits.maxPerWindow, minutes }, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) });
    }
  };

/** The desktop's refusal of a locked code, in the portal's words: the preparer unlocks it, not an employee beside the signer. */
const locked = () => new ApiError('CODE_LOCKED', { messageKey: 'portal.code.locked' });

/**
 * A new 6-digit code to the signer's own address, through the server's outbox (purpose 'otp': its text is scrubbed
 * once sent), written with its evidence in one transaction. Refused while the last code is locked, and by the resend limit.
 */
export async function sendCode(ctx: PortalContext, link: OpenLink, client: Client): Promise<CodeSent> {
  const now = ctx.now();
  const issued = await issueCode(ctx, link.signerId, link.channel, resendLimit(now)).catch((error: unknown) => {
    if (error instanceof AppError && error.messageKey === 'signing.otp.locked') throw locked();
    throw error;
  });
  const minutes = otpValidityMs / 60_000;
  const content =
    link.channel === 'email'
      ? { channel: 'email' as const, ...otpMail(link.language, { company: link.companyName, title: link.title, code: issued.code, minutes }) }
      : { channel: 'sms' as const, text: translator(link.language)('signing.otpSms', { company: link.companyName, code: issued.code, minutes }) };
  await ctx.db.transaction().execute(async (trx) => {
    await ctx.outbox(trx, { ...content, to: link.address, documentId: link.documentId, purpose: 'otp' });
    await recordEvent(trx, link, 'codeSent', client, now, { channel: link.channel });
  });
  return { channel: link.channel, maskedAddress: maskedAddressOf(link), expiresAt: issued.expiresAt, nextCodeAt: new Date(now.getTime() + codeResendLimits.minIntervalMs).toISOString() };
}

/**
 * Checks the typed code. Every outcome is evidence: passed, failed (with why and the attempts left), and the failure
 * that locked the code. Five wrong codes lock it; the lock stays until the preparer unlocks it (the next part).
 */
export async function passCode(ctx: PortalContext, link: OpenLink, typed: string, client: Client): Promise<void> {
  const wasLocked = (await codeStateOf(ctx, link.signerId)) === 'locked';
  try {
    const { channel } = await checkCode(ctx, link.signerId, typed);
    await recordEvent(ctx.db, link, 'codePassed', client, ctx.now(), { channel });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.messageKey === 'signing.otp.locked') {
      if (!wasLocked) {
        await ctx.db.transaction().execute(async (trx) => {
          await recordEvent(trx, link, 'codeFailed', client, ctx.now(), { reason: 'wrong', attemptsLeft: 0 });
          await recordEvent(trx, link, 'locked', client, ctx.now());
        });
      }
      throw locked();
    }
    const reason = error.messageKey.replace(/^signing\.otp\./, '');
    const attemptsLeft = typeof error.details?.attemptsLeft === 'number' ? error.details.attemptsLeft : undefined;
    await recordEvent(ctx.db, link, 'codeFailed', client, ctx.now(), { reason, ...(attemptsLeft !== undefined ? { attemptsLeft } : {}) });
    throw new ApiError('CODE_REFUSED', { messageKey: error.messageKey, ...(attemptsLeft !== undefined ? { values: { attemptsLeft, count: attemptsLeft } } : {}) });
  }
}
