import { AppError } from '../../src-shared/contract/errors';
import { signedCopyEmail } from '../delivery/mail/signed-copy';
import { automationNoticeMail } from '../delivery/mail/templates/messages';
import { enqueue, type NewMessage } from '../delivery/outbox/enqueue';
import type { ServiceContext } from '../services/context';
import { readSendPlan } from '../services/documents/read-send-plan';
import { signersWithPeople } from '../services/documents/signer-people';
import { sealedByServer } from '../services/company-server/signature-report';
import { signedFilenameOf } from '../services/signing/final-document';
import { companyVoice } from '../services/signing/message-context';
import { remindByRule } from '../services/signing/reminders';
import { sendDocument } from '../services/signing/send';
import { systemActor } from '../services/signing/system-move';
import { PermanentFailure, storeExecutors, webhookExecutor, type Executor, type Executors } from './executors';

/*
 * The actions that reach people (issue 9): sending for signature, reminding, notifying an employee, mailing the
 * sealed PDF, calling a webhook. Each is safe to run again after a crash: a send finds the document already out, a
 * reminder is inside its cooldown, and a message carries a key the outbox writes once.
 */

/** A refusal of the app's own services (no send plan, nobody to remind) will not change by trying again. */
async function refusalsArePermanent<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    // A change made meanwhile (another window saved the document) is worth another try; the rest will not change.
    if (error instanceof AppError && error.code !== 'INTERNAL' && error.messageKey !== 'documents.changedMeanwhile') throw new PermanentFailure(error.messageKey);
    throw error;
  }
}

/**
 * A Draft is sent with the send plan saved on it (order, each signer's channel, deadline). A document already out
 * was sent when it left Draft: each signer gets their invitation when their turn comes (a counterparty's link from
 * the company server, once the company side has signed), so the rule records that and sends nothing twice.
 */
function sendForSignature(ctx: ServiceContext): Executor {
  return {
    async outside(job) {
      const doc = await ctx.db.selectFrom('documents as d').innerJoin('document_stages as s', 's.id', 'd.stage_id').select(['d.version', 's.phase']).where('d.id', '=', job.documentId).executeTakeFirstOrThrow();
      if (doc.phase !== 'draft') return { note: 'automation.send.outAlready' };
      const plan = await readSendPlan(ctx.db, job.documentId);
      if (!plan.order) throw new PermanentFailure('automation.send.noPlan');
      const { order, ...rest } = plan;
      await refusalsArePermanent(() => sendDocument(ctx, { id: job.documentId, version: doc.version, order, ...rest }, { actor: systemActor }));
      return { details: { sent: 'true' } };
    },
  };
}

function remind(ctx: ServiceContext): Executor {
  return {
    async outside(job) {
      const reminded = await refusalsArePermanent(() => remindByRule(ctx, job.documentId, job.idempotencyKey));
      return { details: { reminded: reminded.join(', ') } };
    },
  };
}

async function documentOf(ctx: ServiceContext, id: string) {
  return ctx.db.selectFrom('documents').select(['id', 'title', 'number', 'sealed_sha256']).where('id', '=', id).executeTakeFirstOrThrow();
}

/** In the app (a notice in the employee's window, and the history) and, unless turned off, by e-mail. */
function notify(ctx: ServiceContext): Executor {
  return {
    async outside(job) {
      if (job.action.kind !== 'notify') return;
      const user = await ctx.db.selectFrom('users').select(['id', 'name', 'email']).where('id', '=', job.action.userId).executeTakeFirst();
      if (!user) throw new PermanentFailure('employees.notFound');
      const doc = await documentOf(ctx, job.documentId);
      const { company, language } = await companyVoice(ctx);
      const messages: NewMessage[] = [];
      if (job.action.email && user.email) {
        const content = automationNoticeMail(language, { company, name: user.name, title: doc.title, number: doc.number, message: job.action.message });
        messages.push({ channel: 'email', to: user.email, ...content, documentId: doc.id, purpose: 'automationNotice', idempotencyKey: job.idempotencyKey });
      }
      const notice = { type: 'notice' as const, userId: user.id, documentId: doc.id, text: job.action.message ?? doc.title };
      return { prepared: messages, afterCommit: () => ctx.events.publish(notice), details: { notified: user.name, ...(messages.length ? { emailed: user.email ?? '' } : {}) } };
    },
    async inStore(trx, job, prepared) {
      if (job.action.kind !== 'notify') return;
      // Kept for the employee until read: one per run (the job's id), written with the job's "done".
      await trx.insertInto('notices').values({ id: job.id, user_id: job.action.userId, document_id: job.documentId, text: job.action.message ?? '', created_at: job.at, read_at: null }).onConflict((oc) => oc.column('id').doNothing()).execute();
      for (const message of prepared as NewMessage[]) await enqueue(ctx, message, trx);
    },
  };
}

/**
 * The sealed PDF to the rule's addresses and, when asked, every party. The parties' copies carry the same keys as
 * the ones the seal itself queues, so nobody gets it twice; a document the company server sealed was mailed to its
 * parties from there, so only the rule's own addresses are written here.
 */
function emailSealed(ctx: ServiceContext): Executor {
  return {
    async outside(job) {
      if (job.action.kind !== 'emailSealed') return;
      const doc = await documentOf(ctx, job.documentId);
      if (!doc.sealed_sha256) throw new PermanentFailure('automation.notSealed');
      const file = await ctx.db.selectFrom('files').select('size').where('sha256', '=', doc.sealed_sha256).executeTakeFirstOrThrow();
      const byServer = await sealedByServer(ctx.db, doc.id);
      const parties = job.action.toParties && !byServer ? await partyAddresses(ctx, doc.id) : [];
      const to = [...new Set([...job.action.to, ...parties])];
      if (to.length === 0 && !byServer) throw new PermanentFailure('automation.noPartyAddress');
      const { company, language } = await companyVoice(ctx);
      const messages = await Promise.all(
        to.map((address) =>
          signedCopyEmail(ctx, {
            language,
            to: address,
            documentId: doc.id,
            company,
            title: doc.title,
            number: doc.number,
            file: { sha256: doc.sealed_sha256!, size: file.size, filename: signedFilenameOf(doc.number) },
            idempotencyKey: parties.includes(address) ? `${doc.id}:signedCopy:${address}` : `${job.idempotencyKey}:${address}`,
          }),
        ),
      );
      return { prepared: messages, details: { to: to.join(', '), ...(byServer && job.action.toParties ? { parties: 'byServer' } : {}) } };
    },
    async inStore(trx, _job, prepared) {
      let written = 0;
      for (const message of prepared as NewMessage[]) if (!(await enqueue(ctx, message, trx)).duplicate) written += 1;
      return { details: { written: String(written) } };
    },
  };
}

async function partyAddresses(ctx: ServiceContext, documentId: string): Promise<string[]> {
  const rows = await signersWithPeople(ctx.db, documentId).select(['users.email as user_email', 'contacts.email as contact_email']).execute();
  return rows.map((r) => r.user_email ?? r.contact_email).filter((e): e is string => Boolean(e));
}

/** Where a webhook's shared secret is kept: the keychain, by the name the rule gives. */
export const webhookSecretAccount = (name: string) => `automation.webhook.${name}`;

/** Every action the engine can run in this app. */
export function appExecutors(ctx: ServiceContext): Executors {
  return {
    ...storeExecutors,
    sendForSignature: sendForSignature(ctx),
    remind: remind(ctx),
    notify: notify(ctx),
    emailSealed: emailSealed(ctx),
    webhook: webhookExecutor({
      secretOf: (name) => ctx.keychain.get(webhookSecretAccount(name)),
      facts: async (id) => {
        const doc = await ctx.db.selectFrom('documents as d').innerJoin('document_stages as s', 's.id', 'd.stage_id').select(['d.id', 'd.number', 'd.title', 'd.amount_minor', 'd.currency', 's.id as stage', 's.phase']).where('d.id', '=', id).executeTakeFirstOrThrow();
        return { id: doc.id, number: doc.number, title: doc.title, amountMinor: doc.amount_minor, currency: doc.currency, stageId: doc.stage, phase: doc.phase };
      },
    }),
  };
}
