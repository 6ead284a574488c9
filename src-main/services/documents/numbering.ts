import type { Transaction } from 'kysely';
import type { Database } from '../../store/schema';

const schemeKey = 'documents.numberScheme';
/** `UM/2026/11/0042`: a prefix, the year and month of creation, and a counter that starts again every month. */
export const defaultNumberScheme = 'UM/{yyyy}/{MM}/{n:4}';

export async function numberScheme(trx: Transaction<Database>): Promise<string> {
  const row = await trx.selectFrom('settings').select('value').where('key', '=', schemeKey).executeTakeFirst();
  return row?.value ?? defaultNumberScheme;
}

/**
 * A scheme applied to a date: the counter's key (everything before `{n}`, so a scheme with the month in it restarts
 * monthly and one without keeps counting) and the number for a given count.
 */
export function numberingFor(scheme: string, at: Date): { prefix: string; format(n: number): string } {
  const dated = scheme.replace(/\{yyyy\}/g, String(at.getUTCFullYear())).replace(/\{MM\}/g, String(at.getUTCMonth() + 1).padStart(2, '0'));
  const counter = /\{n(?::(\d))?\}/.exec(dated);
  if (!counter) return { prefix: dated, format: (n) => `${dated}-${n}` };
  return { prefix: dated.slice(0, counter.index), format: (n) => dated.replace(counter[0], String(n).padStart(Number(counter[1] ?? 1), '0')) };
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
