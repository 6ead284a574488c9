import { AppError } from '../../../src-shared/contract/errors';
import { templateNameKey } from '../../../src-shared/templates/inputs';
import type { Template, TemplateSummary } from '../../../src-shared/templates/types';
import { currentUser } from '../app/app-service';
import { nowIso, type ServiceContext } from '../context';
import { checkNameFree, isUniqueViolation, nameTaken, summaryOf, templateRow, templatesOf } from './template-rows';

/** Every template of the company, by name. Everyone who prepares documents may use them. */
export async function listTemplates(ctx: ServiceContext): Promise<TemplateSummary[]> {
  return (await templatesOf(ctx)).map(summaryOf);
}

export async function getTemplate(ctx: ServiceContext, id: string): Promise<Template> {
  const [template] = await templatesOf(ctx, [id]);
  if (!template) throw new AppError('NOT_FOUND', 'templates.notFound');
  return template;
}

export async function renameTemplate(ctx: ServiceContext, input: { id: string; name: string }): Promise<Template> {
  const row = await templateRow(ctx, input.id);
  await requireManager(ctx, row.created_by);
  const nameKey = templateNameKey(input.name);
  if (input.name === row.name) return getTemplate(ctx, row.id);
  await checkNameFree(ctx, nameKey, input.name, row.id);
  try {
    await ctx.db.updateTable('templates').set({ name: input.name, name_key: nameKey, updated_at: nowIso(ctx) }).where('id', '=', row.id).execute();
  } catch (error) {
    throw isUniqueViolation(error) ? nameTaken(input.name) : error;
  }
  return getTemplate(ctx, row.id);
}

/**
 * Removes the template only: its file stays in the file store (documents may share it, and files are never
 * deleted), and Drafts started from it were copies from the start.
 */
export async function deleteTemplate(ctx: ServiceContext, id: string): Promise<{ id: string }> {
  const row = await templateRow(ctx, id);
  await requireManager(ctx, row.created_by);
  await ctx.db.deleteFrom('templates').where('id', '=', row.id).execute();
  return { id: row.id };
}

/**
 * Renaming and deleting change what everyone starts from, so they are for whoever saved the template and for
 * administrators, until issue 8 gives "manage templates" a permission of its own.
 */
async function requireManager(ctx: ServiceContext, createdBy: string): Promise<void> {
  const user = await currentUser(ctx);
  if (user.id !== createdBy && !user.isAdmin) throw new AppError('FORBIDDEN', 'templates.notYours');
}
