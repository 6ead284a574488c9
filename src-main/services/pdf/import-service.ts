import fs from 'node:fs/promises';
import { AppError } from '../../../src-shared/contract/errors';
import type { PdfInfo } from '../../../src-shared/pdf/info';
import { defaultPdfLimits, type PdfLimits } from '../../../src-shared/pdf/limits';
import { inspectPdf } from '../../pdf/inspect';
import { nowIso, type ServiceContext } from '../context';

export type PdfSource = { path: string } | { bytes: Uint8Array };

const limitKeys = { maxBytes: 'limits.pdfMaxBytes', maxPages: 'limits.pdfMaxPages' } as const;

/** The administrator's import limits (settings `limits.pdfMaxBytes`, `limits.pdfMaxPages`), the defaults where none is set. */
export async function pdfLimits(ctx: ServiceContext): Promise<PdfLimits> {
  const rows = await ctx.db.selectFrom('settings').select(['key', 'value']).where('key', 'in', Object.values(limitKeys)).execute();
  const read = (key: string, fallback: number) => {
    const n = Number(rows.find((r) => r.key === key)?.value);
    return Number.isInteger(n) && n > 0 ? n : fallback;
  };
  return { maxBytes: read(limitKeys.maxBytes, defaultPdfLimits.maxBytes), maxPages: read(limitKeys.maxPages, defaultPdfLimits.maxPages) };
}

/**
 * Takes an original into the file store exactly as it came, and records what Signet knows about it (SHA-256, pages and
 * their sizes). Everything that can refuse it runs first — size, PDF structure, password, page count — so a refused file
 * leaves nothing behind; the file store writes whole files only, and the row follows the file.
 */
export async function importPdf(ctx: ServiceContext, source: PdfSource): Promise<PdfInfo> {
  const limits = await pdfLimits(ctx);
  const bytes = 'bytes' in source ? source.bytes : await readPdfFile(source.path, limits);
  const info = await inspectPdf(bytes, limits);
  await ctx.files.put(bytes);
  await ctx.db
    .insertInto('files')
    .values({ sha256: info.sha256, size: info.size, media_type: 'application/pdf', created_at: nowIso(ctx), page_count: info.pageCount, page_sizes: JSON.stringify(info.pageSizes) })
    .onConflict((oc) => oc.column('sha256').doUpdateSet({ page_count: info.pageCount, page_sizes: JSON.stringify(info.pageSizes) }))
    .execute();
  return info;
}

/** Refuses a file over the limit by its size on disk, before reading a byte of it. */
export async function readPdfFile(file: string, limits: PdfLimits): Promise<Uint8Array> {
  let size: number;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw new AppError('NOT_FOUND', 'pdf.notAFile', { file });
    size = stat.size;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('NOT_FOUND', 'pdf.unreadable', { file, reason: (error as NodeJS.ErrnoException).code ?? 'unknown' });
  }
  if (size > limits.maxBytes) throw new AppError('PDF_REFUSED', 'pdf.tooLarge', { size, limit: limits.maxBytes, limitMb: Math.round(limits.maxBytes / 1048576) });
  try {
    return await fs.readFile(file);
  } catch (error) {
    throw new AppError('NOT_FOUND', 'pdf.unreadable', { file, reason: (error as NodeJS.ErrnoException).code ?? 'unknown' });
  }
}
