import type { Transaction } from 'kysely';
import type { Database } from '../../store/schema';

const schemeKey = 'documents.numberScheme';
/** `UM/2026/11/0042`: a prefix, the year and month of creation, and a counter that starts again every month. */
export const defaultNumberScheme = 'UM/{yyyy}/{MM}/{n:4}';

/**
 * The next document number in the company's scheme. The counter is per rendered prefix (everything before `{n}`), so a
 * scheme with the month in it restarts monthly and one without keeps counting. Runs in the creating transaction: two
 * documents created at once never get the same number.
 */
export async function nextDocumentNumber(trx: Transaction<Database>, at: Date): Promise<string> {
  const row = await trx.selectFrom('settings').select('value').where('key', '=', schemeKey).executeTakeFirst();
  const scheme = row?.value ?? defaultNumberScheme;
  const yyyy = String(at.getUTCFullYear());
  const MM = String(at.getUTCMonth() + 1).padStart(2, '0');
  const dated = scheme.replace(/\{yyyy\}/g, yyyy).replace(/\{MM\}/g, MM);
  const counter = /\{n(?::(\d))?\}/.exec(dated);
  const prefix = counter ? dated.slice(0, counter.index) : dated;
  const next = await trx
    .insertInto('number_counters')
    .values({ prefix, last: 1 })
    .onConflict((oc) => oc.column('prefix').doUpdateSet((eb) => ({ last: eb('number_counters.last', '+', 1) })))
    .returning('last')
    .executeTakeFirstOrThrow();
  if (!counter) return `${dated}-${next.last}`;
  return dated.replace(counter[0], String(next.last).padStart(Number(counter[1] ?? 1), '0'));
}
