import path from 'node:path';
import { defaultPdfLimits } from '../../../src-shared/pdf/limits';
import type { ServiceContext } from '../context';
import { readPdfFile } from './import-service';

/**
 * PDFs the OS opened with Signet ("Open with Signet", a double click where it is the default), waiting for the window
 * to ask for them. Only the latest counts: opening a second file before the first is checked replaces it.
 */
export interface OpenedFiles {
  push(file: string): void;
  take(): string | null;
}

export function openedFiles(): OpenedFiles {
  let pending: string | null = null;
  return {
    push: (file) => {
      pending = file;
    },
    take: () => {
      const file = pending;
      pending = null;
      return file;
    },
  };
}

/** The opened file's name and bytes (base64, as Verify sends a picked file), read within the PDF limit; none for none. */
export async function takeOpenedFile(ctx: Pick<ServiceContext, 'openedFiles'>): Promise<{ file: { name: string; data: string } | null }> {
  const file = ctx.openedFiles?.take() ?? null;
  if (!file) return { file: null };
  const bytes = await readPdfFile(file, defaultPdfLimits);
  return { file: { name: path.basename(file), data: Buffer.from(bytes).toString('base64') } };
}
