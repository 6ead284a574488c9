import { AppError } from '../../../src-shared/contract/errors';
import { phoneRegion, toE164 } from '../../../src-shared/contacts/phone';
import type { DocumentSummary } from '../../../src-shared/documents/types';
import { translator } from '../../../src-shared/i18n/translate';
import { maskEmail, maskPhone } from '../../../src-shared/pdf/certificate';
import { mayNowSign } from '../../../src-shared/signing/order';
import { otpMail } from '../../delivery/mail/templates/messages';
import { enqueue } from '../../delivery/outbox/enqueue';
import { currentUser } from '../app/app-service';
import { nowIso, type ServiceContext } from '../context';
import { appendDocumentEvent } from '../documents/events';
import { companyVoice } from './message-context';
import { checkCode, issueCode, otpValidityMs, unlockCodes, type OtpChannel } from './otp';
import { declineAsSigner, signAsSigner, type SignatureMethod } from './sign';
import { signingState } from './signing-state';
import { touchDocument } from './system-move';

/** How long a passed code lets the signer sign: long enough to read the document, not all afternoon. */
export const identityValidityMs = 30 * 60_000;

interface InPersonSigner {
  documentId: string;
  signerId: number;
}

/** A counterparty signer of a document out for signing who signs in person, with their contact details. */
async function inPersonSigner(ctx: ServiceContext, input: InPersonSigner) {
  const state = await signingState(ctx, input.documentId);
  const row = await ctx.db
    .selectFrom('document_signers')
    .leftJoin('contacts', 'contacts.id', 'document_signers.contact_id')
    .select(['document_signers.side', 'document_signers.channel', 'document_signers.status', 'contacts.first_name', 'contacts.last_name', 'contacts.email', 'contacts.phone', 'contacts.country'])
    .where('document_signers.id', '=', input.signerId)
    .where('document_signers.document_id', '=', input.documentId)
    .executeTakeFirst();
  if (!row || row.side !== 'counterparty' || row.channel !== 'inPerson') throw new AppError('VALIDATION', 'signing.inPerson.notInPerson');
  return { state, row, name: `${row.first_name ?? ''} ${row.last_name ?? ''}`.trim() };
}

/**
 * The employee starts in-person signing: a code goes to the signer's own address (never shown on this screen), through
 * the outbox in the same transaction as the event that records it.
 */
export async function startInPerson(ctx: ServiceContext, input: InPersonSigner & { channel: OtpChannel }): Promise<{ expiresAt: string; sentTo: string }> {
  const employee = await currentUser(ctx);
  const { state, row, name } = await inPersonSigner(ctx, input);
  if (!mayNowSign(state.doc.signers, state.order, input.signerId)) throw new AppError('VALIDATION', 'signing.notYourTurn');
  const to = input.channel === 'email' ? row.email : row.phone ? toE164(row.phone, phoneRegion(row.country ?? undefined)) : null;
  if (!to) throw new AppError('VALIDATION', input.channel === 'email' ? 'signing.inPerson.noEmail' : 'signing.inPerson.noPhone', { signer: name });
  const { code, expiresAt } = await issueCode(ctx, input.signerId, input.channel);
  const { company, language } = await companyVoice(ctx);
  const minutes = otpValidityMs / 60_000;
  const message =
    input.channel === 'email'
      ? { channel: 'email' as const, ...otpMail(language, { company, title: state.doc.title, code, minutes }) }
      : // The Polish text is ASCII on purpose: one Polish letter makes an SMS UCS-2 (70 characters a part), doubling its cost.
        { channel: 'sms' as const, text: translator(language)('signing.otpSms', { company, code, minutes }) };
  const at = nowIso(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await enqueue(ctx, { ...message, to, documentId: input.documentId, purpose: 'otp' }, trx);
    await appendDocumentEvent(trx, input.documentId, { at, type: 'otpSent', actor: employee.name, details: { signer: String(input.signerId), channel: input.channel } });
  });
  return { expiresAt, sentTo: input.channel === 'email' ? maskEmail(to) : maskPhone(to) };
}

/** The signer types the code: passed, they are marked identity-checked (the history says how). */
export async function checkInPerson(ctx: ServiceContext, input: InPersonSigner & { code: string }): Promise<{ identityCheck: 'emailCode' | 'smsCode' }> {
  const { state, name } = await inPersonSigner(ctx, input);
  const { channel } = await checkCode(ctx, input.signerId, input.code);
  const at = nowIso(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('document_signers').set({ status: 'identityChecked', identity_check: channel === 'email' ? 'emailCode' : 'smsCode' }).where('id', '=', input.signerId).execute();
    await touchDocument(trx, state.doc.id, at);
    await appendDocumentEvent(trx, state.doc.id, { at, type: 'identityChecked', actor: name, details: { signer: String(input.signerId), channel } });
  });
  ctx.events.publish({ type: 'documentsChanged', ids: [state.doc.id] });
  return { identityCheck: channel === 'email' ? 'emailCode' : 'smsCode' };
}

/** What signing in person needs first: a code passed by this signer, not too long ago. */
async function checkedIdentity(ctx: ServiceContext, signerId: number): Promise<'emailCode' | 'smsCode'> {
  const passed = await ctx.db.selectFrom('otp_challenges').select(['channel', 'created_at']).where('signer_id', '=', signerId).where('state', '=', 'passed').orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  if (!passed || ctx.now().getTime() - new Date(passed.created_at).getTime() > identityValidityMs) throw new AppError('FORBIDDEN', 'signing.inPerson.identityNotChecked');
  return passed.channel === 'sms' ? 'smsCode' : 'emailCode';
}

export async function signInPerson(ctx: ServiceContext, input: InPersonSigner & { method: SignatureMethod; image: string; consent: boolean; values?: Readonly<Record<string, unknown>> }): Promise<DocumentSummary> {
  const { name } = await inPersonSigner(ctx, input);
  const identityCheck = await checkedIdentity(ctx, input.signerId);
  return signAsSigner(ctx, { ...input, identityCheck, actor: name });
}

export async function declineInPerson(ctx: ServiceContext, input: InPersonSigner & { reason: string }): Promise<DocumentSummary> {
  const { name } = await inPersonSigner(ctx, input);
  await checkedIdentity(ctx, input.signerId);
  return declineAsSigner(ctx, { ...input, actor: name });
}

/** After five wrong codes the employee, sitting next to the signer, lets them ask for a new one; the history says who. */
export async function unlockInPerson(ctx: ServiceContext, input: InPersonSigner): Promise<void> {
  const employee = await currentUser(ctx);
  await inPersonSigner(ctx, input);
  await unlockCodes(ctx, input.signerId);
  await ctx.db.transaction().execute((trx) => appendDocumentEvent(trx, input.documentId, { at: nowIso(ctx), type: 'otpUnlocked', actor: employee.name, details: { signer: String(input.signerId) } }));
}
