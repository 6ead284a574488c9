import type { Kysely } from 'kysely';
import type { PageSize } from '../../src-shared/pdf/info';
import { inspectPdf } from '../../src-main/pdf/inspect';
import type { ServerFiles } from '../publishing/server-files';
import type { ServerDatabase } from '../store/schema';

/**
 * The pages' visible sizes as the desktop sent them; a document published by a desktop that sent none is measured
 * once from its file, by the desktop's own inspection (the visible box fields are placed in), and the sizes kept.
 */
export async function pageSizesOf(ctx: { db: Kysely<ServerDatabase>; files: ServerFiles }, doc: { id: string; fileSha256: string; pageSizes: string | null }): Promise<PageSize[]> {
  if (doc.pageSizes) return JSON.parse(doc.pageSizes) as PageSize[];
  const { pageSizes } = await inspectPdf(await ctx.files.files.read(doc.fileSha256));
  await ctx.db.updateTable('published_documents').set({ page_sizes: JSON.stringify(pageSizes) }).where('id', '=', doc.id).execute();
  return pageSizes;
}
