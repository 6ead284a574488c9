import { AppError } from '../../../src-shared/contract/errors';
import { fieldLayoutSchema } from '../../../src-shared/fields/layout';
import { signerRef } from '../../../src-shared/fields/signers';
import type { UiLanguage } from '../../../src-shared/settings/schema';
import type { TemplateRoles } from '../../../src-shared/templates/roles';
import type { Template, TemplateSummary } from '../../../src-shared/templates/types';
import type { FieldsAndValues } from '../../../src-shared/templates/roles';
import type { TemplateTable } from '../../store/schema';
import type { ServiceContext } from '../context';

/** Names in the order a Polish office sorts them (Ł after L, not after Z); English names sort the same way. */
const byName = new Intl.Collator('pl', { sensitivity: 'base', numeric: true });

/** A template's stored fields, parsed again rather than cast: defaults a newer field model adds are filled in. */
export function storedFields(row: Pick<TemplateTable, 'content'>): FieldsAndValues {
  const stored = JSON.parse(row.content) as { layout: unknown; values: FieldsAndValues['values'] };
  return { layout: fieldLayoutSchema.parse(stored.layout), values: stored.values };
}

export function storedRoles(row: Pick<TemplateTable, 'company_signers' | 'counterparty_roles'>): TemplateRoles {
  return { companyUserIds: JSON.parse(row.company_signers) as (string | null)[], counterpartyRoles: row.counterparty_roles };
}

export async function templateRow(ctx: ServiceContext, id: string): Promise<TemplateTable> {
  const row = await ctx.db.selectFrom('templates').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'templates.notFound');
  return row;
}

/** Templates with what the list shows: page count, each company place's employee and whether they can still sign. */
export async function templatesOf(ctx: ServiceContext, ids?: readonly string[]): Promise<Template[]> {
  if (ids?.length === 0) return [];
  let query = ctx.db
    .selectFrom('templates')
    .leftJoin('files', 'files.sha256', 'templates.file_sha256')
    .leftJoin('users as creator', 'creator.id', 'templates.created_by')
    .selectAll('templates')
    .select(['files.page_count', 'creator.name as creator_name']);
  if (ids) query = query.where('templates.id', 'in', ids);
  const rows = await query.execute();
  const userIds = [...new Set(rows.flatMap((r) => storedRoles(r).companyUserIds.filter((u): u is string => u !== null)))];
  const users = new Map(
    (userIds.length ? await ctx.db.selectFrom('users').select(['id', 'name', 'is_signer']).where('id', 'in', userIds).execute() : []).map((u) => [u.id, u]),
  );
  return rows
    .map((row): Template => {
      const roles = storedRoles(row);
      const fields = storedFields(row);
      const summary: TemplateSummary = {
        id: row.id,
        name: row.name,
        fileSha256: row.file_sha256,
        originalName: row.original_name,
        pageCount: row.page_count ?? 0,
        companyRoles: roles.companyUserIds.map((userId, i) => {
          const user = userId ? users.get(userId) : undefined;
          return { ref: signerRef('company', i + 1), ...(userId ? { userId } : {}), ...(user ? { name: user.name } : {}), canSign: user?.is_signer === 1 };
        }),
        counterpartyRoles: roles.counterpartyRoles,
        fieldCount: fields.layout.fields.length,
        sendDefaults: {
          ...(row.signing_order === 'companyFirst' || row.signing_order === 'parallel' ? { order: row.signing_order } : {}),
          ...(row.send_message ? { message: row.send_message } : {}),
          ...(row.send_language ? { language: row.send_language as UiLanguage } : {}),
          ...(row.reminder_days ? { reminderDays: row.reminder_days } : {}),
          ...(row.expiry_days ? { expiryDays: row.expiry_days } : {}),
        },
        createdBy: row.created_by,
        createdByName: row.creator_name ?? '',
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      };
      return { ...summary, ...fields };
    })
    .sort((a, b) => byName.compare(a.name, b.name));
}

/** The list leaves the fields out: they are read when a template is opened or used. */
export function summaryOf(template: Template): TemplateSummary {
  const { layout: _layout, values: _values, ...summary } = template;
  return summary;
}

/** Refused with the name when another template (not `exceptId`) has the same name key. */
export async function checkNameFree(ctx: ServiceContext, nameKey: string, name: string, exceptId?: string): Promise<void> {
  let query = ctx.db.selectFrom('templates').select('id').where('name_key', '=', nameKey);
  if (exceptId) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) throw nameTaken(name);
}

/** Also what a lost race on the unique key becomes: the same refusal, beside the name field. */
export function nameTaken(name: string): AppError {
  return new AppError('DUPLICATE', 'templates.nameTaken', { name, issues: [{ path: 'name', messageKey: 'templates.nameTakenShort' }] });
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && /UNIQUE constraint failed: templates\.name_key/.test(error.message);
}
