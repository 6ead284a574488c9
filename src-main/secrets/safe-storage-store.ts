import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { checkAccount, checkSecret, keychainUnavailable, type SecretStore } from './secret-store';

/**
 * The part of Electron's `safeStorage` this store uses (the shell passes the real one; this file must not import
 * electron, so it runs and is tested under plain Node).
 */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which OS store holds the encryption key; `basic_text` means a fixed, publicly known key. */
  getSelectedStorageBackend?(): string;
}

export type SafeStorageCheck = { available: true } | { available: false; reason: string };

/**
 * Whether safeStorage really protects a secret here. On Linux without a Secret Service or KWallet, Chromium falls back
 * to `basic_text`, whose key is a constant in Chromium's source: that would be a plain-text key in disguise, so it is
 * refused like no encryption at all.
 */
export function checkSafeStorage(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): SafeStorageCheck {
  try {
    if (!safeStorage.isEncryptionAvailable()) return { available: false, reason: 'the operating system offers no encryption key to this app' };
    const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend?.() : undefined;
    if (backend === 'basic_text' || backend === 'unknown') {
      return { available: false, reason: `safeStorage on this Linux desktop uses "${backend}", a key that is not secret` };
    }
    return { available: true };
  } catch (error) {
    return { available: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Secrets encrypted by Electron's safeStorage (DPAPI on Windows, the login keychain's key on macOS, libsecret/KWallet on
 * Linux), one file per account under `dir`, written whole or not at all, readable by the owner only. The fallback the
 * desktop app offers when keytar cannot reach the keychain itself.
 */
export function createSafeStorageStore(options: { dir: string; safeStorage: SafeStorageLike; platform?: NodeJS.Platform }): SecretStore {
  const fileOf = (account: string) => path.join(options.dir, `${createHash('sha256').update(account).digest('hex')}.bin`);
  const usable = () => {
    const check = checkSafeStorage(options.safeStorage, options.platform);
    if (!check.available) throw keychainUnavailable(check.reason);
  };
  return {
    async get(account) {
      checkAccount(account);
      usable();
      let bytes: Buffer;
      try {
        bytes = await fs.readFile(fileOf(account));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      try {
        return options.safeStorage.decryptString(bytes);
      } catch (error) {
        throw keychainUnavailable(`a stored secret cannot be decrypted (${error instanceof Error ? error.message : String(error)}); the OS key may have changed`);
      }
    },
    async set(account, secret) {
      checkAccount(account);
      checkSecret(secret, 64 * 1024);
      usable();
      await fs.mkdir(options.dir, { recursive: true, mode: 0o700 });
      const target = fileOf(account);
      const tmp = `${target}.${randomBytes(6).toString('hex')}.part`;
      try {
        await fs.writeFile(tmp, options.safeStorage.encryptString(secret), { mode: 0o600, flag: 'wx' });
        await fs.rename(tmp, target);
      } catch (error) {
        await fs.rm(tmp, { force: true });
        throw error;
      }
    },
    async delete(account) {
      checkAccount(account);
      try {
        await fs.rm(fileOf(account));
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw error;
      }
    },
    describe: () => `Electron safeStorage, files in ${options.dir}`,
  };
}
