import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import type { Board, DocumentFilter, DocumentSummary } from '../../../src-shared/documents/types';
import type { DocumentSort } from '../../../src-shared/documents/view';
import { foldForSearch } from '../../../src-shared/text/fold';
import type { Database } from '../../store/schema';
import { currentUser } from '../app/app-service';
import type { ServiceContext } from '../context';
import { groupBy, summariesOf } from './document-rows';
import { ftsQuery } from './search-index';
import { listStages } from './stages-service';
import type { PermissionAction } from '../../../src-shared/permissions/actions';
import { documentScope, type DocumentScope } from '../../../src-shared/permissions/policy';
import { scopeCondition } from '../permissions/document-scope';
import { loadPolicy, subjectOf } from '../permissions/policy-store';

type Where = (eb: ExpressionBuilder<Database, 'documents'>) => ReturnType<ExpressionBuilder<Database, 'documents'>['and']>;

/** The board's filters as one SQL condition on `documents`, so counts, sums and pages all see the same set. */
function filterWhere(filter: DocumentFilter, userId: string, scope: DocumentScope): Where {
  return (eb) => {
    // First the documents this employee may see at all (access permissions, issue 8): every count, sum and page below.
    const all = [scopeCondition(eb, scope)];
    // Signer conditions are `id in (…)`, computed once from the (party, document) index, never a subquery per row.
    const signersOf = (column: 'user_id' | 'contact_id', value: string) =>
      eb.selectFrom('document_signers').select('document_signers.document_id').where(`document_signers.${column}`, '=', value);
    if (filter.mine) {
      // The unary plus keeps SQLite from merging "I own it" with "I sign it" as two lists of ids looked up one by one
      // (10,000 lookups when I own and sign them all): the (stage, currency, amount, owner, id) index is read once
      // instead, the owner compared and my signatures only probed.
      all.push(eb.or([eb('documents.owner_id', '=', userId), eb(sql`+${sql.ref('documents.id')}`, 'in', signersOf('user_id', userId))]));
    }
    if (filter.awaitingMySignature) {
      all.push(
        eb(
          'documents.id',
          'in',
          eb
            .selectFrom('document_signers')
            .innerJoin('documents as signed_doc', 'signed_doc.id', 'document_signers.document_id')
            .innerJoin('document_stages', 'document_stages.id', 'signed_doc.stage_id')
            .select('document_signers.document_id')
            .where('document_signers.user_id', '=', userId)
            .where('document_signers.side', '=', 'company')
            .where('document_signers.status', 'not in', ['signed', 'declined'])
            .where('document_stages.phase', 'in', ['companySigning', 'counterpartySigning']),
        ),
      );
    }
    const match = ftsQuery(filter.query);
    if (match) all.push(eb('documents.id', 'in', eb.selectFrom('documents_fts').select('documents_fts.document_id').where(sql<boolean>`documents_fts match ${match}`)));
    if (filter.counterpartyId) all.push(eb('documents.id', 'in', signersOf('contact_id', filter.counterpartyId)));
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

/** What each order reads: a column of `documents`, or of what `sortedSource` joins to it for that order. */
const sortKeys = {
  updated: 'documents.updated_at',
  created: 'documents.created_at',
  dueDate: 'documents.due_date',
  amount: 'documents.amount_minor',
  title: 'documents.title',
  number: 'documents.number',
  stage: 'sort_stage.position',
  counterparty: 'documents.counterparty_sort',
  owner: 'owner_rank.rank',
} as const satisfies Record<DocumentSort, string>;

/** Keys that may be empty. A stage or an owner always exists; they are here so that a row without one can never break the order. */
const nullable = new Set<DocumentSort>(['dueDate', 'amount', 'counterparty', 'stage', 'owner']);

/**
 * The person's order as SQL, with the id breaking ties in the same direction (so pages never overlap). Documents without
 * a deadline, an amount or a counterparty go last either way: "soonest due" must not start with the undated ones. The
 * times are never empty, so the board's default order needs no such term and reads the (stage, updated, id) index
 * forwards or backwards with no sort step.
 */
function orderTerms(order: SortOrder) {
  const direction = sql.raw(order.descending ? 'desc' : 'asc');
  const column = sql.ref(sortKeys[order.sort]);
  const terms = [sql`${column} ${direction}`, sql`documents.id ${direction}`];
  return sql.join(nullable.has(order.sort) ? [sql`${column} is null`, ...terms] : terms);
}

type DocumentsQuery = SelectQueryBuilder<Database, 'documents', object>;

/**
 * `documents` with what the order reads joined to it: the stage's position (the company's order, not the names'), or
 * the owner's rank among all employees by their names folded for Polish (SQLite's own comparison would put "Łukasz"
 * after "Zenon"). The ranks are a small table handed in as JSON and materialized, so that SQLite indexes it for the
 * join: read per document from the JSON itself, they cost a scan of every employee for every document.
 */
async function sortedSource(ctx: ServiceContext, order: SortOrder): Promise<() => DocumentsQuery> {
  if (order.sort === 'stage') {
    return () => ctx.db.selectFrom('documents').leftJoin('document_stages as sort_stage', 'sort_stage.id', 'documents.stage_id') as unknown as DocumentsQuery;
  }
  if (order.sort === 'owner') {
    const users = (await ctx.db.selectFrom('users').select(['id', 'name']).execute()).map((u) => ({ id: u.id, key: foldForSearch(u.name) }));
    users.sort((a, b) => compare(a.key, b.key) || compare(a.id, b.id));
    const ranks = JSON.stringify(users.map((u) => u.id));
    return () =>
      ctx.db
        .with(
          (cte) => cte('owner_rank').materialized(),
          (db) => db.selectFrom(sql<{ value: string; key: number }>`json_each(${ranks})`.as('ranks')).select(['ranks.value as owner_id', 'ranks.key as rank']),
        )
        .selectFrom('documents')
        .leftJoin('owner_rank', 'owner_rank.owner_id', 'documents.owner_id') as unknown as DocumentsQuery;
  }
  return () => ctx.db.selectFrom('documents');
}

/** Code-unit order, as SQLite compares the contacts' folded sort names. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Ids of the filtered documents (of one stage, when given) in the person's order; the id breaks ties, so pages never overlap. */
function orderedIds(source: () => DocumentsQuery, where: Where, order: SortOrder) {
  return source().select('documents.id').where(where).orderBy(orderTerms(order));
}

interface Totals {
  stage_id: string | null;
  currency: string | null;
  count: number;
  sum: number | null;
}

/** Counts and sums per stage and currency, read from the (stage, currency, amount, owner, id) index alone. */
function columnTotals(ctx: ServiceContext, where: Where): Promise<Totals[]> {
  return ctx.db
    .selectFrom('documents')
    .select(['documents.stage_id', 'documents.currency', (eb) => eb.fn.countAll<number>().as('count'), (eb) => eb.fn.sum<number | null>('documents.amount_minor').as('sum')])
    .where(where)
    .groupBy(['documents.stage_id', 'documents.currency'])
    .execute();
}

/**
 * A filtered board in one statement: the matches are found once (a materialized table of them, each numbered within
 * its column in the person's order), and both the totals and each column's first page are read from it. Run as two
 * queries, a search and the lookup of every match ran twice.
 */
async function matchedBoard(ctx: ServiceContext, source: () => DocumentsQuery, where: Where, order: SortOrder, pageSize: number) {
  const rows = await ctx.db
    .with(
      (cte) => cte('matches').materialized(),
      () =>
        source()
          .select([
            'documents.id',
            'documents.stage_id',
            'documents.currency',
            'documents.amount_minor',
            sql<number>`row_number() over (partition by documents.stage_id order by ${orderTerms(order)})`.as('rank'),
          ])
          .where(where),
    )
    .selectFrom('matches')
    .select(['matches.stage_id', 'matches.currency', (eb) => eb.fn.countAll<number>().as('count'), (eb) => eb.fn.sum<number | null>('matches.amount_minor').as('sum'), sql<string | null>`null`.as('id'), sql<number | null>`null`.as('rank')])
    .groupBy(['matches.stage_id', 'matches.currency'])
    .unionAll((db) =>
      db
        .selectFrom('matches')
        .select(['matches.stage_id', sql<string | null>`null`.as('currency'), sql<number>`null`.as('count'), sql<number | null>`null`.as('sum'), 'matches.id', 'matches.rank'])
        .where('matches.rank', '<=', pageSize),
    )
    .execute();
  const totals: Totals[] = rows.filter((r) => r.id === null).map((r) => ({ stage_id: r.stage_id, currency: r.currency, count: Number(r.count), sum: r.sum }));
  const ranked = rows.filter((r) => r.id !== null).sort((a, b) => a.rank! - b.rank!);
  const pages = new Map([...groupBy(ranked, (r) => r.stage_id ?? '')].map(([stage, cards]) => [stage, cards.map((r) => r.id!)]));
  return { totals, pages };
}

/**
 * Each column's first page, every column in one statement. Per column, a walk of the (stage, order) index stops at the
 * page's last card; one statement of them all is prepared and run once, not once per column.
 */
async function firstPages(ctx: ServiceContext, stageIds: readonly string[], source: () => DocumentsQuery, where: Where, order: SortOrder, pageSize: number) {
  if (stageIds.length === 0) return new Map<string, string[]>();
  const page = (stageId: string, i: number) =>
    ctx.db.selectFrom(orderedIds(source, where, order).select('documents.stage_id').where('documents.stage_id', '=', stageId).limit(pageSize).as(`column_${i}`)).select(['id', 'stage_id']);
  const [first, ...rest] = stageIds.map(page);
  const rows = await rest.reduce((all, next) => all.unionAll(next), first!).execute();
  return new Map([...groupBy(rows, (r) => r.stage_id ?? '')].map(([stage, cards]) => [stage, cards.map((r) => r.id)]));
}

/** Every column with its count, its sums per currency and its first page of cards in the person's order. */
export async function getBoard(ctx: ServiceContext, filter: DocumentFilter, order: SortOrder = defaultOrder, pageSize = 30): Promise<Board> {
  const user = await currentUser(ctx);
  const where = filterWhere(filter, user.id, await scopeFor(ctx, 'documents.view'));
  const [stages, source] = await Promise.all([listStages(ctx), sortedSource(ctx, order)]);
  // The cards of every column come in one batch: the same few queries whatever the number of columns. A filter that
  // names its documents through another table (a search, a counterparty, a tag) is read in a single pass over its
  // matches: walking each column instead probes that set for every document walked, however few of them match.
  const { totals, pages } = ftsQuery(filter.query) || filter.counterpartyId || filter.tag
    ? await matchedBoard(ctx, source, where, order, pageSize)
    : { totals: await columnTotals(ctx, where), pages: await firstPages(ctx, stages.map((s) => s.id), source, where, order, pageSize) };
  const cards = new Map((await summariesOf(ctx, [...pages.values()].flat())).map((c) => [c.id, c]));
  const totalsByStage = groupBy(totals, (t) => t.stage_id ?? '');
  const columns = stages.map((stage) => {
    const rows = totalsByStage.get(stage.id) ?? [];
    return {
      stage,
      count: rows.reduce((n, r) => n + Number(r.count), 0),
      sums: rows.filter((r) => r.currency && r.sum !== null).map((r) => ({ currency: r.currency!, amountMinor: Number(r.sum) })),
      cards: (pages.get(stage.id) ?? []).flatMap((id) => cards.get(id) ?? []),
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
  const source = await sortedSource(ctx, input);
  const ids = await orderedIds(source, filterWhere(input.filter, user.id, await scopeFor(ctx, 'documents.view')), input).where('documents.stage_id', '=', input.stageId).offset(input.offset).limit(input.limit).execute();
  return summariesOf(ctx, ids.map((r) => r.id));
}

/** The list (table) view: the same filtered set as the board, across stages, a page at a time, with the total. */
export async function listDocuments(
  ctx: ServiceContext,
  input: { filter: DocumentFilter; offset: number; limit: number } & SortOrder,
): Promise<{ items: DocumentSummary[]; total: number }> {
  const user = await currentUser(ctx);
  const where = filterWhere(input.filter, user.id, await scopeFor(ctx, 'documents.view'));
  const source = await sortedSource(ctx, input);
  const [ids, total] = await Promise.all([
    orderedIds(source, where, input).offset(input.offset).limit(input.limit).execute(),
    ctx.db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).where(where).executeTakeFirstOrThrow(),
  ]);
  return { items: await summariesOf(ctx, ids.map((r) => r.id)), total: Number(total.n) };
}

/**
 * Every document of the filtered set that the employee may export (and see), in the list's order, for the CSV export
 * (ids only: the rows come in pages).
 */
export async function allFilteredIds(ctx: ServiceContext, filter: DocumentFilter, order: SortOrder): Promise<string[]> {
  const user = await currentUser(ctx);
  const source = await sortedSource(ctx, order);
  const [view, exported] = (await scopesFor(ctx, ['documents.view', 'documents.export'])) as [DocumentScope, DocumentScope];
  const where = filterWhere(filter, user.id, exported);
  return (await orderedIds(source, (eb) => eb.and([where(eb), scopeCondition(eb, view)]), order).execute()).map((r) => r.id);
}

/** The documents the employee working now reaches with `action`, by their access permissions. */
async function scopeFor(ctx: ServiceContext, action: PermissionAction): Promise<DocumentScope> {
  return (await scopesFor(ctx, [action]))[0]!;
}

/** The same for several actions, the permissions read once. */
async function scopesFor(ctx: ServiceContext, actions: readonly PermissionAction[]): Promise<DocumentScope[]> {
  const [policy, subject] = await Promise.all([loadPolicy(ctx.db), subjectOf(ctx)]);
  return actions.map((action) => documentScope(policy, subject, action));
}

const defaultOrder: SortOrder = { sort: 'updated', descending: true };
