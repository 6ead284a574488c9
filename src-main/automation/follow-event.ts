import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { TriggerEvent } from '../../src-shared/automation/automation';
import type { Database } from '../store/schema';
import { desktopHost, localTimeZone } from './desktop-host';
import { follow } from './engine/follow';
import { automatedByServer } from './handover';

export { waitingReason } from './engine/host';
export { localTimeZone } from './desktop-host';

/*
 * Where the engine hears about what happened (issue 9, item 2): every entry in a document's history is appended in
 * the transaction of the change it records, and this runs in that same transaction — so the jobs an entry causes
 * exist exactly when the entry does. One place for every writer (a person's drag, a signature here or on the portal,
 * the deadline, automation's own moves). History copied in from another desktop by sync is not appended here (that
 * desktop's engine ran its automation), and a document sent through the company server is the server's engine's to
 * automate, so nothing is done twice across desktops and the server.
 */

export interface AppendedEvent {
  seq: number;
  at: string;
  type: string;
  details?: Record<string, string> | undefined;
}

export async function followEvent(trx: Transaction<Database>, documentId: string, event: AppendedEvent, timeZone = localTimeZone()): Promise<void> {
  const cause = { documentId, cause: `${event.type}:${event.seq}`, at: event.at };
  // A document handed to the company server is automated there (it follows the same steps): here a job of its own
  // that waits only looks again — but for what only this desktop sees: its own deadline, cancel and decline.
  if (await automatedByServer(trx, documentId)) {
    if (!decidedHere(event)) return follow(desktopHost(trx, { timeZone }), trx, { ...cause, events: [] }, randomUUID);
    // Decided here, it is this desktop's from now on: the server, hearing of the stage it went to, lets it go too.
    await trx.updateTable('publish_jobs').set({ automation: null }).where('document_id', '=', documentId).execute();
  }
  await follow(
    desktopHost(trx, { timeZone }),
    trx,
    { ...cause, events: await triggerEventsOf(trx, documentId, event), entered: event.type === 'stageMoved' ? event.details?.to : undefined, factsChanged: changesFacts.has(event.type) },
    randomUUID,
  );
}

const desktopDecisions = new Set(['expired', 'cancelled', 'declined']);

/** This desktop's own deadline, cancel or in-app decline, and its move: the server never hears of them as steps. */
function decidedHere(event: AppendedEvent): boolean {
  if (event.details?.serverSeq) return false;
  return desktopDecisions.has(event.type) || (event.type === 'stageMoved' && desktopDecisions.has(event.details?.reason ?? ''));
}

/** The entries after which a document's fields may read differently. */
const changesFacts = new Set(['created', 'updated', 'fieldsSaved']);

const direct: Partial<Record<string, TriggerEvent>> = {
  created: 'created',
  sealed: 'sealed',
  viewed: 'viewed',
  identityChecked: 'identityPassed',
  declined: 'declined',
  expired: 'expired',
};

/** The trigger events one history entry is: a signature may complete a side, or everyone. */
async function triggerEventsOf(trx: Transaction<Database>, documentId: string, event: AppendedEvent): Promise<TriggerEvent[]> {
  const one = direct[event.type];
  if (one) return [one];
  if (event.type === 'deliveryFailed') return event.details?.channel === 'email' ? ['emailBounced'] : [];
  if (event.type !== 'signed') return [];
  const signers = await trx.selectFrom('document_signers').select(['id', 'side', 'status']).where('document_id', '=', documentId).execute();
  const signer = signers.find((s) => String(s.id) === event.details?.signer);
  if (!signer) return [];
  const done = (side?: string) => signers.filter((s) => !side || s.side === side).every((s) => s.status === 'signed');
  const events: TriggerEvent[] = [signer.side === 'company' ? 'companySigned' : 'counterpartySigned'].filter(() => done(signer.side)) as TriggerEvent[];
  if (done()) events.push('allSigned');
  return events;
}
