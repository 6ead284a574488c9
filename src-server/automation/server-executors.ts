import type { Kysely } from 'kysely';
import type { Executor, Executors, RunningJob } from '../../src-main/automation/engine/host';
import { NotYet, PermanentFailure } from '../../src-main/automation/engine/host';
import { backwardNote, waitForExecutor, webhookExecutor } from '../../src-main/automation/engine/shared-executors';
import { signedCopyMessage } from '../../src-main/delivery/mail/signed-copy';
import { automationNoticeMail } from '../../src-main/delivery/mail/templates/messages';
import type { NewMessage } from '../../src-main/delivery/outbox/enqueue';
import { signedFilenameOf } from '../../src-main/services/signing/final-document';
import { defaultAttachLimitMb } from '../../src-shared/delivery/mail-settings';
import { checkMove, type Phase } from '../../src-shared/documents/lifecycle';
import type { DocumentFiles } from '../files/document-files';
import type { ServerDatabase } from '../store/schema';
import { automatedPublication, factsOfPublication, publishedFacts, publishedSigningFacts } from './published-facts';
import { moveOnServer } from './server-moves';
import { syncedRecords, syncedStages, syncedTriggers } from './synced-pipeline';

/*
 * What the server's engine does (issue 9). What changes the card or its record is done here and carried to the
 * publishing desktop in the job's feed entry (the stage by its own entry, a tag or an owner in the outcome's
 * details), which applies it and syncs it on. Mail goes from the server's outbox. What needs a desktop — an
 * employee's in-app notice, a reminder through the app, a webhook whose secret is only in a desktop's keychain — is
 * handed to the publishing desktop in the outcome (`delegated`), and its engine runs it there, keyed by this job.
 */

export interface ServerExecutorContext {
  db: Kysely<ServerDatabase>;
  files: DocumentFiles;
  enqueue(message: NewMessage, trx: Kysely<ServerDatabase>): Promise<{ duplicate: boolean }>;
  /** A webhook's shared secret by the rule's name, from the server's environment; none: the desktop calls it. */
  webhookSecret(name: string): string | null;
  /** Refuses a webhook address the server must not call (one inside the company's network); null when it may. */
  webhookRefusal(url: string): Promise<string | null>;
}

/** The environment variable a webhook's secret is read from: its name in capitals, other characters as `_`. */
export const webhookSecretEnv = (name: string) => `SIGNET_WEBHOOK_SECRET_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;

/** How soon a move into Signed looks again for the seal (the seal's own entry wakes it sooner). */
const sealWaitMs = 60_000;

/** The action goes along (a feed detail holds 2,000 characters), for a desktop that has not pulled the rule yet. */
const handBack = (job: RunningJob, more: Record<string, string> = {}) => {
  const action = JSON.stringify(job.action);
  return { note: 'automation.delegated', details: { delegated: 'desktop', job: job.idempotencyKey, ...(action.length <= 2000 ? { handedAction: action } : {}), ...more } };
};

const delegated: Executor<ServerDatabase> = {
  async outside(job) {
    return handBack(job);
  },
};

/**
 * The employee's e-mail goes from here at once (the desktop may be off for the night); the in-app notice is the
 * publishing desktop's to give, handed back with `emailed` so that it does not mail again.
 */
function notify(ctx: ServerExecutorContext): Executor<ServerDatabase> {
  return {
    async outside(job) {
      if (job.action.kind !== 'notify') return;
      const user = (await syncedRecords(ctx.db, 'user', [], [job.action.userId])).get(job.action.userId);
      if (!user) throw new PermanentFailure('employees.notFound');
      const email = typeof user.email === 'string' && user.email ? user.email : null;
      if (!job.action.email || !email) return handBack(job);
      const doc = await ctx.db.selectFrom('published_documents').select(['id', 'title', 'number', 'company_name']).where('id', '=', job.documentId).executeTakeFirstOrThrow();
      const first = await ctx.db.selectFrom('published_signers').select('language').where('document_id', '=', doc.id).orderBy('position').executeTakeFirst();
      const content = automationNoticeMail(first?.language === 'en' ? 'en' : 'pl', { company: doc.company_name, name: typeof user.name === 'string' ? user.name : '', title: doc.title, number: doc.number, message: job.action.message });
      const message: NewMessage = { channel: 'email', to: email, ...content, documentId: doc.id, purpose: 'automationNotice', idempotencyKey: job.idempotencyKey };
      return { ...handBack(job, { emailed: email }), prepared: [message] };
    },
    async inStore(trx, _job, prepared) {
      for (const message of (prepared ?? []) as NewMessage[]) await ctx.enqueue(message, trx);
    },
  };
}

function moveTo(): Executor<ServerDatabase> {
  return {
    async inStore(trx, job) {
      const { action } = job;
      if (action.kind !== 'moveTo') return;
      const doc = await automatedPublication(trx, job.documentId);
      if (!doc) throw new PermanentFailure('documents.notFound');
      if (doc.stage === action.stageId) return { note: 'automation.alreadyInStage' };
      const stages = await syncedStages(trx);
      const target = stages.find((s) => s.ref === action.stageId);
      if (!target) throw new PermanentFailure('automation.stageNotFound');
      const from = stages.find((s) => s.ref === doc.stage);
      if (from && job.sourceKind === 'trigger' && target.position < from.position && !(await syncedTriggers(trx)).find((t) => t.id === job.sourceId)?.allowBack) return { note: backwardNote };
      if (from) {
        const check = checkMove(from.phase as Phase, target.phase as Phase, await publishedSigningFacts(trx, doc.id));
        if (!check.ok) throw new PermanentFailure(check.messageKey);
      }
      // "Signed" always has its sealed PDF: a move there on the last signature waits for the seal, moments later.
      if (target.phase === 'signed' && !doc.sealed) throw new NotYet(sealWaitMs);
      await moveOnServer(trx, doc, target.ref, job.at, { [job.sourceKind]: job.sourceId });
      return { entered: target.ref };
    },
  };
}

/** The sealed PDF to the rule's addresses; its parties had their copies from the seal itself. */
function emailSealed(ctx: ServerExecutorContext): Executor<ServerDatabase> {
  return {
    async outside(job) {
      if (job.action.kind !== 'emailSealed') return;
      const doc = await ctx.db.selectFrom('published_documents').select(['id', 'title', 'number', 'company_name', 'sealed_sha256']).where('id', '=', job.documentId).executeTakeFirstOrThrow();
      if (!doc.sealed_sha256) throw new PermanentFailure('automation.notSealed');
      const to = [...new Set(job.action.to)];
      if (to.length === 0) return { details: { parties: 'byServer' } };
      const size = (await ctx.files.read(doc.sealed_sha256)).length;
      const first = await ctx.db.selectFrom('published_signers').select('language').where('document_id', '=', doc.id).orderBy('position').executeTakeFirst();
      const messages = to.map((address) =>
        signedCopyMessage(
          {
            language: first?.language === 'en' ? 'en' : 'pl',
            to: address,
            documentId: doc.id,
            company: doc.company_name,
            title: doc.title,
            number: doc.number,
            file: { sha256: doc.sealed_sha256!, size, filename: signedFilenameOf(doc.number) },
            idempotencyKey: `${job.idempotencyKey}:${address}`,
          },
          defaultAttachLimitMb,
        ),
      );
      return { prepared: messages, details: { to: to.join(', '), ...(job.action.toParties ? { parties: 'byServer' } : {}) } };
    },
    async inStore(trx, _job, prepared) {
      let written = 0;
      for (const message of (prepared ?? []) as NewMessage[]) if (!(await ctx.enqueue(message, trx)).duplicate) written += 1;
      return { details: { written: String(written) } };
    },
  };
}

const addTag: Executor<ServerDatabase> = {
  async inStore(trx, job) {
    if (job.action.kind !== 'addTag') return;
    const doc = await automatedPublication(trx, job.documentId);
    if (doc) await trx.updateTable('published_documents').set({ automation_tags: JSON.stringify({ tags: [...new Set([...(doc.addedTags?.tags ?? []), job.action.tag])], at: job.at }) }).where('id', '=', doc.id).execute();
    return { details: { tag: job.action.tag } };
  },
};

const setOwner: Executor<ServerDatabase> = {
  async inStore(trx, job) {
    if (job.action.kind !== 'setOwner') return;
    if ((await syncedRecords(trx, 'user', [], [job.action.userId])).size === 0) throw new PermanentFailure('employees.notFound');
    await trx.updateTable('published_documents').set({ automation_owner: JSON.stringify({ id: job.action.userId, at: job.at }) }).where('id', '=', job.documentId).execute();
    return { details: { owner: job.action.userId } };
  },
};

/** The webhook from here when the server holds its secret; otherwise the publishing desktop calls it. */
function webhook(ctx: ServerExecutorContext): Executor<ServerDatabase> {
  const call = webhookExecutor<ServerDatabase>({
    secretOf: async (name) => ctx.webhookSecret(name),
    facts: async (id) => {
      const doc = await automatedPublication(ctx.db, id);
      if (!doc) throw new PermanentFailure('documents.notFound');
      const facts = await factsOfPublication(ctx.db, doc);
      const stage = (await syncedStages(ctx.db)).find((s) => s.ref === doc.stage);
      return { id: doc.desktopDocumentId, number: doc.number, title: facts.title, amountMinor: facts.amountMinor ?? null, currency: facts.currency ?? null, stageId: doc.stage, phase: stage?.phase };
    },
  });
  return {
    async outside(job) {
      if (job.action.kind !== 'webhook') return;
      if (!ctx.webhookSecret(job.action.secretName)) return handBack(job);
      const refusal = await ctx.webhookRefusal(job.action.url);
      if (refusal) throw new PermanentFailure(refusal);
      return call.outside!(job);
    },
  };
}

export function serverExecutors(ctx: ServerExecutorContext): Executors<ServerDatabase> {
  return {
    moveTo: moveTo(),
    waitFor: waitForExecutor<ServerDatabase>(publishedFacts),
    // Published means sent: each signer's link goes when their turn comes, as on the desktop once sent.
    sendForSignature: { outside: async () => ({ note: 'automation.send.outAlready' }) },
    emailSealed: emailSealed(ctx),
    addTag,
    setOwner,
    webhook: webhook(ctx),
    notify: notify(ctx),
    remind: delegated,
  };
}
