import { z } from 'zod';
import { isValidNip, normalizeNip } from './nip';
import { optionalEmail, optionalText, requiredText } from '../text/schema-text';
import { phoneRegion, toE164 } from './phone';

export const contactKinds = ['client', 'supplier', 'partner', 'employee'] as const;
export type ContactKind = (typeof contactKinds)[number];

/** Checked and converted to E.164 with the contact's country (see below): `601 123 456` is Czech for a CZ contact. */
const phone = z
  .string()
  .trim()
  .max(40, { error: 'validation.tooLong' })
  .optional()
  .transform((v) => (v ? v : undefined));

const country = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, { error: 'validation.country' })
  .default('PL');

/**
 * The editable fields of a contact, as typed by a person or read from an import. Parsing normalises them:
 * e-mail lower-cased, phone to E.164, a Polish tax ID to ten digits (and checked), empty text to undefined.
 */
/** The editable fields, in the order forms and exports show them. */
export const contactFieldNames = [
  'kind',
  'firstName',
  'lastName',
  'email',
  'phone',
  'companyName',
  'position',
  'taxId',
  'country',
  'street',
  'postalCode',
  'city',
  'notes',
] as const;
export type ContactFieldName = (typeof contactFieldNames)[number];

export const contactFieldsSchema = z
  .object({
    kind: z.enum(contactKinds, { error: 'validation.kind' }),
    firstName: requiredText(100),
    lastName: requiredText(100),
    email: optionalEmail,
    phone,
    companyName: optionalText(200),
    position: optionalText(100),
    taxId: optionalText(32),
    country,
    street: optionalText(200),
    postalCode: optionalText(16),
    city: optionalText(100),
    notes: optionalText(4000),
  } satisfies Record<ContactFieldName, z.ZodType>)
  // Cross-field checks run even when another field failed (zod reports every issue at once), hence the defensive reads.
  .superRefine((c, ctx) => {
    if (typeof c.phone === 'string' && !toE164(c.phone, phoneRegion(c.country))) {
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'validation.phone' });
    }
    const isPl = c.country === 'PL';
    if (isPl && typeof c.taxId === 'string' && !isValidNip(c.taxId)) {
      ctx.addIssue({ code: 'custom', path: ['taxId'], message: 'validation.nip' });
    }
    if (isPl && typeof c.postalCode === 'string' && !/^\d{2}-\d{3}$/.test(c.postalCode)) {
      ctx.addIssue({ code: 'custom', path: ['postalCode'], message: 'validation.postalCodePl' });
    }
  }, { when: () => true })
  .transform((c) => ({
    ...c,
    phone: c.phone === undefined ? undefined : (toE164(c.phone, phoneRegion(c.country)) ?? c.phone),
    taxId: c.taxId === undefined ? undefined : c.country === 'PL' ? normalizeNip(c.taxId) : c.taxId.toUpperCase(),
  }));

export type ContactFieldsInput = z.input<typeof contactFieldsSchema>;
export type ContactFields = z.output<typeof contactFieldsSchema>;

export interface Contact extends ContactFields {
  id: string;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}

/** The fields a duplicate is detected on, in the order they are reported. */
export const duplicateFields = ['email', 'phone', 'taxId'] as const;
export type DuplicateField = (typeof duplicateFields)[number];

export const contactSortKeys = ['name', 'company', 'createdAt', 'updatedAt'] as const;
export type ContactSortKey = (typeof contactSortKeys)[number];

export function contactDisplayName(c: Pick<Contact, 'firstName' | 'lastName'>): string {
  return `${c.firstName} ${c.lastName}`.trim();
}
