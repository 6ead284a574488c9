import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import { isRemoteChannel, type PublishResponse, type publishRequestSchema } from '../../src-shared/company-server/publish';
import { ApiError } from '../http/api-error';
import type { PublishedDocumentTable } from '../store/publishing-schema';
import type { ServerDatabase } from '../store/schema';
import { sendLinkMessage, type LinkOutbox } from './link-messages';
import { newLinkToken } from './link-tokens';
import type { ServerFiles } from './server-files';

export type PublishInput = z.output<typeof publishRequestSchema>;

export interface PublishContext {
  db: Kysely<ServerDatabase>;
  files: ServerFiles;
  now(): Date;
  newId(): string;
  /** The address signers open links under (`--public-url`); none: no link can be written. */
  publicUrl(): string | undefined;
  outbox: LinkOutbox;
}

/**
 * Publishes a desktop's document: the document, its signers, and one link per signer reached by e-mail or SMS, with
 * each link's message written to the outbox in the same transaction. In "company first" a counterparty's link is
 * made held: no token yet and no message, until the company side has signed (src-server/signing/release-links.ts
 * releases it). The preparer's values and the pages' sizes (and so their count) are kept for the signing page and the seal.
 *
 * Idempotent by (device, desktop document id): a retried publish, whose first answer was lost, gets the first one's
 * answer and makes no second link or message.
 */
export async function publishDocument(ctx: PublishContext, deviceId: string, input: PublishInput): Promise<PublishResponse> {
  const existing = await findPublished(ctx.db, deviceId, input.documentId);
  if (existing) return answerFor(ctx.db, existing);

  const upload = await ctx.db.selectFrom('uploads').select('completed_at').where('device_id', '=', deviceId).where('sha256', '=', input.fileSha256).executeTakeFirst();
  if (!upload?.completed_at || !(await ctx.files.files.has(input.fileSha256))) throw new ApiError('FILE_NOT_UPLOADED');
  const remote = input.signers.filter((s) => isRemoteChannel(s.channel));
  const publicUrl = ctx.publicUrl();
  if (remote.length > 0 && !publicUrl) throw new ApiError('NO_PUBLIC_URL');
  const now = ctx.now();
  if (new Date(input.expiresAt).getTime() <= now.getTime()) throw new ApiError('BAD_REQUEST', { issues: [{ path: 'expiresAt', messageKey: 'signing.expiryInPast' }] });

  const at = now.toISOString();
  const expiresAt = new Date(input.expiresAt).toISOString();
  const id = ctx.newId();
  const companySigns = input.signers.some((s) => s.side === 'company');
  const linkDocument = { id, title: input.title, number: input.number, companyName: input.companyName, expiresAt, message: input.message, preparerName: input.preparerName };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('published_documents')
        .values({
          id,
          device_id: deviceId,
          desktop_document_id: input.documentId,
          title: input.title,
          number: input.number,
          company_name: input.companyName,
          preparer_name: input.preparerName ?? null,
          signing_order: input.order,
          file_sha256: input.fileSha256,
          layout: JSON.stringify(input.layout),
          message: input.message ?? null,
          preset_values: JSON.stringify(input.values ?? {}),
          page_sizes: input.pageSizes ? JSON.stringify(input.pageSizes) : null,
          // From the desktop's page sizes, so a link's first opening need not parse the PDF for it (links.ts, pageCountOf).
          page_count: input.pageSizes?.length ?? null,
          state: 'open',
          expires_at: expiresAt,
          created_at: at,
          updated_at: at,
          automation: input.automation ? 'server' : null,
          automation_stage: input.automation?.stage ?? null,
          // Never later than now: a desktop's clock ahead would make every later drag look old.
          automation_stage_at: input.automation ? (new Date(input.automation.since).toISOString() < at ? new Date(input.automation.since).toISOString() : at) : null,
        })
        .execute();
      // What held on the desktop holds here from the start: a condition trigger fires when it comes to hold, once.
      for (const triggerId of new Set(input.automation?.holding ?? [])) {
        await trx.insertInto('automation_condition_states').values({ trigger_id: triggerId, document_id: id, holds: 1 }).execute();
      }
      for (const [position, signer] of input.signers.entries()) {
        const signerId = ctx.newId();
        await trx
          .insertInto('published_signers')
          .values({
            id: signerId,
            document_id: id,
            desktop_signer_id: signer.id,
            ref: signer.ref,
            side: signer.side,
            name: signer.name,
            email: signer.email ?? null,
            phone: signer.phone ?? null,
            channel: signer.channel,
            language: signer.language,
            country: signer.country?.toUpperCase() ?? null,
            status: 'waiting',
            position,
          })
          .execute();
        if (!isRemoteChannel(signer.channel)) continue;
        const linkId = ctx.newId();
        const held = input.order === 'companyFirst' && signer.side === 'counterparty' && companySigns;
        const token = held ? null : newLinkToken();
        await trx
          .insertInto('signing_links')
          .values({ id: linkId, document_id: id, signer_id: signerId, token_hash: token?.hash ?? null, channel: signer.channel, message_state: held ? 'held' : 'queued', expires_at: expiresAt, created_at: at, released_at: held ? null : at, revoked_at: null })
          .execute();
        if (token) await sendLinkMessage(trx, ctx.outbox, { id: linkId, token: token.token, publicUrl: publicUrl! }, linkDocument, { ...signer, channel: signer.channel });
      }
    });
  } catch (error) {
    // The same publish racing itself: the other one committed first, and its answer is this one's.
    const raced = await findPublished(ctx.db, deviceId, input.documentId);
    if (raced) return answerFor(ctx.db, raced);
    throw error;
  }
  return answerFor(ctx.db, (await findPublished(ctx.db, deviceId, input.documentId))!);
}

type Published = Selectable<PublishedDocumentTable>;

function findPublished(db: Kysely<ServerDatabase>, deviceId: string, documentId: string): Promise<Published | undefined> {
  return db.selectFrom('published_documents').selectAll().where('device_id', '=', deviceId).where('desktop_document_id', '=', documentId).executeTakeFirst();
}

async function answerFor(db: Kysely<ServerDatabase>, doc: Published): Promise<PublishResponse> {
  const links = await db
    .selectFrom('signing_links as l')
    .innerJoin('published_signers as s', 's.id', 'l.signer_id')
    .select(['l.id', 'l.channel', 'l.message_state', 's.desktop_signer_id', 's.position'])
    .where('l.document_id', '=', doc.id)
    .orderBy('s.position')
    .execute();
  return {
    publishedId: doc.id,
    documentId: doc.desktop_document_id,
    state: doc.state as PublishResponse['state'],
    createdAt: doc.created_at,
    expiresAt: doc.expires_at,
    links: links.map((l) => ({ signerId: l.desktop_signer_id, linkId: l.id, channel: l.channel as 'email' | 'sms', message: l.message_state as 'queued' | 'held' })),
    ...(doc.automation === 'server' ? { automation: 'server' as const } : {}),
  };
}

/**
 * Withdraws a published document: it is cancelled and every link revoked at once, held ones too, so a link that
 * went out opens the portal's "withdrawn" page instead of the document.
 */
export async function cancelPublished(ctx: Pick<PublishContext, 'db' | 'now'>, deviceId: string, documentId: string): Promise<PublishResponse> {
  const doc = await findPublished(ctx.db, deviceId, documentId);
  if (!doc) throw new ApiError('NOT_FOUND');
  if (doc.state === 'open') {
    const at = ctx.now().toISOString();
    await ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('published_documents').set({ state: 'cancelled', updated_at: at }).where('id', '=', doc.id).execute();
      await trx.updateTable('signing_links').set({ revoked_at: at }).where('document_id', '=', doc.id).where('revoked_at', 'is', null).execute();
    });
  }
  return answerFor(ctx.db, (await findPublished(ctx.db, deviceId, documentId))!);
}
