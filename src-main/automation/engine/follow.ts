import type { Transaction } from 'kysely';
import type { TriggerEvent } from '../../../src-shared/automation/automation';
import { conditionHolds } from '../../../src-shared/automation/conditions';
import { jobsOf, waitingReason, type AutomationHost } from './host';
import type { JobsDatabase } from './job-table';
import { scheduleEntry, scheduleTriggers, type Cause } from './schedule';

/** One thing that happened to a document, as the engine reacts to it (the host says which events it is). */
export interface Happening {
  documentId: string;
  /** Unique per document: `type:seq` of its history entry (desktop) or feed entry (server). */
  cause: string;
  at: string;
  /** The trigger events it is (a signature may complete a side, or everyone). */
  events: readonly TriggerEvent[];
  /** The stage it moved the document into, whose rules start now. */
  entered?: string | undefined;
  /** Whether the document's fields may read differently after it (condition triggers look again). */
  factsChanged?: boolean;
}

/** Writes, in the caller's transaction, every job a happening causes. */
export async function follow<DB extends JobsDatabase>(host: AutomationHost<DB>, trx: Transaction<DB>, h: Happening, newId: () => string): Promise<void> {
  const cause: Cause = { documentId: h.documentId, cause: h.cause, at: new Date(h.at), newId };
  // A job waiting on the document (a condition, a seal) looks again now that something about it changed.
  await jobsOf(trx).updateTable('automation_jobs').set({ due_at: h.at }).where('document_id', '=', h.documentId).where('status', '=', 'queued').where('last_error', '=', waitingReason).where('due_at', '>', h.at).execute();
  if (h.entered) await scheduleEntry(host, trx, { ...cause, stageId: h.entered });
  for (const event of h.events) await scheduleTriggers(host, trx, { ...cause, event });
  if (h.factsChanged) await conditionsCameToHold(host, trx, cause);
}

/**
 * A condition trigger fires when its condition comes to hold for the document (it did not at the last change), not
 * on every edit while it holds: a card dragged out of the trigger's stage stays where it was put.
 */
async function conditionsCameToHold<DB extends JobsDatabase>(host: AutomationHost<DB>, trx: Transaction<DB>, cause: Cause): Promise<void> {
  const triggers = (await host.triggersOn(trx, 'conditionMet')).filter((t) => t.condition);
  if (triggers.length === 0) return;
  const facts = await host.facts(trx, cause.documentId);
  if (!facts) return;
  const jobs = jobsOf(trx);
  const today = cause.at.toISOString().slice(0, 10);
  const before = new Map((await jobs.selectFrom('automation_condition_states').select(['trigger_id', 'holds']).where('document_id', '=', cause.documentId).execute()).map((r) => [r.trigger_id, r.holds === 1]));
  const cameToHold: string[] = [];
  for (const trigger of triggers) {
    const holds = conditionHolds(trigger.condition!, facts, today);
    if (holds && !before.get(trigger.id)) cameToHold.push(trigger.id);
    if (holds !== before.get(trigger.id)) {
      await jobs
        .insertInto('automation_condition_states')
        .values({ trigger_id: trigger.id, document_id: cause.documentId, holds: holds ? 1 : 0 })
        .onConflict((oc) => oc.columns(['trigger_id', 'document_id']).doUpdateSet({ holds: holds ? 1 : 0 }))
        .execute();
    }
  }
  if (cameToHold.length) await scheduleTriggers(host, trx, { ...cause, event: 'conditionMet', only: cameToHold });
}
