import { rolesOf, templateFields } from '../../../src-shared/templates/roles';
import { daysBetween, localDay } from '../../../src-shared/dates/calendar';
import { templateNameKey } from '../../../src-shared/templates/inputs';
import type { Template } from '../../../src-shared/templates/types';
import { currentUser } from '../app/app-service';
import { nowIso, type ServiceContext } from '../context';
import { getDocumentFields } from '../documents/fields-service';
import { readSendPlan } from '../documents/read-send-plan';
import { checkNameFree, isUniqueViolation, nameTaken } from './template-rows';
import { getTemplate } from './templates-service';


/**
 * "Save as template": any document (a Draft being prepared or one already sent) gives its original file, its field
 * layout with the signers' places, the employees in the company's places, how many counterparties sign, and what it
 * was sent with if it was. The template keeps copies: changing or removing the document later does not touch it.
 */
export async function saveTemplateFromDocument(ctx: ServiceContext, input: { documentId: string; name: string }): Promise<Template> {
  const user = await currentUser(ctx);
  // Also records the file's page sizes if the import did not (the template list shows the page count).
  const fields = await getDocumentFields(ctx, input.documentId);
  const doc = await ctx.db.selectFrom('documents').select(['original_sha256', 'original_name', 'sent_at']).where('id', '=', input.documentId).executeTakeFirstOrThrow();
  const plan = await readSendPlan(ctx.db, input.documentId);
  const signers = await ctx.db.selectFrom('document_signers').select(['side', 'user_id']).where('document_id', '=', input.documentId).orderBy('position').orderBy('id').execute();
  const roles = rolesOf(signers.map((s) => ({ side: s.side === 'company' ? 'company' : 'counterparty', userId: s.user_id })));
  const kept = templateFields({ layout: fields.layout, values: fields.values }, roles);

  const nameKey = templateNameKey(input.name);
  await checkNameFree(ctx, nameKey, input.name);
  const id = ctx.newId();
  const at = nowIso(ctx);
  try {
    await ctx.db
      .insertInto('templates')
      .values({
        id,
        name: input.name,
        name_key: nameKey,
        file_sha256: doc.original_sha256,
        original_name: doc.original_name,
        content: JSON.stringify(kept),
        company_signers: JSON.stringify(roles.companyUserIds),
        counterparty_roles: roles.counterpartyRoles,
        signing_order: plan.order ?? null,
        send_message: plan.message ?? null,
        send_language: plan.language ?? null,
        reminder_days: plan.reminderDays ?? null,
        // A sent document's deadline counts from the day it went out; a Draft's day, chosen while preparing it, from today.
        expiry_days: plan.expiresOn ? calendarDays(doc.sent_at ?? at, plan.expiresOn) : null,
        created_by: user.id,
        created_at: at,
        updated_at: at,
      })
      .execute();
  } catch (error) {
    throw isUniqueViolation(error) ? nameTaken(input.name) : error;
  }
  return getTemplate(ctx, id);
}

/**
 * Days from the local day an instant fell on to a deadline day: a document sent on the 3rd to be signed by the end of
 * the 17th gave 14 days, as the wizard counts its default, however late on the 3rd it went out.
 */
function calendarDays(fromIso: string, toDay: string): number | null {
  const days = daysBetween(localDay(new Date(fromIso)), toDay);
  return days >= 1 ? days : null;
}
