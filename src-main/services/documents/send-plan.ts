import { AppError } from '../../../src-shared/contract/errors';
import type { DocumentDetail } from '../../../src-shared/documents/types';
import type { SaveSendPlan } from '../../../src-shared/documents/send-plan';
import { currentUser } from '../app/app-service';
import { nowIso, type ServiceContext } from '../context';
import { getDocument } from './documents-service';
import { draftAtVersion, writeAtVersion } from './draft-at-version';
import { appendDocumentEvent } from './events';
import { readSendPlan } from './read-send-plan';

/**
 * The wizard's choices of how a Draft goes out, saved as each step is left so a Draft closed at any step resumes with
 * them. Only what is given changes; the history records which parts changed. Nothing is sent: "Send" takes the plan
 * again and checks that it is complete.
 */
export async function saveSendPlan(ctx: ServiceContext, input: SaveSendPlan): Promise<DocumentDetail> {
  const user = await currentUser(ctx);
  const doc = await draftAtVersion(ctx, input.id, input.version);
  const saved = await readSendPlan(ctx.db, doc.id);
  const signerIds = new Set(doc.signers.map((s) => String(s.id)));
  const channels = Object.entries(input.channels ?? {});
  const stranger = channels.find(([id]) => !signerIds.has(id));
  if (stranger) throw new AppError('VALIDATION', 'documents.sendPlan.notASigner', { signerId: stranger[0] });

  const message = input.message === undefined ? saved.message : input.message || undefined;
  const reminderDays = input.reminderDays === undefined ? saved.reminderDays : (input.reminderDays ?? undefined);
  const columns = {
    ...(input.order !== undefined && input.order !== saved.order ? { signing_order: input.order } : {}),
    ...(input.language !== undefined && input.language !== saved.language ? { send_language: input.language } : {}),
    ...(message !== saved.message ? { send_message: message ?? null } : {}),
    ...(input.expiresOn !== undefined && input.expiresOn !== saved.expiresOn ? { send_expires_on: input.expiresOn } : {}),
    ...(reminderDays !== saved.reminderDays ? { reminder_days: reminderDays ?? null } : {}),
  };
  const changedChannels = channels.filter(([id, channel]) => saved.channels[id] !== channel);
  const names = { signing_order: 'order', send_language: 'language', send_message: 'message', send_expires_on: 'expiresOn', reminder_days: 'reminderDays' } as const;
  const changed = [...Object.keys(columns).map((c) => names[c as keyof typeof names]), ...(changedChannels.length ? ['channels'] : [])];
  if (changed.length === 0) return getDocument(ctx, doc.id);

  const at = nowIso(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await writeAtVersion(trx, doc.id, input.version, columns, at);
    for (const [id, channel] of changedChannels) await trx.updateTable('document_signers').set({ channel }).where('id', '=', Number(id)).execute();
    await appendDocumentEvent(trx, doc.id, { at, type: 'updated', actor: user.name, details: { changed: changed.join(',') } });
  });
  ctx.events.publish({ type: 'documentsChanged', ids: [doc.id] });
  return getDocument(ctx, doc.id);
}
