import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { follow } from '../../src-main/automation/engine/follow';
import type { TriggerEvent } from '../../src-shared/automation/automation';
import type { ServerEventType } from '../../src-shared/company-server/events';
import type { Phase } from '../../src-shared/documents/lifecycle';
import { signingPhase, type SigningOrder } from '../../src-shared/signing/order';
import type { FeedEntry } from '../feed/feed';
import type { ServerDatabase } from '../store/schema';
import { automatedPublication, type PublishedAutomation } from './published-facts';
import { serverHost } from './server-host';
import { moveToPhaseOnServer } from './server-moves';

/*
 * Where the server's engine hears about what happened to a handed-over document (issue 9): every step on it is a
 * feed entry appended in the step's transaction, and this runs in that transaction — a portal view, a passed code,
 * a signature (made on the portal, or on a desktop and reported), a decline, the seal, the deadline, and the
 * server's own moves. The desktop writes these into the history without following them (its engine leaves a
 * handed-over document to the server), so each is followed once, here.
 */

const direct: Partial<Record<ServerEventType, TriggerEvent>> = { viewed: 'viewed', codePassed: 'identityPassed', declined: 'declined', sealed: 'sealed', expired: 'expired' };
const lifecycle: Partial<Record<ServerEventType, Phase>> = { sealed: 'signed', declined: 'declined', expired: 'expired' };

type Signers = { id: string; side: string; status: string }[];

export async function followFeedEntry(trx: Kysely<ServerDatabase>, entry: FeedEntry & { seq: number }): Promise<void> {
  const doc = await automatedPublication(trx, entry.documentId);
  if (!doc) return;
  const signers = entry.type === 'signed' ? await trx.selectFrom('published_signers').select(['id', 'side', 'status']).where('document_id', '=', doc.id).execute() : [];
  await follow(
    serverHost(trx),
    trx as Transaction<ServerDatabase>,
    { documentId: doc.id, cause: `${entry.type}:${entry.seq}`, at: entry.at, events: triggerEventsOf(entry, signers), entered: entry.type === 'stageMoved' ? entry.details?.automation?.to : undefined },
    randomUUID,
  );
  const phase = phaseAfter(entry, doc, signers);
  if (phase) await moveToPhaseOnServer(trx, doc, phase, entry.at, entry.type);
}

/** The trigger events one entry is: a signature may complete a side, or everyone. */
function triggerEventsOf(entry: FeedEntry, signers: Signers): TriggerEvent[] {
  const one = direct[entry.type];
  if (one) return [one];
  if (entry.type !== 'signed') return [];
  const signer = signers.find((s) => s.id === entry.signerId);
  if (!signer) return [];
  const done = (side?: string) => signers.filter((s) => !side || s.side === side).every((s) => s.status === 'signed');
  const events: TriggerEvent[] = done(signer.side) ? [signer.side === 'company' ? 'companySigned' : 'counterpartySigned'] : [];
  if (done()) events.push('allSigned');
  return events;
}

/** Where the lifecycle takes the card after the entry, as the desktop's would (a signature never to Signed: the seal does). */
function phaseAfter(entry: FeedEntry, doc: PublishedAutomation, signers: Signers): Phase | null {
  if (entry.type === 'signed') {
    const phase = signingPhase(signers as unknown as Parameters<typeof signingPhase>[0], doc.signingOrder as SigningOrder);
    return phase === 'signed' ? null : phase;
  }
  return lifecycle[entry.type] ?? null;
}
