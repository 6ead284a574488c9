import { contactDisplayName, type Contact } from '../contacts/schema';
import type { FieldSource } from './kinds';
import type { FieldLayout } from './layout';
import { validateFieldValue, type FieldValues } from './values';

/** What auto-fill reads from a signer's contact record. */
export type AutoFillContact = Pick<Contact, 'firstName' | 'lastName'> &
  Partial<Pick<Contact, 'email' | 'phone' | 'companyName' | 'position' | 'taxId' | 'country' | 'street' | 'postalCode' | 'city'>>;

/** The contact's text for a source, or undefined when the record has none. */
export function contactSourceText(contact: AutoFillContact, source: FieldSource): string | undefined {
  let text: string | undefined;
  switch (source) {
    case 'fullName':
      text = contactDisplayName(contact);
      break;
    case 'address': {
      const cityLine = [contact.postalCode, contact.city].filter(Boolean).join(' ');
      text = [contact.street, cityLine].filter(Boolean).join(', ');
      break;
    }
    default:
      text = contact[source];
  }
  text = text?.trim();
  return text ? text : undefined;
}

/**
 * Values for this signer's fields that name a source, taken from their contact record and normalised as if typed.
 * A contact value the field would refuse (longer than its limit, say) is left out for the signer to type; fields of
 * other signers, fields without a source and empty contact fields get nothing.
 */
export function autoFillValues(layout: FieldLayout, signerId: string, contact: AutoFillContact): FieldValues {
  const values: FieldValues = {};
  for (const field of layout.fields) {
    if (field.signerId !== signerId || field.source === undefined) continue;
    const text = contactSourceText(contact, field.source);
    if (text === undefined) continue;
    const checked = validateFieldValue(field, text, { country: contact.country });
    if (checked.ok && checked.value !== null) values[field.id] = checked.value;
  }
  return values;
}

/**
 * The preparer's values with every field that names a source taken from its signer's contact as it is now: a value
 * saved for someone no longer in that place (a counterparty changed in step 2, a template's) or a detail since
 * removed from the record does not reach the signed PDF. Fields without a source keep what was typed.
 */
export function withCurrentSources(layout: FieldLayout, values: FieldValues, contacts: ReadonlyMap<string, AutoFillContact>): FieldValues {
  const next: FieldValues = { ...values };
  for (const field of layout.fields) {
    if (field.source !== undefined) delete next[field.id];
  }
  for (const [signerId, contact] of contacts) Object.assign(next, autoFillValues(layout, signerId, contact));
  return next;
}
