import type { Insertable, Selectable } from 'kysely';
import type { Contact, ContactFields, ContactKind } from '../../../src-shared/contacts/schema';
import { foldForSearch } from '../../../src-shared/text/fold';
import type { ContactTable } from '../../store/schema';

type Row = Selectable<ContactTable>;

export function rowToContact(row: Row): Contact {
  const optional = (v: string | null) => v ?? undefined;
  return {
    id: row.id,
    kind: row.kind as ContactKind,
    firstName: row.first_name,
    lastName: row.last_name,
    email: optional(row.email),
    phone: optional(row.phone),
    companyName: optional(row.company_name),
    position: optional(row.position),
    taxId: optional(row.tax_id),
    country: row.country,
    street: optional(row.street),
    postalCode: optional(row.postal_code),
    city: optional(row.city),
    notes: optional(row.notes),
    archived: row.archived_at !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Columns written from validated fields; `search_text` is derived here so every writer keeps it in step. */
export function fieldsToColumns(f: ContactFields): Omit<Insertable<ContactTable>, 'id' | 'created_at' | 'updated_at' | 'archived_at'> {
  return {
    kind: f.kind,
    first_name: f.firstName,
    last_name: f.lastName,
    email: f.email ?? null,
    phone: f.phone ?? null,
    company_name: f.companyName ?? null,
    position: f.position ?? null,
    tax_id: f.taxId ?? null,
    country: f.country,
    street: f.street ?? null,
    postal_code: f.postalCode ?? null,
    city: f.city ?? null,
    notes: f.notes ?? null,
    search_text: searchText(f),
    sort_name: foldForSearch(`${f.lastName} ${f.firstName}`),
    sort_company: foldForSearch(f.companyName ?? ''),
  };
}

function searchText(f: ContactFields): string {
  const phoneDigits = f.phone?.replace(/\D/g, '') ?? '';
  return foldForSearch(
    [f.firstName, f.lastName, f.companyName, f.email, f.phone, phoneDigits, f.taxId, f.city, f.position].filter(Boolean).join(' '),
  );
}
