import { AppError } from '../../src-shared/contract/errors';

/**
 * Failures of the disk or the database that a person can act on (free space, permissions, another program holding the
 * file) get their own message instead of "internal error". Codes are SQLite's extended result names as better-sqlite3
 * reports them, and Node's errno names for file writes.
 */
const byCode: [RegExp, string][] = [
  [/^(SQLITE_FULL|ENOSPC|EDQUOT)$/, 'errors.diskFull'],
  [/^(SQLITE_READONLY.*|EROFS|EACCES|EPERM)$/, 'errors.storeReadOnly'],
  [/^(SQLITE_BUSY.*|SQLITE_LOCKED.*)$/, 'errors.storeBusy'],
  [/^(SQLITE_CORRUPT.*|SQLITE_NOTADB)$/, 'errors.storeCorrupt'],
  [/^(SQLITE_IOERR.*|EIO)$/, 'errors.diskIo'],
];

export function classifyStorageError(error: unknown): AppError | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  const match = byCode.find(([pattern]) => pattern.test(code));
  return match ? new AppError('STORE_UNAVAILABLE', match[1], { reason: code }) : null;
}
