import type { ImportTarget } from '../../../../src-shared/contacts/import-types';
import type { ContactKind } from '../../../../src-shared/contacts/schema';
import { foldForSearch } from '../../../../src-shared/text/fold';

/** Header names seen in exports from Outlook, Google, Excel sheets and Polish CRMs, folded (lower case, no diacritics). */
const synonyms: Record<Exclude<ImportTarget, 'ignore'>, string[]> = {
  kind: ['kind', 'type', 'contact type', 'rodzaj', 'typ', 'typ kontaktu'],
  fullName: ['name', 'full name', 'contact', 'contact name', 'display name', 'imie i nazwisko', 'nazwa kontaktu', 'osoba'],
  firstName: ['first name', 'firstname', 'given name', 'imie'],
  lastName: ['last name', 'lastname', 'surname', 'family name', 'nazwisko'],
  email: ['email', 'e-mail', 'mail', 'email address', 'e-mail address', 'adres e-mail', 'adres email', 'e-mail 1 - value'],
  phone: ['phone', 'telephone', 'mobile', 'mobile phone', 'tel', 'tel.', 'telefon', 'telefon komorkowy', 'komorka', 'numer telefonu', 'phone 1 - value'],
  companyName: ['company', 'company name', 'organization', 'organisation', 'organization 1 - name', 'firma', 'nazwa firmy'],
  position: ['position', 'title', 'job title', 'stanowisko'],
  taxId: ['nip', 'tax id', 'taxid', 'vat', 'vat id', 'vat number', 'numer nip', 'nip firmy'],
  country: ['country', 'kraj', 'country code'],
  street: ['street', 'address', 'street address', 'ulica', 'adres'],
  postalCode: ['postal code', 'postcode', 'zip', 'zip code', 'kod pocztowy', 'kod'],
  city: ['city', 'town', 'miasto', 'miejscowosc'],
  notes: ['notes', 'note', 'comments', 'uwagi', 'notatki', 'opis'],
};

const byHeader = new Map<string, ImportTarget>(
  Object.entries(synonyms).flatMap(([target, names]) => names.map((n) => [n, target as ImportTarget] as const)),
);

/** One target per column; a target is suggested once (the first matching column wins). */
export function suggestMapping(headers: readonly string[]): ImportTarget[] {
  const used = new Set<ImportTarget>();
  return headers.map((h) => {
    const target = byHeader.get(foldForSearch(h).replace(/[_*:]/g, ' ').replace(/\s+/g, ' ').trim());
    if (!target || used.has(target)) return 'ignore';
    used.add(target);
    return target;
  });
}

const kindWords: Record<string, ContactKind> = {
  client: 'client', klient: 'client', customer: 'client', klientka: 'client',
  supplier: 'supplier', dostawca: 'supplier', vendor: 'supplier',
  partner: 'partner',
  employee: 'employee', pracownik: 'employee', pracowniczka: 'employee', staff: 'employee',
};

/** A kind cell in English or Polish; empty uses the default; anything else is passed through for the schema to reject. */
export function parseKind(cell: string, fallback: ContactKind): string {
  const folded = foldForSearch(cell);
  if (!folded) return fallback;
  return kindWords[folded] ?? cell;
}

/** "Anna Maria Nowak" → first "Anna Maria", last "Nowak"; "Nowak, Anna" → first "Anna", last "Nowak". */
export function splitFullName(full: string): { firstName: string; lastName: string } {
  const text = full.trim().replace(/\s+/g, ' ');
  const comma = text.indexOf(',');
  if (comma > 0) return { firstName: text.slice(comma + 1).trim(), lastName: text.slice(0, comma).trim() };
  const space = text.lastIndexOf(' ');
  if (space < 0) return { firstName: '', lastName: text };
  return { firstName: text.slice(0, space), lastName: text.slice(space + 1) };
}

/** Undoes the spreadsheet-formula guard our export adds (`'+48…` → `+48…`). */
export function unguardCell(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}
