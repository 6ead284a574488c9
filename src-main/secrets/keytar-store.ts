import { randomBytes } from 'node:crypto';
import type { Log } from '../app/log';
import { checkAccount, checkSecret, defaultSecretService, isKeychainUnavailable, keychainUnavailable, type SecretStore } from './secret-store';

/** The part of keytar Signet uses; tests inject a stand-in with the same shape. */
export interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface KeytarStoreOptions {
  /** Keychain service name; `Signet` unless a test or a second installation needs its own. */
  service?: string;
  /**
   * How long one keychain call may take. On Linux a locked keyring answers with a password prompt, which a person may
   * legitimately take a while to fill in, so the default is generous; a missing prompter makes libsecret wait forever.
   */
  timeoutMs?: number;
  /** Largest secret in UTF-8 bytes; defaults to what the platform's keychain accepts. */
  maxSecretBytes?: number;
  /** Loads keytar; replaced in tests. Default: a dynamic import, so a missing native module is an error, not a crash. */
  load?: () => Promise<KeytarModule>;
  log?: Log;
}

export const defaultKeychainTimeoutMs = 60_000;
export const defaultProbeTimeoutMs = 10_000;

/**
 * Windows Credential Manager refuses blobs over CRED_MAX_CREDENTIAL_BLOB_SIZE (5 × 512 bytes); keytar stores UTF-8 there.
 * An RSA-3072 PKCS#8 PEM is about 2.5 KB — at the edge; an ECDSA P-256 key is about 250 bytes. Elsewhere 64 KiB is far
 * beyond any key Signet stores.
 */
export function platformMaxSecretBytes(platform: NodeJS.Platform = process.platform): number {
  return platform === 'win32' ? 2560 : 64 * 1024;
}

let keytarModule: Promise<KeytarModule> | undefined;

/** The real keytar, imported on first use and only then: start-up never depends on the native module. */
export function loadKeytar(): Promise<KeytarModule> {
  keytarModule ??= import('keytar').then((mod: Partial<KeytarModule> & { default?: Partial<KeytarModule> }) => {
    const api = mod.default ?? mod;
    if (typeof api.getPassword !== 'function' || typeof api.setPassword !== 'function' || typeof api.deletePassword !== 'function') {
      throw new Error('the keytar module does not export getPassword/setPassword/deletePassword');
    }
    return api as KeytarModule;
  });
  return keytarModule;
}

function backendName(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return 'macOS Keychain';
  if (platform === 'win32') return 'Windows Credential Manager';
  return 'Secret Service (libsecret: GNOME Keyring, KWallet)';
}

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').trim().slice(0, 500) || 'unknown error';
}

/** Rejects with "keychain unavailable" when `work` has not settled in time; the native call itself cannot be cancelled. */
function withTimeout<T>(work: Promise<T>, ms: number, what: string, onTimeout: () => void = () => {}): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(keychainUnavailable(`the keychain did not answer within ${(ms / 1000).toFixed(ms < 1000 ? 1 : 0)} s (${what}); it may be locked and waiting for a password prompt that cannot be shown`));
    }, ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Keychain calls that timed out but are still running, per loader (the real keytar is one per process). Each such call
 * holds one of libuv's four worker threads, which file reads also need; so while one is stuck, further calls fail at
 * once instead of piling up more stuck threads.
 */
const stuckCalls = new WeakMap<() => Promise<KeytarModule>, { count: number }>();

/** The OS keychain through keytar: macOS Keychain, Windows Credential Manager, Secret Service on Linux. */
export function createKeytarStore(options: KeytarStoreOptions = {}): SecretStore {
  const service = options.service ?? defaultSecretService;
  const timeoutMs = options.timeoutMs ?? defaultKeychainTimeoutMs;
  const maxSecretBytes = options.maxSecretBytes ?? platformMaxSecretBytes();
  const load = options.load ?? loadKeytar;
  if (service.length === 0 || service.includes('\0')) throw new Error('the keychain service name must be a non-empty string');

  const stuck = stuckCalls.get(load) ?? { count: 0 };
  stuckCalls.set(load, stuck);

  async function call<T>(operation: 'get' | 'set' | 'delete', work: (keytar: KeytarModule) => Promise<T>): Promise<T> {
    try {
      if (stuck.count > 0) throw keychainUnavailable('an earlier keychain call has not returned yet; the keychain may be waiting for a password prompt');
      let keytar: KeytarModule;
      try {
        keytar = await load();
      } catch (error) {
        throw keychainUnavailable(`the keytar native module cannot be loaded: ${messageOf(error)}`);
      }
      const running = Promise.resolve().then(() => work(keytar));
      return await withTimeout(running, timeoutMs, operation, () => {
        stuck.count++;
        running.then(
          () => stuck.count--,
          () => stuck.count--,
        );
      });
    } catch (error) {
      const failure = isKeychainUnavailable(error) ? error : keychainUnavailable(messageOf(error));
      options.log?.warn('keychain unavailable', { service, operation, reason: failure.details?.reason });
      throw failure;
    }
  }

  return {
    async get(account) {
      checkAccount(account);
      return call('get', (k) => k.getPassword(service, account));
    },
    async set(account, secret) {
      checkAccount(account);
      checkSecret(secret, maxSecretBytes);
      await call('set', (k) => k.setPassword(service, account, secret));
    },
    async delete(account) {
      checkAccount(account);
      return call('delete', (k) => k.deletePassword(service, account));
    },
    describe: () => `${backendName()}, service "${service}"`,
  };
}

export type KeychainProbe = { available: true; backend: string } | { available: false; reason: string };

/**
 * Whether the keychain works here, by writing, reading back and deleting a throwaway entry (a random value under a
 * random `probe-…` account of the same service). Never throws; the whole round trip is bounded by `timeoutMs`.
 */
export async function probeKeychain(options: KeytarStoreOptions = {}): Promise<KeychainProbe> {
  const timeoutMs = options.timeoutMs ?? defaultProbeTimeoutMs;
  const store = createKeytarStore({ ...options, timeoutMs });
  const account = `probe-${randomBytes(8).toString('hex')}`;
  const value = `signet-probe-${randomBytes(16).toString('hex')}`;
  const roundTrip = async (): Promise<KeychainProbe> => {
    await store.set(account, value);
    const read = await store.get(account);
    const deleted = await store.delete(account);
    if (read !== value) return { available: false, reason: 'the keychain returned a different value than was stored' };
    if (!deleted) return { available: false, reason: 'the keychain could not delete a test entry' };
    return { available: true, backend: store.describe() };
  };
  try {
    return await withTimeout(roundTrip(), timeoutMs, 'probe');
  } catch (error) {
    const reason = isKeychainUnavailable(error) ? String(error.details?.reason) : messageOf(error);
    return { available: false, reason };
  }
}
