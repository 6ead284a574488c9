import type { Transaction } from 'kysely';
import { defaultNumberScheme, numberingFor } from '../../../src-shared/documents/number-scheme';
import type { Database } from '../../store/schema';
import { nowIso, type ServiceContext } from '../context';

export { numberingFor } from '../../../src-shared/documents/number-scheme';

const schemeKey = 'documents.numberScheme';

export async function numberScheme(trx: Pick<Transaction<Database>, 'selectFrom'>): Promise<string> {
  const row = await trx.selectFrom('settings').select('value').where('key', '=', schemeKey).executeTakeFirst();
  return row?.value ?? defaultNumberScheme;
}

/** The next document number, counted in the creating transaction: two documents created at once never share one. */
export async function nextDocumentNumber(trx: Transaction<Database>, at: Date): Promise<string> {
  const { prefix, format } = numberingFor(await numberScheme(trx), at);
  const next = await trx
    .insertInto('number_counters')
    .values({ prefix, last: 1 })
    .onConflict((oc) => oc.column('prefix').doUpdateSet((eb) => ({ last: eb('number_counters.last', '+', 1) })))
    .returning('last')
    .executeTakeFirstOrThrow();
  return format(next.last);
}

/** The scheme and the number the next document made now would get (Settings shows it as the example). */
export async function getNumbering(ctx: ServiceContext): Promise<{ scheme: string; next: string }> {
  const scheme = await numberScheme(ctx.db);
  const { prefix, format } = numberingFor(scheme, ctx.now());
  const counter = await ctx.db.selectFrom('number_counters').select('last').where('prefix', '=', prefix).executeTakeFirst();
  return { scheme, next: format((counter?.last ?? 0) + 1) };
}

/** A new scheme applies to documents created from now on; numbers already given never change. */
export async function setNumbering(ctx: ServiceContext, scheme: string): Promise<{ scheme: string; next: string }> {
  await ctx.db
    .insertInto('settings')
    .values({ key: schemeKey, value: scheme })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: scheme }))
    .execute();
  ctx.log.info('document numbering changed', { scheme, at: nowIso(ctx) });
  return getNumbering(ctx);
}
