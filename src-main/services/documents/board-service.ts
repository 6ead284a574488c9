import { sql, type ExpressionBuilder } from 'kysely';
import type { Board, DocumentFilter, DocumentSummary } from '../../../src-shared/documents/types';
import type { DocumentSort } from '../../../src-shared/documents/view';
import type { Database } from '../../store/schema';
import { currentUser } from '../app/app-service';
import type { ServiceContext } from '../context';
import { groupBy, summariesOf } from './document-rows';
import { ftsQuery } from './search-index';
import { listStages } from './stages-service';

type Where = (eb: ExpressionBuilder<Database, 'documents'>) => ReturnType<ExpressionBuilder<Database, 'documents'>['and']>;

/** The board's filters as one SQL condition on `documents`, so counts, sums and pages all see the same set. */
function filterWhere(filter: DocumentFilter, userId: string): Where {
  return (eb) => {
    const all = [];
    // Signer conditions are `id in (…)`, computed once from the (party, document) index, never a subquery per row.
    const signedBy = (column: 'user_id' | 'contact_id', value: string) =>
      eb('documents.id', 'in', eb.selectFrom('document_signers').select('document_signers.document_id').where(`document_signers.${column}`, '=', value));
    if (filter.mine) all.push(eb.or([eb('documents.owner_id', '=', userId), signedBy('user_id', userId)]));
    const match = ftsQuery(filter.query);
    if (match) all.push(eb('documents.id', 'in', eb.selectFrom('documents_fts').select('documents_fts.document_id').where(sql<boolean>`documents_fts match ${match}`)));
    if (filter.counterpartyId) all.push(signedBy('contact_id', filter.counterpartyId));
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

export interface SortOrder {
  sort: DocumentSort;
  descending: boolean;
}

const sortColumns = {
  updated: 'documents.updated_at',
  created: 'documents.created_at',
  dueDate: 'documents.due_date',
  amount: 'documents.amount_minor',
  title: 'documents.title',
  number: 'documents.number',
} as const satisfies Record<DocumentSort, string>;

/** Ids of the filtered documents (of one stage, when given) in the person's order; the id breaks ties, so pages never overlap. */
function orderedIds(ctx: ServiceContext, where: Where, order: SortOrder) {
  return ctx.db.selectFrom('documents').select('documents.id').where(where).orderBy(orderTerms(order));
}

/**
 * The person's order as SQL, with the id breaking ties in the same direction (so pages never overlap). Documents without
 * a deadline or an amount go last either way: "soonest due" must not start with the undated ones. The times are never
 * empty, so the board's default order needs no such term and reads the (stage, updated, id) index forwards or
 * backwards with no sort step.
 */
function orderTerms(order: SortOrder) {
  const direction = sql.raw(order.descending ? 'desc' : 'asc');
  const column = sql.ref(sortColumns[order.sort]);
  const terms = [sql`${column} ${direction}`, sql`documents.id ${direction}`];
  return sql.join(nullable.has(order.sort) ? [sql`${column} is null`, ...terms] : terms);
}

/**
 * A searched board's first pages, every column at once: one pass over the matches numbering each column's documents
 * in the person's order, where a query per column would run the search once per column.
 */
async function firstPages(ctx: ServiceContext, where: Where, order: SortOrder, pageSize: number): Promise<Map<string, string[]>> {
  const rows = await ctx.db
    .selectFrom((eb) =>
      eb
        .selectFrom('documents')
        .select(['documents.id', 'documents.stage_id', sql<number>`row_number() over (partition by documents.stage_id order by ${orderTerms(order)})`.as('rank')])
        .where(where)
        .as('ranked'),
    )
    .select(['ranked.id', 'ranked.stage_id'])
    .where('ranked.rank', '<=', pageSize)
    .orderBy('ranked.stage_id')
    .orderBy('ranked.rank')
    .execute();
  return new Map([...groupBy(rows, (r) => r.stage_id ?? '')].map(([stage, ranked]) => [stage, ranked.map((r) => r.id)]));
}


const nullable = new Set<DocumentSort>(['dueDate', 'amount']);


/** Every column with its count, its sums per currency and its first page of cards in the person's order. */
export async function getBoard(ctx: ServiceContext, filter: DocumentFilter, order: SortOrder = defaultOrder, pageSize = 30): Promise<Board> {
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
  // Each column's page of ids, then the cards of all of them in one batch: the same few queries whatever the number of
  // columns. Per column, a walk of the (stage, order) index stops at the page's last card; only a search, which costs
  // the same however few cards are wanted, is run once for all columns in a single pass.
  const paged = ftsQuery(filter.query) ? await firstPages(ctx, where, order, pageSize) : null;
  const pages = await Promise.all(
    stages.map(async (stage) =>
      paged ? (paged.get(stage.id) ?? []).map((id) => ({ id })) : orderedIds(ctx, where, order).where('documents.stage_id', '=', stage.id).limit(pageSize).execute(),
    ),
  );
  const cards = new Map((await summariesOf(ctx, pages.flat().map((r) => r.id))).map((c) => [c.id, c]));
  const columns = stages.map((stage, i) => {
    const rows = totals.filter((t) => t.stage_id === stage.id);
    return {
      stage,
      count: rows.reduce((n, r) => n + Number(r.count), 0),
      sums: rows.filter((r) => r.currency && r.sum !== null).map((r) => ({ currency: r.currency!, amountMinor: Number(r.sum) })),
      cards: pages[i]!.flatMap((r) => cards.get(r.id) ?? []),
    };
  });
  return { columns };
}

/** The next cards of one column, for a column scrolled past its first page. */
export async function getColumnPage(
  ctx: ServiceContext,
  input: { stageId: string; filter: DocumentFilter; offset: number; limit: number } & SortOrder,
): Promise<DocumentSummary[]> {
  const user = await currentUser(ctx);
  return columnPage(ctx, input.stageId, filterWhere(input.filter, user.id), input, input.offset, input.limit);
}

async function columnPage(ctx: ServiceContext, stageId: string, where: Where, order: SortOrder, offset: number, limit: number): Promise<DocumentSummary[]> {
  const ids = await orderedIds(ctx, where, order).where('documents.stage_id', '=', stageId).offset(offset).limit(limit).execute();
  return summariesOf(ctx, ids.map((r) => r.id));
}

/** The list (table) view: the same filtered set as the board, across stages, a page at a time, with the total. */
export async function listDocuments(
  ctx: ServiceContext,
  input: { filter: DocumentFilter; offset: number; limit: number } & SortOrder,
): Promise<{ items: DocumentSummary[]; total: number }> {
  const user = await currentUser(ctx);
  const where = filterWhere(input.filter, user.id);
  const [ids, total] = await Promise.all([
    orderedIds(ctx, where, input).offset(input.offset).limit(input.limit).execute(),
    ctx.db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).where(where).executeTakeFirstOrThrow(),
  ]);
  return { items: await summariesOf(ctx, ids.map((r) => r.id)), total: Number(total.n) };
}

/** Every document of the filtered set, in the list's order, for the CSV export (ids only: the rows come in pages). */
export async function allFilteredIds(ctx: ServiceContext, filter: DocumentFilter, order: SortOrder): Promise<string[]> {
  const user = await currentUser(ctx);
  return (await orderedIds(ctx, filterWhere(filter, user.id), order).execute()).map((r) => r.id);
}

const defaultOrder: SortOrder = { sort: 'updated', descending: true };
