import { sql, type ExpressionBuilder } from 'kysely';
import type { Board, DocumentFilter, DocumentSummary } from '../../../src-shared/documents/types';
import type { Database } from '../../store/schema';
import { currentUser } from '../app/app-service';
import type { ServiceContext } from '../context';
import { summariesOf } from './document-rows';
import { ftsQuery } from './search-index';
import { listStages } from './stages-service';

type Where = (eb: ExpressionBuilder<Database, 'documents'>) => ReturnType<ExpressionBuilder<Database, 'documents'>['and']>;

/** The board's filters as one SQL condition on `documents`, so counts, sums and pages all see the same set. */
function filterWhere(filter: DocumentFilter, userId: string): Where {
  return (eb) => {
    const all = [];
    if (filter.mine) {
      all.push(
        eb.or([
          eb('documents.owner_id', '=', userId),
          eb.exists(eb.selectFrom('document_signers').select('document_signers.id').whereRef('document_signers.document_id', '=', 'documents.id').where('document_signers.user_id', '=', userId)),
        ]),
      );
    }
    const match = ftsQuery(filter.query);
    if (match) all.push(eb('documents.id', 'in', eb.selectFrom('documents_fts').select('documents_fts.document_id').where(sql<boolean>`documents_fts match ${match}`)));
    if (filter.counterpartyId) {
      all.push(eb.exists(eb.selectFrom('document_signers').select('document_signers.id').whereRef('document_signers.document_id', '=', 'documents.id').where('document_signers.contact_id', '=', filter.counterpartyId)));
    }
    if (filter.ownerId) all.push(eb('documents.owner_id', '=', filter.ownerId));
    if (filter.department) all.push(eb('documents.department', '=', filter.department));
    if (filter.tag) all.push(eb('documents.id', 'in', eb.selectFrom('document_tags').select('document_tags.document_id').where('document_tags.tag', '=', filter.tag)));
    if (filter.amountMin !== undefined) all.push(eb('documents.amount_minor', '>=', filter.amountMin));
    if (filter.amountMax !== undefined) all.push(eb('documents.amount_minor', '<=', filter.amountMax));
    if (filter.dueFrom) all.push(eb('documents.due_date', '>=', filter.dueFrom));
    if (filter.dueTo) all.push(eb('documents.due_date', '<=', filter.dueTo));
    return eb.and(all);
  };
}

/** Every column with its count, its sums per currency and its first page of cards (newest change first). */
export async function getBoard(ctx: ServiceContext, filter: DocumentFilter, pageSize = 30): Promise<Board> {
  const user = await currentUser(ctx);
  const where = filterWhere(filter, user.id);
  const [stages, totals] = await Promise.all([
    listStages(ctx),
    ctx.db
      .selectFrom('documents')
      .select(['documents.stage_id', 'documents.currency', (eb) => eb.fn.countAll<number>().as('count'), (eb) => eb.fn.sum<number>('documents.amount_minor').as('sum')])
      .where(where)
      .groupBy(['documents.stage_id', 'documents.currency'])
      .execute(),
  ]);
  const columns = await Promise.all(
    stages.map(async (stage) => {
      const rows = totals.filter((t) => t.stage_id === stage.id);
      const cards = await columnPage(ctx, stage.id, where, 0, pageSize);
      return {
        stage,
        count: rows.reduce((n, r) => n + Number(r.count), 0),
        sums: rows.filter((r) => r.currency && r.sum !== null).map((r) => ({ currency: r.currency!, amountMinor: Number(r.sum) })),
        cards,
      };
    }),
  );
  return { columns };
}

/** The next cards of one column, for a column scrolled past its first page. */
export async function getColumnPage(ctx: ServiceContext, input: { stageId: string; filter: DocumentFilter; offset: number; limit: number }): Promise<DocumentSummary[]> {
  const user = await currentUser(ctx);
  return columnPage(ctx, input.stageId, filterWhere(input.filter, user.id), input.offset, input.limit);
}

async function columnPage(ctx: ServiceContext, stageId: string, where: Where, offset: number, limit: number): Promise<DocumentSummary[]> {
  const ids = await ctx.db
    .selectFrom('documents')
    .select('documents.id')
    .where('documents.stage_id', '=', stageId)
    .where(where)
    .orderBy('documents.updated_at', 'desc')
    .orderBy('documents.id')
    .offset(offset)
    .limit(limit)
    .execute();
  return summariesOf(ctx, ids.map((r) => r.id));
}
