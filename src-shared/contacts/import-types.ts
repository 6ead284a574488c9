import { z } from 'zod';
import type { ValidationIssue } from '../contract/errors';
import { contactFieldNames, contactKinds } from './schema';

/** Where a CSV column goes: a contact field, `fullName` (split into first and last name), or nowhere. */
export const importTargets = ['ignore', 'fullName', ...contactFieldNames] as const;
export type ImportTarget = (typeof importTargets)[number];

export const importFormats = ['csv', 'vcard'] as const;
export type ImportFormat = (typeof importFormats)[number];

/** Import files are at most this large (bytes, before base64). */
export const maxImportBytes = 20 * 1024 * 1024;

export const importPreviewInput = z.object({
  data: z.base64({ error: 'validation.base64' }).max(Math.ceil((maxImportBytes * 4) / 3) + 4, { error: 'import.tooLarge' }),
});

export const importRunInput = z.object({
  format: z.enum(importFormats),
  data: importPreviewInput.shape.data,
  /** Column index → target; required for CSV, ignored for vCard. */
  mapping: z.array(z.enum(importTargets)).max(200).optional(),
  defaultKind: z.enum(contactKinds).default('client'),
});

export interface ImportPreview {
  headers: string[];
  sampleRows: string[][];
  rowCount: number;
  delimiter: string;
  encoding: string;
  suggestedMapping: ImportTarget[];
}

export interface ImportRowFailure {
  /** 1-based data row (CSV: not counting the header) or vCard entry number. */
  row: number;
  label: string;
  issues: ValidationIssue[];
}

export interface ImportReport {
  imported: number;
  failed: ImportRowFailure[];
}
