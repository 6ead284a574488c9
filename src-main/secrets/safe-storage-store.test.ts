import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/contract/errors';
import { tempDir } from '../test-support/temp-services';
import { open, seal } from './envelope';
import { testSafeStorage } from '../test-support/test-safe-storage';
import { checkSafeStorage, createSafeStorageStore } from './safe-storage-store';

describe('safeStorage secret store', () => {
  it('round-trips a secret through an encrypted, owner-only file and deletes it', async () => {
    const dir = path.join(tempDir(), 'secrets');
    const store = createSafeStorageStore({ dir, safeStorage: testSafeStorage(), platform: 'linux' });
    expect(await store.get('seal')).toBeNull();
    await store.set('seal', 'Zażółć — PRIVATE KEY');
    expect(await store.get('seal')).toBe('Zażółć — PRIVATE KEY');
    const [file] = fs.readdirSync(dir);
    expect(fs.readFileSync(path.join(dir, file!)).includes('PRIVATE KEY')).toBe(false);
    expect(fs.statSync(path.join(dir, file!)).mode & 0o777).toBe(0o600);
    expect(await store.delete('seal')).toBe(true);
    expect(await store.delete('seal')).toBe(false);
  });

  it('refuses to store when the OS gives no real key, and says why', async () => {
    for (const [safeStorage, reason] of [
      [testSafeStorage({ isEncryptionAvailable: () => false }), /no encryption key/],
      [testSafeStorage({ getSelectedStorageBackend: () => 'basic_text' }), /basic_text/],
    ] as const) {
      const dir = path.join(tempDir(), 'secrets');
      const error = await createSafeStorageStore({ dir, safeStorage, platform: 'linux' }).set('a', 'b').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(String((error as AppError).details?.reason)).toMatch(reason);
      expect(fs.existsSync(dir)).toBe(false);
    }
    expect(checkSafeStorage(testSafeStorage({ getSelectedStorageBackend: () => 'basic_text' }), 'win32')).toEqual({ available: true });
  });

  it('a secret the OS can no longer decrypt is a clear keychain error, not garbage', async () => {
    const dir = path.join(tempDir(), 'secrets');
    await createSafeStorageStore({ dir, safeStorage: testSafeStorage(), platform: 'linux' }).set('a', 'secret');
    const error = await createSafeStorageStore({ dir, safeStorage: testSafeStorage(), platform: 'linux' }).get('a').catch((e: unknown) => e);
    expect((error as AppError).messageKey).toBe('errors.keychainUnavailable');
    expect(String((error as AppError).details?.reason)).toMatch(/cannot be decrypted/);
  });
});

describe('envelope', () => {
  it('opens with its key only, and not once a byte changed', () => {
    const { key, envelope } = seal(Buffer.from('PKCS#12 bytes'));
    expect(open(envelope, key)?.toString()).toBe('PKCS#12 bytes');
    expect(open(envelope, randomBytes(32))).toBeNull();
    const changed = Buffer.from(envelope);
    changed[changed.length - 1]! ^= 1;
    expect(open(changed, key)).toBeNull();
    expect(open(envelope.subarray(0, 20), key)).toBeNull();
  });
});
