import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { TriggerEvent } from '../../src-shared/automation/automation';
import type { Database } from '../store/schema';
import { conditionHolds } from '../../src-shared/automation/conditions';
import { triggerOf } from './automation-rows';
import { factsOf } from './document-facts';
import { scheduleEntry, scheduleTriggers } from './schedule-jobs';

/** What a job that waits (not an attempt that failed) carries as its reason. */
export const waitingReason = 'automation.waiting';

/*
 * Where the engine hears about what happened (issue 9, item 2): every entry in a document's history is appended in
 * the transaction of the change it records, and this runs in that same transaction — so the jobs an entry causes
 * exist exactly when the entry does. One place for every writer (a person's drag, a signature here or on the portal,
 * the deadline, automation's own moves). History copied in from another desktop by sync is not appended here (that
 * desktop's engine ran its automation), so nothing is done twice across desktops.
 */

export interface AppendedEvent {
  seq: number;
  at: string;
  type: string;
  details?: Record<string, string> | undefined;
}

/** The company's clock for "at 09:00" rules: this computer's time zone. */
export const localTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

export async function followEvent(trx: Transaction<Database>, documentId: string, event: AppendedEvent, timeZone = localTimeZone()): Promise<void> {
  const cause = { documentId, cause: `${event.type}:${event.seq}`, at: new Date(event.at), newId: randomUUID };
  // A job waiting on the document (a condition, a seal) looks again now that something about it changed.
  await trx.updateTable('automation_jobs').set({ due_at: event.at }).where('document_id', '=', documentId).where('status', '=', 'queued').where('last_error', '=', waitingReason).where('due_at', '>', event.at).execute();
  if (event.type === 'stageMoved' && event.details?.to) await scheduleEntry(trx, { ...cause, stageId: event.details.to, timeZone });
  for (const trigger of await triggerEventsOf(trx, documentId, event)) await scheduleTriggers(trx, { ...cause, event: trigger });
  if (changesFacts.has(event.type)) await conditionsCameToHold(trx, documentId, { ...cause, event: 'conditionMet' });
}

/** The entries after which a document's fields may read differently. */
const changesFacts = new Set(['created', 'updated', 'fieldsSaved']);

/**
 * A condition trigger fires when its condition comes to hold for the document (it did not at the last change), not
 * on every edit while it holds: a card dragged out of the trigger's stage stays where it was put.
 */
async function conditionsCameToHold(trx: Transaction<Database>, documentId: string, cause: Parameters<typeof scheduleTriggers>[1]): Promise<void> {
  const rows = await trx.selectFrom('automation_triggers').selectAll().where('event', '=', 'conditionMet').where('enabled', '=', 1).execute();
  if (rows.length === 0) return;
  const facts = await factsOf(trx, documentId);
  if (!facts) return;
  const today = cause.at.toISOString().slice(0, 10);
  const before = new Map((await trx.selectFrom('automation_condition_states').select(['trigger_id', 'holds']).where('document_id', '=', documentId).execute()).map((r) => [r.trigger_id, r.holds === 1]));
  const cameToHold: string[] = [];
  for (const row of rows) {
    const trigger = triggerOf(row);
    if (!trigger?.condition) continue;
    const holds = conditionHolds(trigger.condition, facts, today);
    if (holds && !before.get(trigger.id)) cameToHold.push(trigger.id);
    if (holds !== before.get(trigger.id)) {
      await trx
        .insertInto('automation_condition_states')
        .values({ trigger_id: trigger.id, document_id: documentId, holds: holds ? 1 : 0 })
        .onConflict((oc) => oc.columns(['trigger_id', 'document_id']).doUpdateSet({ holds: holds ? 1 : 0 }))
        .execute();
    }
  }
  if (cameToHold.length) await scheduleTriggers(trx, { ...cause, only: cameToHold });
}

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
