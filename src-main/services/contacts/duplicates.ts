import type { Kysely } from 'kysely';
import type { DuplicateMatch } from '../../../src-shared/contacts/error-details';
import { contactDisplayName, duplicateFields, type ContactFields, type DuplicateField } from '../../../src-shared/contacts/schema';
import type { Database } from '../../store/schema';

const columnOf: Record<DuplicateField, 'email' | 'phone' | 'tax_id'> = { email: 'email', phone: 'phone', taxId: 'tax_id' };

/**
 * Other contacts (archived ones too: they would come back as a second copy) sharing an e-mail, phone or tax ID.
 * One query per field keeps each on its index.
 */
export async function findDuplicates(
  db: Kysely<Database>,
  fields: Pick<ContactFields, DuplicateField>,
  excludeId?: string,
): Promise<DuplicateMatch[]> {
  const matches: DuplicateMatch[] = [];
  for (const field of duplicateFields) {
    const value = fields[field];
    if (!value) continue;
    let query = db.selectFrom('contacts').select(['id', 'first_name', 'last_name']).where(columnOf[field], '=', value);
    if (excludeId) query = query.where('id', '!=', excludeId);
    const row = await query.orderBy('created_at').limit(1).executeTakeFirst();
    if (row) matches.push({ field, existingId: row.id, existingName: contactDisplayName({ firstName: row.first_name, lastName: row.last_name }) });
  }
  return matches;
}

/** E-mail and phone identify one person; a tax ID identifies a company, which several people may share. */
export function isBlocking(match: DuplicateMatch, allowSharedTaxId: boolean): boolean {
  return !(match.field === 'taxId' && allowSharedTaxId);
}
