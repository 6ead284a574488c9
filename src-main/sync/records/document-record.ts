import type { Kysely, Transaction } from 'kysely';
import { checkMove, signingFactsOf, type Phase } from '../../../src-shared/documents/lifecycle';
import type { Database } from '../../store/schema';
import { reindexDocument } from '../../services/documents/search-index';
import { deletedField, integer, missingOf, text, written, type SyncedFields, type SyncedRecord, type WriteOutcome } from '../synced-record';
import { localStage, stageRef } from './stage-record';
import { deletablePhases } from '../../services/documents/delete-document';

const plainColumns = ['title', 'number', 'original_sha256', 'original_name', 'owner_id', 'created_at', 'amount_minor', 'currency', 'due_date', 'department', 'sealed_sha256'] as const;
export const documentRequired = ['title', 'number', 'original_sha256', 'original_name', 'owner_id', 'created_at', 'stage'] as const;

/** What a signature covers: once someone signed or the document is sealed, no merge changes these. */
const covered = new Set(['title', 'number', 'original_sha256', 'original_name', 'amount_minor', 'currency', 'due_date', 'signers', 'sealed_sha256']);

export interface SyncedSigner {
  side: string;
  user_id: string | null;
  contact_id: string | null;
}

/**
 * A document's metadata, its signers (who, in order: a draft's list; how each signs is the signing flow's, which runs
 * through the company server's feed) and its tags. Its history goes as events (sync-events.ts), its PDF as a file.
 */
export const documentRecord: SyncedRecord = {
  entity: 'document',
  async read(db, id) {
    const row = await db.selectFrom('documents').select([...plainColumns, 'stage_id']).where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    const { stage_id, ...plain } = row;
    const signers = await db.selectFrom('document_signers').select(['side', 'user_id', 'contact_id']).where('document_id', '=', id).orderBy('position').orderBy('id').execute();
    const tags = await db.selectFrom('document_tags').select('tag').where('document_id', '=', id).orderBy('tag').execute();
    return { ...plain, stage: await stageRef(db, stage_id), signers: JSON.stringify(signers), tags: JSON.stringify(tags.map((t) => t.tag)) };
  },
  async ids(db) {
    return (await db.selectFrom('documents').select('id').execute()).map((r) => r.id);
  },
  async frozen(db, id) {
    const doc = await db.selectFrom('documents').select('sealed_sha256').where('id', '=', id).executeTakeFirst();
    if (!doc) return null;
    if (doc.sealed_sha256) return { fields: covered, reason: 'documentSealed' };
    const signed = await db.selectFrom('document_signers').select('id').where('document_id', '=', id).where('status', '=', 'signed').limit(1).executeTakeFirst();
    return signed ? { fields: covered, reason: 'documentSigned' } : null;
  },
  async refuse(db, id, field, value) {
    if (field !== 'stage' || typeof value !== 'string') return null;
    const doc = await db.selectFrom('documents as d').innerJoin('document_stages as s', 's.id', 'd.stage_id').select(['s.phase']).where('d.id', '=', id).executeTakeFirst();
    const target = await localStage(db, value);
    if (!doc || !target) return null;
    const check = checkMove(doc.phase as Phase, target.phase as Phase, await signingFacts(db, id));
    return check.ok ? null : check.messageKey;
  },
  async write(trx, id, fields, at) {
    if (fields[deletedField] === true) return deleteDocument(trx, id);
    const missing = missingOf(fields, documentRequired);
    if (missing) return { kind: 'incomplete', missing };
    const stage = await localStage(trx, text(fields, 'stage')!);
    if (!stage) return { kind: 'incomplete', missing: 'stage' };
    if (!(await trx.selectFrom('files').select('sha256').where('sha256', '=', text(fields, 'original_sha256')!).executeTakeFirst())) return { kind: 'incomplete', missing: 'file' };
    if (!(await trx.selectFrom('users').select('id').where('id', '=', text(fields, 'owner_id')!).executeTakeFirst())) return { kind: 'incomplete', missing: 'owner' };
    const signers = JSON.parse(text(fields, 'signers') ?? '[]') as SyncedSigner[];
    const absent = await absentSigner(trx, signers);
    if (absent) return { kind: 'incomplete', missing: absent };

    const values = documentColumns(fields, stage.id, at);
    const exists = await trx.selectFrom('documents').select('id').where('id', '=', id).executeTakeFirst();
    if (exists) await trx.updateTable('documents').set((eb) => ({ ...values, version: eb('version', '+', 1) })).where('id', '=', id).execute();
    else await trx.insertInto('documents').values({ id, ...values, created_at: text(fields, 'created_at')! }).execute();
    // A document new here has no signers or tags to compare with or remove.
    if (exists) await replaceSigners(trx, id, signers);
    else if (signers.length) await trx.insertInto('document_signers').values(signerRowsOf(id, signers)).execute();
    if (exists) await trx.deleteFrom('document_tags').where('document_id', '=', id).execute();
    const tags = JSON.parse(text(fields, 'tags') ?? '[]') as string[];
    if (tags.length) await trx.insertInto('document_tags').values(tags.map((tag) => ({ document_id: id, tag }))).execute();
    await reindexDocument(trx, id, { isNew: !exists });
    return written;
  },
};

/**
 * A document deleted elsewhere goes here too, with what only it had (cascade) and its search entry — unless it is here
 * in a phase nobody may delete it in (signed here meanwhile: evidence the company keeps), which is refused.
 */
async function deleteDocument(trx: Transaction<Database>, id: string): Promise<WriteOutcome> {
  const doc = await trx.selectFrom('documents as d').innerJoin('document_stages as s', 's.id', 'd.stage_id').select('s.phase').where('d.id', '=', id).executeTakeFirst();
  if (!doc) return written;
  if (!deletablePhases.includes(doc.phase as Phase)) return { kind: 'refused', reason: 'documentNotDeletable' };
  await trx.deleteFrom('documents').where('id', '=', id).execute();
  await trx.deleteFrom('documents_fts').where('document_id', '=', id).execute();
  return written;
}

/** A document's own columns from its merged fields (the required ones checked by the caller), for an insert or an update. */
export function documentColumns(fields: SyncedFields, stageId: string, at: string) {
  return {
    title: text(fields, 'title')!,
    number: text(fields, 'number')!,
    original_sha256: text(fields, 'original_sha256')!,
    original_name: text(fields, 'original_name')!,
    owner_id: text(fields, 'owner_id')!,
    stage_id: stageId,
    amount_minor: integer(fields, 'amount_minor'),
    currency: text(fields, 'currency'),
    due_date: text(fields, 'due_date'),
    department: text(fields, 'department'),
    sealed_sha256: text(fields, 'sealed_sha256'),
    updated_at: at,
  };
}

/** Who is to sign a stored document and who has, for the lifecycle's move rules. */
export async function signingFacts(db: Kysely<Database>, id: string) {
  return signingFactsOf(await db.selectFrom('document_signers').select(['side', 'status']).where('document_id', '=', id).execute());
}

async function absentSigner(trx: Transaction<Database>, signers: readonly SyncedSigner[]): Promise<string | null> {
  const users = [...new Set(signers.flatMap((s) => (s.user_id ? [s.user_id] : [])))];
  const contacts = [...new Set(signers.flatMap((s) => (s.contact_id ? [s.contact_id] : [])))];
  if (users.length && (await trx.selectFrom('users').select('id').where('id', 'in', users).execute()).length < users.length) return 'signer';
  if (contacts.length && (await trx.selectFrom('contacts').select('id').where('id', 'in', contacts).execute()).length < contacts.length) return 'signer';
  return null;
}

/** The list is replaced only while nobody has signed (frozen() keeps a merge from reaching here otherwise) and when it differs. */
async function replaceSigners(trx: Transaction<Database>, id: string, signers: readonly SyncedSigner[]): Promise<void> {
  const current = await trx.selectFrom('document_signers').select(['side', 'user_id', 'contact_id', 'status']).where('document_id', '=', id).orderBy('position').orderBy('id').execute();
  const same = current.length === signers.length && current.every((c, i) => c.side === signers[i]!.side && c.user_id === signers[i]!.user_id && c.contact_id === signers[i]!.contact_id);
  if (same || current.some((c) => c.status === 'signed')) return;
  await trx.deleteFrom('document_signers').where('document_id', '=', id).execute();
  if (signers.length) await trx.insertInto('document_signers').values(signerRowsOf(id, signers)).execute();
}

export function signerRowsOf(id: string, signers: readonly SyncedSigner[]) {
  return signers.map((s, position) => ({ document_id: id, side: s.side, user_id: s.user_id, contact_id: s.contact_id, position, signed_at: null }));
}

