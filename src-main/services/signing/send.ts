import { AppError } from '../../../src-shared/contract/errors';
import type { DocumentSummary } from '../../../src-shared/documents/types';
import { signingPhase, type SigningOrder } from '../../../src-shared/signing/order';
import { currentUser } from '../app/app-service';
import { nowIso, type ServiceContext } from '../context';
import { summariesOf } from '../documents/document-rows';
import { appendDocumentEvent } from '../documents/events';
import { readUsableLink } from '../company-server/link-store';
import { queuePublish } from '../company-server/publish-job';
import { currentSourcedValues } from '../documents/fields-service';
import { moveToPhase } from './system-move';
import { signersWithPeople } from '../documents/signer-people';

/** The default: a link is valid for 14 days. */
export const defaultExpiryDays = 14;

export type SignerChannel = 'app' | 'inPerson' | 'email' | 'sms';

export interface SendPlan {
  id: string;
  version: number;
  order: SigningOrder;
  /** yyyy-MM-dd: the last day the document can be signed (end of that day, UTC). */
  expiresOn?: string | undefined;
  /** Per signer id; company signers who use this app sign in it ('app'). */
  channels: Record<string, SignerChannel>;
  message?: string | undefined;
  language?: 'pl' | 'en' | undefined;
  reminderDays?: number | undefined;
}

/**
 * Sends a Draft for signing: every signer waits for their turn in the chosen order, the document moves to the phase
 * that order puts it in, and the history records it. Without a company server linked, a counterparty can only sign
 * in person on this computer, and that is what is refused otherwise; with one, a counterparty with an address may be
 * sent a link by e-mail or SMS, and the send writes the job that publishes the document there (publish-job.ts).
 */
export async function sendDocument(ctx: ServiceContext, plan: SendPlan, as?: { actor: string }): Promise<DocumentSummary> {
  const user = await currentUser(ctx);
  const [doc] = await summariesOf(ctx, [plan.id]);
  if (!doc) throw new AppError('NOT_FOUND', 'documents.notFound');
  if (doc.phase !== 'draft') throw new AppError('VALIDATION', 'signing.notDraft');
  if (doc.version !== plan.version) throw new AppError('VALIDATION', 'documents.changedMeanwhile', { version: doc.version });
  if (doc.signers.length === 0) throw new AppError('VALIDATION', 'signing.noSigners');
  const serverLinked = (await readUsableLink(ctx)) !== null;
  const addresses = await counterpartyAddresses(ctx, doc.id);
  for (const signer of doc.signers) {
    const channel = plan.channels[String(signer.id)];
    if (!channel) throw new AppError('VALIDATION', 'signing.channelMissing', { signer: signer.name });
    if (signer.side === 'company' && signer.userId && channel !== 'app') throw new AppError('VALIDATION', 'signing.companySignsInApp', { signer: signer.name });
    if (signer.side === 'counterparty' && channel !== 'inPerson') {
      if (!serverLinked || (channel !== 'email' && channel !== 'sms')) throw new AppError('VALIDATION', 'signing.noServerInPersonOnly', { signer: signer.name });
      const address = addresses.get(signer.id);
      if (channel === 'email' && !address?.email) throw new AppError('VALIDATION', 'signing.noEmailAddress', { signer: signer.name });
      if (channel === 'sms' && !address?.phone) throw new AppError('VALIDATION', 'signing.noPhoneNumber', { signer: signer.name });
    }
  }
  const remote = doc.signers.some((s) => ['email', 'sms'].includes(plan.channels[String(s.id)]!));
  const now = ctx.now();
  const expires = plan.expiresOn ? new Date(`${plan.expiresOn}T23:59:59.999Z`) : new Date(now.getTime() + defaultExpiryDays * 86_400_000);
  if (expires.getTime() <= now.getTime()) throw new AppError('VALIDATION', 'signing.expiryInPast');
  // What the signed PDF will say for a field that fills from a contact is the contact as it is now, not as placed.
  const sourced = await currentSourcedValues(ctx, doc.id);
  const at = nowIso(ctx);
  const sent = doc.signers.map((s) => ({ ...s, status: 'sent' as const }));
  await ctx.db.transaction().execute(async (trx) => {
    await sourced?.write(trx, at);
    const updated = await trx
      .updateTable('documents')
      .set((eb) => ({
        signing_order: plan.order,
        sent_at: at,
        expires_at: expires.toISOString(),
        // Kept for the messages and reminders, which read the preparer's choice.
        send_message: plan.message || null,
        send_language: plan.language ?? null,
        reminder_days: plan.reminderDays ?? null,
        updated_at: at,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', doc.id)
      .where('version', '=', plan.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError('VALIDATION', 'documents.changedMeanwhile');
    for (const signer of doc.signers) {
      await trx.updateTable('document_signers').set({ status: 'sent', channel: plan.channels[String(signer.id)]! }).where('id', '=', signer.id).execute();
    }
    await appendDocumentEvent(trx, doc.id, { at, type: 'sent', actor: as?.actor ?? user.name, details: { order: plan.order, expiresAt: expires.toISOString() } });
    await moveToPhase(trx, doc.id, signingPhase(sent, plan.order), at, 'sent');
    if (remote) await queuePublish(trx, doc.id, at);
  });
  ctx.events.publish({ type: 'documentsChanged', ids: [doc.id] });
  const [after] = await summariesOf(ctx, [doc.id]);
  return after!;
}

/** Each counterparty signer's e-mail address and phone, from their contact, by signer id. */
async function counterpartyAddresses(ctx: ServiceContext, documentId: string): Promise<Map<number, { email: string | null; phone: string | null }>> {
  const rows = await signersWithPeople(ctx.db, documentId)
    .select(['document_signers.id', 'contacts.email', 'contacts.phone'])
    .where('document_signers.side', '=', 'counterparty')
    .execute();
  return new Map(rows.map((r) => [r.id, { email: r.email, phone: r.phone }]));
}
