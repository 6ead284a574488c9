import { createHash } from 'node:crypto';
import { dayAfter } from '../../../src-shared/dates/calendar';
import { signerRef } from '../../../src-shared/fields/signers';
import { draftRoles, fieldsForDraft } from '../../../src-shared/templates/roles';
import type { TemplateDraft } from '../../../src-shared/templates/types';
import { currentUser } from '../app/app-service';
import { nowIso, type ServiceContext } from '../context';
import { createDocument, getDocument } from '../documents/documents-service';
import { writeAtVersion } from '../documents/draft-at-version';
import { appendDocumentEvent } from '../documents/events';
import { storedFields, storedRoles, templateRow } from './template-rows';

/**
 * A new Draft from a template: its file, the company's employees in their places, its fields on those places, and
 * what it is to be sent with. Counterparties are chosen each time: the ones given take the counterparty places in
 * order, and the wizard's step 2 adds the rest; until then the fields of a place nobody holds wait on the Draft
 * (the field editor shows them once the place is filled, and the fields save refuses them while it is not).
 */
export async function startDraftFromTemplate(ctx: ServiceContext, input: { id: string; title: string; counterpartyContactIds: string[] }): Promise<TemplateDraft> {
  const user = await currentUser(ctx);
  const row = await templateRow(ctx, input.id);
  const roles = storedRoles(row);
  const employeeIds = roles.companyUserIds.filter((u): u is string => u !== null);
  const employees = employeeIds.length ? await ctx.db.selectFrom('users').select(['id', 'name', 'is_signer']).where('id', 'in', employeeIds).execute() : [];
  const signers = new Set(employees.filter((u) => u.is_signer === 1).map((u) => u.id));
  const plan = draftRoles(roles, (id) => signers.has(id));
  const fields = fieldsForDraft(storedFields(row), plan);

  const created = await createDocument(ctx, {
    fileSha256: row.file_sha256,
    originalName: row.original_name,
    title: input.title,
    companySignerIds: plan.companySignerIds,
    counterpartyContactIds: input.counterpartyContactIds,
    tags: [],
  });
  // The Draft's send plan, as the wizard's delivery step would have saved it: it shows these as the choices made.
  const sendDefaults = {
    signing_order: row.signing_order,
    send_message: row.send_message,
    send_language: row.send_language,
    reminder_days: row.reminder_days,
    send_expires_on: row.expiry_days ? dayAfter(ctx.now(), row.expiry_days) : null,
  };
  const hasDefaults = Object.values(sendDefaults).some((v) => v !== null);
  if (fields.layout.fields.length > 0 || hasDefaults) {
    const content = JSON.stringify(fields);
    const at = nowIso(ctx);
    await ctx.db.transaction().execute(async (trx) => {
      await writeAtVersion(trx, created.id, created.version, sendDefaults, at);
      if (fields.layout.fields.length === 0) return;
      // Written as the fields save writes them, but without its check that every place is held: the counterparty
      // places are filled in step 2, after this.
      await trx.insertInto('document_fields').values({ document_id: created.id, content, updated_at: at, updated_by: user.id }).execute();
      await appendDocumentEvent(trx, created.id, {
        at,
        type: 'fieldsSaved',
        actor: user.name,
        details: { fields: String(fields.layout.fields.length), sha256: createHash('sha256').update(content).digest('hex'), by: user.id, template: row.name },
      });
    });
    ctx.events.publish({ type: 'documentsChanged', ids: [created.id] });
  }
  const names = new Map(employees.map((u) => [u.id, u.name]));
  const placeOf = new Map(roles.companyUserIds.map((userId, i) => [signerRef('company', i + 1), userId]));
  return {
    document: await getDocument(ctx, created.id),
    openCompanyRoles: plan.openRefs.map((ref) => names.get(placeOf.get(ref) ?? '') ?? ref),
  };
}
