import { Buffer } from 'node:buffer';
import type { z } from 'zod';
import type { ImportPreview, ImportReport, ImportRowFailure, importRunInput } from '../../../../src-shared/contacts/import-types';
import { contactDisplayName, contactFieldsSchema, type ContactFields } from '../../../../src-shared/contacts/schema';
import { AppError, type ValidationIssue } from '../../../../src-shared/contract/errors';
import { toValidationIssues } from '../../../../src-shared/contract/validate';
import { decodeText } from '../../../../src-shared/text/decode';
import { nowIso, type ServiceContext } from '../../context';
import { fieldsToColumns } from '../contact-rows';
import { parseCsv } from './csv';
import { suggestMapping } from './mapping';
import type { RawRow } from './raw-row';
import { rowsFromCsv } from './rows-from-csv';
import { rowsFromVCard } from './rows-from-vcard';

const insertChunk = 200;

function decodeUpload(base64: string) {
  return decodeText(Buffer.from(base64, 'base64'));
}

export function previewImport(base64: string): ImportPreview {
  const { text, encoding } = decodeUpload(base64);
  const csv = parseCsv(text);
  return {
    headers: csv.headers,
    sampleRows: csv.rows.slice(0, 5),
    rowCount: csv.rows.length,
    delimiter: csv.delimiter,
    encoding,
    suggestedMapping: suggestMapping(csv.headers),
  };
}

/**
 * Validates every row, then inserts all valid ones in one transaction: a crash or a failure mid-way leaves the book
 * as it was before the import. Invalid rows, and rows repeating an e-mail or phone already in the book or earlier in
 * the file, are reported with their row number and go nowhere.
 */
export async function importContacts(ctx: ServiceContext, input: z.output<typeof importRunInput>): Promise<ImportReport> {
  const { text } = decodeUpload(input.data);
  let rows: RawRow[];
  if (input.format === 'csv') {
    if (!input.mapping) throw new AppError('IMPORT_FAILED', 'import.mappingRequired');
    rows = rowsFromCsv(parseCsv(text).rows, input.mapping, input.defaultKind);
  } else {
    rows = rowsFromVCard(text, input.defaultKind);
  }
  if (rows.length === 0) throw new AppError('IMPORT_FAILED', 'import.noRows');

  ctx.log.info('contacts.import started', { format: input.format, rows: rows.length });
  const report = await ctx.db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('contacts').select(['email', 'phone']).execute();
    const existing = new Set(taken.flatMap((r) => [r.email, r.phone]).filter((v): v is string => v !== null));
    const seenInFile = new Set<string>();
    const failed: ImportRowFailure[] = [];
    const valid: ContactFields[] = [];

    rows.forEach((raw, i) => {
      const parsed = contactFieldsSchema.safeParse(raw);
      const label = rowLabel(raw, i + 1);
      if (!parsed.success) {
        failed.push({ row: i + 1, label, issues: toValidationIssues(parsed.error) });
        return;
      }
      const issues: ValidationIssue[] = [];
      for (const field of ['email', 'phone'] as const) {
        const value = parsed.data[field];
        if (!value) continue;
        if (existing.has(value)) issues.push({ path: field, messageKey: 'import.duplicateExisting' });
        else if (seenInFile.has(value)) issues.push({ path: field, messageKey: 'import.duplicateInFile' });
      }
      if (issues.length > 0) {
        failed.push({ row: i + 1, label, issues });
        return;
      }
      for (const field of ['email', 'phone'] as const) if (parsed.data[field]) seenInFile.add(parsed.data[field]);
      valid.push(parsed.data);
    });

    const at = nowIso(ctx);
    for (let i = 0; i < valid.length; i += insertChunk) {
      const values = valid
        .slice(i, i + insertChunk)
        .map((f) => ({ id: ctx.newId(), ...fieldsToColumns(f), archived_at: null, created_at: at, updated_at: at }));
      await trx.insertInto('contacts').values(values).execute();
      ctx.log.info('contacts.import progress', { inserted: Math.min(i + insertChunk, valid.length), of: valid.length });
    }
    return { imported: valid.length, failed };
  });
  ctx.log.info('contacts.import committed', { imported: report.imported, failed: report.failed.length });
  return report;
}

function rowLabel(raw: RawRow, row: number): string {
  const name = contactDisplayName({ firstName: raw.firstName ?? '', lastName: raw.lastName ?? '' });
  return name || raw.email || raw.phone || `#${row}`;
}
