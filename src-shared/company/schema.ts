import { z } from 'zod';
import { optionalEmail, optionalText, requiredText } from '../text/schema-text';

export const companyFieldsSchema = z.object({
  name: requiredText(200),
  taxId: optionalText(32),
  city: optionalText(100),
});

export type CompanyFieldsInput = z.input<typeof companyFieldsSchema>;
export type Company = z.output<typeof companyFieldsSchema>;

export interface User {
  id: string;
  name: string;
  email?: string;
  isAdmin: boolean;
  isSigner: boolean;
  /** The department the employee works in (access permissions: its roles are theirs too). */
  department?: string;
}

/**
 * What an administrator sets for an employee of this installation. The flags are required: a form sends the whole
 * record, so an employee never loses a right because a caller left a field out.
 */
export const userFieldsSchema = z.object({
  name: requiredText(100),
  email: optionalEmail,
  isAdmin: z.boolean({ error: 'validation.type' }),
  isSigner: z.boolean({ error: 'validation.type' }),
});
export type UserFields = z.output<typeof userFieldsSchema>;
