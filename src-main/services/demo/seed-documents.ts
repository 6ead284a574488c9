import type { Insertable } from 'kysely';
import type { Phase } from '../../../src-shared/documents/lifecycle';
import type { SignerStatus } from '../../../src-shared/documents/types';
import { eventHash, genesisHash } from '../../evidence/chain';
import type { Database } from '../../store/schema';
import { currentUser } from '../app/app-service';
import type { ServiceContext } from '../context';
import { numberingFor, numberScheme } from '../documents/numbering';
import { searchRow } from '../documents/search-index';

const kinds = ['Umowa dostawy', 'Umowa o zachowaniu poufności', 'Umowa serwisowa', 'Aneks do umowy', 'Umowa najmu', 'Zlecenie', 'Master Service Agreement', 'Porozumienie o współpracy'];
const subjects = ['materiałów biurowych', 'sprzętu IT', 'usług sprzątania', 'oprogramowania', 'transportu', 'magazynowania', 'szkoleń', 'doradztwa'];
const departments = ['Zakupy', 'Sprzedaż', 'Prawny', 'Finanse', 'Logistyka', 'IT'];
const tagPool = ['ramowa', 'pilne', 'NDA', 'export', 'roczna', 'aneks', 'B2B', 'serwis'];
/** Roughly how a busy company's documents spread over the board. */
const spread: [Phase, number][] = [['draft', 20], ['companySigning', 15], ['counterpartySigning', 20], ['signed', 25], ['archived', 12], ['declined', 3], ['cancelled', 3], ['expired', 2]];

/** Deterministic, so two demo stores of the same size are the same store (and benchmarks compare like with like). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function statuses(phase: Phase, r: () => number): { company: SignerStatus; counterparty: SignerStatus } {
  switch (phase) {
    case 'draft':
      return { company: 'waiting', counterparty: 'waiting' };
    case 'companySigning':
      return { company: r() < 0.5 ? 'sent' : 'viewed', counterparty: 'waiting' };
    case 'counterpartySigning':
      return { company: 'signed', counterparty: (['sent', 'viewed', 'identityChecked'] as const)[Math.floor(r() * 3)]! };
    case 'declined':
      return { company: 'signed', counterparty: 'declined' };
    case 'cancelled':
    case 'expired':
      return { company: r() < 0.5 ? 'signed' : 'sent', counterparty: 'sent' };
    default:
      return { company: 'signed', counterparty: 'signed' };
  }
}

/**
 * `--demo-documents N`: a store with N realistic documents spread over every stage, for trying the board at scale and
 * for its benchmark. The same rows the services write (numbered in the company scheme, signers whose statuses fit the
 * stage, tags, a chained history, the search index), inserted 500 documents to a statement and a transaction.
 */
export async function seedDemoDocuments(ctx: ServiceContext, count: number): Promise<number> {
  const owner = await currentUser(ctx);
  const contacts = await ctx.db
    .selectFrom('contacts')
    .select(['id', 'first_name', 'last_name', 'company_name', 'tax_id'])
    .where('archived_at', 'is', null)
    .where('kind', '!=', 'employee')
    .execute();
  const file = await ctx.db.selectFrom('files').select('sha256').where('media_type', '=', 'application/pdf').limit(1).executeTakeFirst();
  if (contacts.length === 0 || !file) throw new Error('demo documents need the demo contacts and samples first (--demo)');
  const stages = await ctx.db.selectFrom('document_stages').select(['id', 'phase']).orderBy('position').execute();
  const stageOf = (phase: Phase) => stages.find((s) => s.phase === phase)!.id;
  const r = random(count);
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)]!;
  const weights = spread.reduce((n, [, w]) => n + w, 0);
  const phaseAt = (): Phase => {
    let x = r() * weights;
    for (const [phase, w] of spread) if ((x -= w) < 0) return phase;
    return 'draft';
  };
  const base = ctx.now().getTime();
  const chunkSize = 500;
  for (let done = 0; done < count; done += chunkSize) {
    const size = Math.min(chunkSize, count - done);
    await ctx.db.transaction().execute(async (trx) => {
      const scheme = await numberScheme(trx);
      const counters = new Map((await trx.selectFrom('number_counters').selectAll().execute()).map((c) => [c.prefix, c.last]));
      const rows = { documents: [] as Insertable<Database['documents']>[], signers: [] as Insertable<Database['document_signers']>[], tags: [] as Database['document_tags'][], events: [] as Database['document_events'][], search: [] as Database['documents_fts'][] };
      for (let i = 0; i < size; i++) {
        const n = done + i;
        const id = ctx.newId();
        const phase = phaseAt();
        const created = new Date(base - Math.floor(r() * 400) * 86_400_000 - n * 1000);
        const at = created.toISOString();
        const { prefix, format } = numberingFor(scheme, created);
        const count = (counters.get(prefix) ?? 0) + 1;
        counters.set(prefix, count);
        const number = format(count);
        const withAmount = r() < 0.8;
        const title = `${pick(kinds)} ${pick(subjects)} #${n + 1}`;
        rows.documents.push({
          id,
          title,
          number,
          original_sha256: file.sha256,
          original_name: 'umowa.pdf',
          owner_id: owner.id,
          created_at: at,
          updated_at: at,
          stage_id: stageOf(phase),
          amount_minor: withAmount ? Math.floor(r() * 50_000_00) * 10 : null,
          currency: withAmount ? (r() < 0.8 ? 'PLN' : pick(['EUR', 'USD', 'GBP'])) : null,
          due_date: r() < 0.7 ? new Date(created.getTime() + Math.floor(r() * 90) * 86_400_000).toISOString().slice(0, 10) : null,
          department: pick(departments),
          sealed_sha256: null,
        });
        const party = pick(contacts);
        const status = statuses(phase, r);
        rows.signers.push(
          { document_id: id, user_id: owner.id, contact_id: null, side: 'company', position: 0, status: status.company, signed_at: status.company === 'signed' ? at : null },
          { document_id: id, user_id: null, contact_id: party.id, side: 'counterparty', position: 1, status: status.counterparty, signed_at: status.counterparty === 'signed' ? at : null },
        );
        const tags = [...new Set([pick(tagPool), ...(r() < 0.4 ? [pick(tagPool)] : [])])];
        rows.tags.push(...tags.map((tag) => ({ document_id: id, tag })));
        const event = { at, type: 'created', actor: owner.name, details: { number } };
        rows.events.push({ document_id: id, seq: 1, ...event, details: JSON.stringify(event.details), prev_hash: genesisHash, hash: eventHash(genesisHash, event) });
        rows.search.push(searchRow(id, { title, number }, [party], tags));
      }
      await trx.insertInto('documents').values(rows.documents).execute();
      await trx.insertInto('document_signers').values(rows.signers).execute();
      await trx.insertInto('document_tags').values(rows.tags).execute();
      await trx.insertInto('document_events').values(rows.events).execute();
      await trx.insertInto('documents_fts').values(rows.search).execute();
      for (const [prefix, last] of counters) {
        await trx.insertInto('number_counters').values({ prefix, last }).onConflict((oc) => oc.column('prefix').doUpdateSet({ last })).execute();
      }
    });
  }
  ctx.log.info('demo documents added', { count });
  return count;
}
