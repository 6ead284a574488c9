import type { ContactKind } from '../../../../src-shared/contacts/schema';
import { countryCode } from './countries';
import { splitFullName } from './mapping';
import type { RawRow } from './raw-row';
import { parseVCards, pick, type VCard } from './vcard';

export function rowsFromVCard(text: string, defaultKind: ContactKind): RawRow[] {
  return parseVCards(text).map((card) => cardToRow(card, defaultKind));
}

function cardToRow(card: VCard, kind: ContactKind): RawRow {
  const n = pick(card, 'N')?.components ?? [];
  const fn = pick(card, 'FN')?.components.join(';') ?? '';
  const given = [n[1], n[2]].filter((s) => s && s.trim()).join(' ');
  const names = n[0]?.trim() ? { firstName: given, lastName: n[0] } : splitFullName(fn);
  const adr = pick(card, 'ADR', 'WORK')?.components ?? [];
  const country = adr[6] ? countryCode(adr[6]) : undefined;
  const row: RawRow = {
    kind,
    ...names,
    email: pick(card, 'EMAIL')?.components[0],
    phone: pick(card, 'TEL', 'CELL')?.components[0],
    companyName: pick(card, 'ORG')?.components[0],
    position: pick(card, 'TITLE')?.components[0],
    street: [adr[2], adr[1]].filter((s) => s && s.trim()).join(', ') || undefined,
    city: adr[3],
    postalCode: adr[5],
    notes: pick(card, 'NOTE')?.components.join(';'),
  };
  if (country) row.country = country;
  return row;
}
