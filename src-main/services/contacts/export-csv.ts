import type { ContactQuery } from './contacts-service';
import { contactsQuery } from './contacts-service';
import { rowToContact } from './contact-rows';
import { todayIso, type ServiceContext } from '../context';
import { toCsv } from '../csv';

/** Headers the importer recognises, so an export can be imported again without re-mapping. */
const columns = [
  ['Kind', 'kind'],
  ['First name', 'firstName'],
  ['Last name', 'lastName'],
  ['E-mail', 'email'],
  ['Phone', 'phone'],
  ['Company', 'companyName'],
  ['Position', 'position'],
  ['Tax ID', 'taxId'],
  ['Country', 'country'],
  ['Street', 'street'],
  ['Postal code', 'postalCode'],
  ['City', 'city'],
  ['Notes', 'notes'],
] as const;

export async function exportContactsCsv(
  ctx: ServiceContext,
  q: ContactQuery,
): Promise<{ filename: string; csv: string }> {
  const rows = await contactsQuery(ctx.db, q).selectAll().orderBy('sort_name').orderBy('id').execute();
  const data = rows.map(rowToContact).map((c) => columns.map(([, key]) => c[key] ?? ''));
  return { filename: `signet-contacts-${todayIso(ctx)}.csv`, csv: toCsv(columns.map(([h]) => h), data) };
}
