import { z } from 'zod';

export const companyFieldsSchema = z.object({
  name: z.string({ error: 'validation.required' }).trim().min(1, { error: 'validation.required' }).max(200, { error: 'validation.tooLong' }),
  taxId: z
    .string()
    .trim()
    .max(32, { error: 'validation.tooLong' })
    .optional()
    .transform((v) => (v ? v : undefined)),
  city: z
    .string()
    .trim()
    .max(100, { error: 'validation.tooLong' })
    .optional()
    .transform((v) => (v ? v : undefined)),
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
