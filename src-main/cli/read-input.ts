import fs from 'node:fs/promises';
import { AppError } from '../../src-shared/contract/errors';

/** A file named on the command line; a missing or unreadable one is a clear error, not a stack trace. */
export async function readInputFile(file: string): Promise<Uint8Array> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    throw new AppError('NOT_FOUND', 'cli.fileUnreadable', { file, reason: (error as NodeJS.ErrnoException).code ?? 'unknown' });
  }
}
