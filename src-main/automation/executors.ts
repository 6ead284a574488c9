import { checkMove, type Phase } from '../../src-shared/documents/lifecycle';
import { appendDocumentEvent } from '../services/documents/events';
import { systemActor } from '../services/signing/system-move';
import type { Database } from '../store/schema';
import { signingFacts } from '../sync/records/document-record';
import { factsOf } from './document-facts';
import { NotYet, PermanentFailure, type Executor as EngineExecutor, type Executors as EngineExecutors } from './engine/host';
import { backwardNote, waitForExecutor } from './engine/shared-executors';

export { NotYet, PermanentFailure, type Outcome, type RunningJob } from './engine/host';
export { signatureHeader, waitRecheckMs, webhookExecutor, webhookSignature } from './engine/shared-executors';

/** How soon a move into Signed looks again for the seal it waits for (the seal's own entry wakes it sooner). */
const sealWaitMs = 60_000;

export type Executor = EngineExecutor<Database>;
export type Executors = EngineExecutors<Database>;

/** Moves the document into the stage, where the lifecycle allows it by what has been signed. */
const moveTo: Executor = {
  async inStore(trx, job) {
    if (job.action.kind !== 'moveTo') return;
    const doc = await trx.selectFrom('documents as d').innerJoin('document_stages as s', 's.id', 'd.stage_id').select(['d.stage_id', 's.phase', 's.position']).where('d.id', '=', job.documentId).executeTakeFirstOrThrow();
    if (doc.stage_id === job.action.stageId) return { note: 'automation.alreadyInStage' };
    const target = await trx.selectFrom('document_stages').select(['id', 'phase', 'position']).where('id', '=', job.action.stageId).executeTakeFirst();
    if (!target) throw new PermanentFailure('automation.stageNotFound');
    if (job.sourceKind === 'trigger' && target.position < doc.position) {
      const trigger = await trx.selectFrom('automation_triggers').select('allow_back').where('id', '=', job.sourceId).executeTakeFirst();
      if (trigger?.allow_back !== 1) return { note: backwardNote };
    }
    const check = checkMove(doc.phase as Phase, target.phase as Phase, await signingFacts(trx, job.documentId));
    if (!check.ok) throw new PermanentFailure(check.messageKey);
    // "Signed" always has its sealed PDF: a move there on the last signature waits for the seal, moments later.
    if (target.phase === 'signed' && !(await trx.selectFrom('documents').select('sealed_sha256').where('id', '=', job.documentId).executeTakeFirstOrThrow()).sealed_sha256) throw new NotYet(sealWaitMs);
    await trx.updateTable('documents').set((eb) => ({ stage_id: target.id, updated_at: job.at, version: eb('version', '+', 1) })).where('id', '=', job.documentId).execute();
    await appendDocumentEvent(trx, job.documentId, { at: job.at, type: 'stageMoved', actor: systemActor, details: { from: doc.stage_id ?? '', to: target.id, [job.sourceKind]: job.sourceId } });
    return { entered: target.id };
  },
};

const addTag: Executor = {
  async inStore(trx, job) {
    if (job.action.kind !== 'addTag') return;
    await trx.insertInto('document_tags').values({ document_id: job.documentId, tag: job.action.tag }).onConflict((oc) => oc.doNothing()).execute();
  },
};

const setOwner: Executor = {
  async inStore(trx, job) {
    if (job.action.kind !== 'setOwner') return;
    if (!(await trx.selectFrom('users').select('id').where('id', '=', job.action.userId).executeTakeFirst())) throw new PermanentFailure('employees.notFound');
    await trx.updateTable('documents').set((eb) => ({ owner_id: (job.action as { userId: string }).userId, updated_at: job.at, version: eb('version', '+', 1) })).where('id', '=', job.documentId).execute();
  },
};

const waitFor = waitForExecutor<Database>(factsOf);

/** The executors of what the store itself does; the rest (sending, mail, webhooks) are given by the app. */
export const storeExecutors: Executors = { moveTo, addTag, setOwner, waitFor };
