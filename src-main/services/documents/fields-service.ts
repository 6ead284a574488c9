import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { AppError, validationError } from '../../../src-shared/contract/errors';
import { withCurrentSources, type AutoFillContact } from '../../../src-shared/fields/auto-fill';
import { checkPresetValues, type DocumentFields, type FieldSigner, type SaveDocumentFields } from '../../../src-shared/fields/document-fields';
import { checkLayout, fieldLayoutSchema, type FieldLayout, type PageDimensions } from '../../../src-shared/fields/layout';
import { signerRefs } from '../../../src-shared/fields/signers';
import type { FieldValues } from '../../../src-shared/fields/values';
import type { PageSize } from '../../../src-shared/pdf/info';
import { inspectPdf } from '../../pdf/inspect';
import type { Database } from '../../store/schema';
import { currentUser } from '../app/app-service';
import { nowIso, type ServiceContext } from '../context';
import { pdfLimits } from '../pdf/import-service';
import { appendDocumentEvent } from './events';
import { signersWithPeople } from './signer-people';

/** What `document_fields.content` holds. */
export interface StoredFields {
  layout: FieldLayout;
  values: FieldValues;
}

/**
 * A document's layout and the preparer's values, as saved (an empty layout when none was). For the steps after the
 * editor: sending checks it, signing merges each signer's values into it (`fieldsBlockingSigning`), completion draws it.
 */
export async function readDocumentFields(db: Kysely<Database>, documentId: string): Promise<StoredFields> {
  const row = await db.selectFrom('document_fields').select('content').where('document_id', '=', documentId).executeTakeFirst();
  if (!row) return { layout: { fields: [] }, values: {} };
  const stored = JSON.parse(row.content) as { layout: unknown; values: FieldValues };
  // Parsed again rather than cast: defaults a newer field model adds are filled in for layouts saved before it.
  return { layout: fieldLayoutSchema.parse(stored.layout), values: stored.values };
}

/**
 * Each signer row's reference as fields name it (`company-1`, `counterparty-1`), by `document_signers.id`: what the
 * signing step passes to `fieldsBlockingSigning` for the person signing.
 */
export async function documentSignerRefs(db: Kysely<Database>, documentId: string): Promise<Map<number, string>> {
  const rows = await db.selectFrom('document_signers').select(['id', 'side']).where('document_id', '=', documentId).orderBy('position').orderBy('id').execute();
  const refs = signerRefs(rows.map((r) => ({ side: r.side === 'company' ? 'company' : 'counterparty' })));
  return new Map(rows.map((r, i) => [r.id, refs[i]!]));
}

export async function getDocumentFields(ctx: ServiceContext, id: string): Promise<DocumentFields> {
  const doc = await documentRow(ctx, id);
  const [pageSizes, signers, stored] = await Promise.all([pageSizesOf(ctx, doc.original_sha256), fieldSigners(ctx, id), readDocumentFields(ctx.db, id)]);
  return {
    documentId: id,
    version: doc.version,
    editable: doc.phase === 'draft',
    pageSizes,
    signers: signers.map((s) => s.signer),
    ...stored,
    warnings: checkLayout(stored.layout, pageSizes).warnings,
  };
}

/**
 * Saves the whole layout with the preparer's values, while the document is a Draft: after that the fields are what
 * the signers were (or are being) asked to fill. Checked against the document's own pages and signers, every problem
 * reported at once by path (`layout.fields.2.rect`, `values.nip`). The history records who saved it and the SHA-256 of
 * what was stored; a save that changes nothing records nothing.
 */
export async function saveDocumentFields(ctx: ServiceContext, input: SaveDocumentFields): Promise<DocumentFields> {
  const user = await currentUser(ctx);
  const doc = await documentRow(ctx, input.id);
  if (doc.phase !== 'draft') throw new AppError('VALIDATION', 'documents.fields.notDraft');
  if (doc.version !== input.version) throw new AppError('VALIDATION', 'documents.changedMeanwhile', { version: doc.version });

  const [pageSizes, signers] = await Promise.all([pageSizesOf(ctx, doc.original_sha256), fieldSigners(ctx, input.id)]);
  const check = checkLayout(input.layout, pageSizes, { signerIds: signers.map((s) => s.signer.ref) });
  if (!check.layout) throw validationError(check.issues.map((i) => ({ ...i, path: `layout.${i.path}` })));
  // Values are checked against a layout that holds: a value's field must exist and be what it claims to be.
  const countries = new Map(signers.map((s) => [s.signer.ref, s.country]));
  const preset = checkPresetValues(check.layout, input.values, (ref) => countries.get(ref));
  if (preset.issues.length > 0) throw validationError(preset.issues);

  const layout = check.layout;
  const content = JSON.stringify({ layout, values: preset.values } satisfies StoredFields);
  const before = await ctx.db.selectFrom('document_fields').select('content').where('document_id', '=', input.id).executeTakeFirst();
  if (before?.content === content || (!before && layout.fields.length === 0)) return getDocumentFields(ctx, input.id);

  const at = nowIso(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('documents')
      .set((eb) => ({ updated_at: at, version: eb('version', '+', 1) }))
      .where('id', '=', input.id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError('VALIDATION', 'documents.changedMeanwhile');
    await trx
      .insertInto('document_fields')
      .values({ document_id: input.id, content, updated_at: at, updated_by: user.id })
      .onConflict((oc) => oc.column('document_id').doUpdateSet({ content, updated_at: at, updated_by: user.id }))
      .execute();
    await appendDocumentEvent(trx, input.id, {
      at,
      type: 'fieldsSaved',
      actor: user.name,
      details: { fields: String(layout.fields.length), sha256: createHash('sha256').update(content).digest('hex'), by: user.id },
    });
  });
  ctx.events.publish({ type: 'documentsChanged', ids: [input.id] });
  return getDocumentFields(ctx, input.id);
}

/**
 * Brings the fields that fill from a contact up to the signers' records as they are now, for the send: read here,
 * written by `write` inside the caller's transaction (the store has one connection, so nothing is read in there).
 * Null when nothing would change.
 */
export async function currentSourcedValues(ctx: ServiceContext, documentId: string): Promise<{ write(trx: Transaction<Database>, at: string): Promise<void> } | null> {
  const [stored, signers] = await Promise.all([readDocumentFields(ctx.db, documentId), fieldSigners(ctx, documentId)]);
  const contacts = new Map(signers.map((s) => [s.signer.ref, s.signer.contact]));
  const values = withCurrentSources(stored.layout, stored.values, contacts);
  if (JSON.stringify(values) === JSON.stringify(stored.values)) return null;
  const content = JSON.stringify({ layout: stored.layout, values } satisfies StoredFields);
  return {
    async write(trx, at) {
      await trx.updateTable('document_fields').set({ content, updated_at: at }).where('document_id', '=', documentId).execute();
    },
  };
}

async function documentRow(ctx: ServiceContext, id: string) {
  const doc = await ctx.db
    .selectFrom('documents')
    .innerJoin('document_stages', 'document_stages.id', 'documents.stage_id')
    .select(['documents.version', 'documents.original_sha256', 'document_stages.phase'])
    .where('documents.id', '=', id)
    .executeTakeFirst();
  if (!doc) throw new AppError('NOT_FOUND', 'documents.notFound');
  return doc;
}

/**
 * The page sizes recorded at import. A file taken in before they were recorded is measured once, from the stored
 * original itself, and the sizes kept: fields must be checked against the pages they will be drawn on.
 */
async function pageSizesOf(ctx: ServiceContext, sha256: string): Promise<PageDimensions[]> {
  const row = await ctx.db.selectFrom('files').select('page_sizes').where('sha256', '=', sha256).executeTakeFirst();
  if (row?.page_sizes) return JSON.parse(row.page_sizes) as PageSize[];
  const info = await inspectPdf(await ctx.files.read(sha256), await pdfLimits(ctx));
  await ctx.db.updateTable('files').set({ page_count: info.pageCount, page_sizes: JSON.stringify(info.pageSizes) }).where('sha256', '=', sha256).execute();
  return info.pageSizes;
}

/** The document's signers in their stored order, with their references and what auto-fill reads from each. */
async function fieldSigners(ctx: ServiceContext, documentId: string): Promise<{ signer: FieldSigner; country: string | undefined }[]> {
  const rows = await signersWithPeople(ctx.db, documentId)
    .select([
      'document_signers.side',
      'users.name as user_name',
      'users.email as user_email',
      'contacts.first_name',
      'contacts.last_name',
      'contacts.email',
      'contacts.phone',
      'contacts.company_name',
      'contacts.position',
      'contacts.tax_id',
      'contacts.country',
      'contacts.street',
      'contacts.postal_code',
      'contacts.city',
    ])
    .execute();
  const company = await ctx.db.selectFrom('company').select(['name', 'tax_id', 'city']).where('id', '=', 1).executeTakeFirst();
  const sides = rows.map((r) => ({ side: r.side === 'company' ? ('company' as const) : ('counterparty' as const) }));
  const refs = signerRefs(sides);
  const optional = (v: string | null | undefined) => v ?? undefined;
  return rows.map((r, i) => {
    // An employee fills a field "for the company": their own name and e-mail, the company's name and tax ID.
    const contact: AutoFillContact =
      r.user_name !== null
        ? { firstName: r.user_name, lastName: '', email: optional(r.user_email), companyName: optional(company?.name), taxId: optional(company?.tax_id), city: optional(company?.city) }
        : {
            firstName: r.first_name ?? '',
            lastName: r.last_name ?? '',
            email: optional(r.email),
            phone: optional(r.phone),
            companyName: optional(r.company_name),
            position: optional(r.position),
            taxId: optional(r.tax_id),
            country: optional(r.country),
            street: optional(r.street),
            postalCode: optional(r.postal_code),
            city: optional(r.city),
          };
    const name = `${contact.firstName} ${contact.lastName}`.trim();
    return {
      signer: { ref: refs[i]!, side: sides[i]!.side, name, ...(r.user_name === null && r.company_name ? { companyName: r.company_name } : {}), contact },
      country: r.user_name === null ? optional(r.country) : undefined,
    };
  });
}
