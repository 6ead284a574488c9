import type { Kysely } from 'kysely';
import type { Phase } from '../../src-shared/documents/lifecycle';
import { appendFeed } from '../feed/feed';
import type { ServerDatabase } from '../store/schema';
import type { PublishedAutomation } from './published-facts';
import { syncedStages } from './synced-pipeline';

/**
 * The server moves a handed-over card (issue 9): the stage it takes the card to be in, and an entry in the publishing
 * desktop's feed, which moves the card there (and syncs it on to the others). The entry is what the engine follows:
 * its number is the entry's cause, so the entered stage's rules are scheduled once.
 */
export async function moveOnServer(trx: Kysely<ServerDatabase>, doc: Pick<PublishedAutomation, 'id' | 'stage'>, to: string, at: string, details: Record<string, string>): Promise<void> {
  await trx.updateTable('published_documents').set({ automation_stage: to, automation_stage_at: at }).where('id', '=', doc.id).execute();
  await appendFeed(trx, { documentId: doc.id, signerId: null, type: 'stageMoved', at, details: { automation: { from: doc.stage ?? '', to, ...details } } });
}

/**
 * The lifecycle's move as a desktop makes it (moveToPhase: the company's first stage of the phase, unless the card
 * is in that phase already), so that a stage entered because of a signature, the seal, a decline or the deadline
 * starts its rules here as it would there.
 */
export async function moveToPhaseOnServer(trx: Kysely<ServerDatabase>, doc: Pick<PublishedAutomation, 'id' | 'stage'>, phase: Phase, at: string, reason: string): Promise<void> {
  const stages = await syncedStages(trx);
  if (stages.find((s) => s.ref === doc.stage)?.phase === phase) return;
  const target = stages.find((s) => s.phase === phase);
  if (target && target.ref !== doc.stage) await moveOnServer(trx, doc, target.ref, at, { reason });
}
