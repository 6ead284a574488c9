import { describe, expect, it } from 'vitest';
import { classifyStorageError } from './storage-errors';

describe('classifyStorageError', () => {
  it('names what a person can act on', () => {
    const key = (code: string) => classifyStorageError(Object.assign(new Error('x'), { code }))?.messageKey;
    expect(key('SQLITE_FULL')).toBe('errors.diskFull');
    expect(key('ENOSPC')).toBe('errors.diskFull');
    expect(key('SQLITE_READONLY_DBMOVED')).toBe('errors.storeReadOnly');
    expect(key('EACCES')).toBe('errors.storeReadOnly');
    expect(key('SQLITE_BUSY_SNAPSHOT')).toBe('errors.storeBusy');
    expect(key('SQLITE_CORRUPT')).toBe('errors.storeCorrupt');
    expect(key('SQLITE_IOERR_WRITE')).toBe('errors.diskIo');
  });
  it('leaves everything else to be an internal error', () => {
    expect(classifyStorageError(new Error('boom'))).toBeNull();
    expect(classifyStorageError(Object.assign(new Error('x'), { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' }))).toBeNull();
    expect(classifyStorageError(null)).toBeNull();
  });
});
