import { z } from 'zod';
import { optionalText, requiredText } from '../text/schema-text';

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
}
