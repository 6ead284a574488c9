import Papa from 'papaparse';
import type { ContactQuery } from './contacts-service';
import { contactsQuery } from './contacts-service';
import { rowToContact } from './contact-rows';
import type { ServiceContext } from '../context';

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
  // A cell starting with = + - @ (or a tab or CR) gets a leading ' so a spreadsheet never runs it as a formula. The
  // pattern is ours because papaparse's default one does not match cells that contain a line break.
  const csv = Papa.unparse({ fields: columns.map(([h]) => h), data }, { escapeFormulae: /^[=+\-@\t\r]/, newline: '\r\n' });
  const date = nowDate(ctx);
  // The BOM makes Excel read the file as UTF-8, so Polish letters survive.
  return { filename: `signet-contacts-${date}.csv`, csv: `\uFEFF${csv}` };
}

function nowDate(ctx: Pick<ServiceContext, 'now'>): string {
  return ctx.now().toISOString().slice(0, 10);
}
