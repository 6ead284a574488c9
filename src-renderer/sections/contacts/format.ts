import { getCountries } from 'libphonenumber-js/max';
import { formatNip } from '../../../src-shared/contacts/nip';
import { formatPhone } from '../../../src-shared/contacts/phone';
import type { Contact } from '../../../src-shared/contacts/schema';
import { formatIso } from '../../i18n/format-date';

export { contactDisplayName } from '../../../src-shared/contacts/schema';

export function displayPhone(phone: string | undefined): string {
  return phone ? formatPhone(phone) : '';
}

export function displayTaxId(c: Pick<Contact, 'taxId' | 'country'>): string {
  if (!c.taxId) return '';
  return c.country === 'PL' ? formatNip(c.taxId) : c.taxId;
}

const countryNameCache = new Map<string, Intl.DisplayNames>();

export function countryName(code: string, language: string): string {
  let names = countryNameCache.get(language);
  if (!names) {
    names = new Intl.DisplayNames([language], { type: 'region', fallback: 'code' });
    countryNameCache.set(language, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Region codes with a name in the UI language, Poland first (the product's home market), then alphabetical. */
export function countryOptions(language: string): { value: string; label: string }[] {
  const collator = new Intl.Collator(language);
  const all = getCountries()
    .map((code) => ({ value: code as string, label: `${countryName(code, language)} (${code})` }))
    .sort((a, b) => collator.compare(a.label, b.label));
  const pl = all.find((o) => o.value === 'PL');
  return pl ? [pl, ...all.filter((o) => o !== pl)] : all;
}

export function formatDateTime(iso: string, language: string): string {
  return formatIso(iso, language, { dateStyle: 'medium', timeStyle: 'short' }) ?? iso;
}

export function formatDate(iso: string, language: string): string {
  return formatIso(iso, language, { dateStyle: 'medium' }) ?? iso;
}
