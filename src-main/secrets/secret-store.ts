import { AppError, validationError, type ErrorCode } from '../../src-shared/contract/errors';

/**
 * Where secrets (the company seal's private key, later SMTP passwords) are kept: one small interface so the keychain,
 * Electron `safeStorage` or a PKCS#12 file can stand behind it. An implementation that cannot keep a secret safely
 * throws `keychainUnavailable` — it never falls back to writing the secret somewhere in plain text.
 */
export interface SecretStore {
  /** The stored secret, or null when there is none for this account. */
  get(account: string): Promise<string | null>;
  /** Stores or replaces the secret. */
  set(account: string, secret: string): Promise<void>;
  /** True when an entry existed and was removed. */
  delete(account: string): Promise<boolean>;
  /** Where the secrets go, in words for logs and Settings ("GNOME Keyring / Secret Service, service "Signet""). */
  describe(): string;
}

/** The keychain "service" (macOS), target prefix (Windows) or `service` attribute (Secret Service) Signet uses. */
export const defaultSecretService = 'Signet';

/** The error code for "the keychain cannot be used": never answered by a fallback that writes the secret elsewhere. */
export const keychainUnavailableCode: ErrorCode = 'KEYCHAIN_UNAVAILABLE';
export const keychainUnavailableKey = 'errors.keychainUnavailable';

/** `reason` is for the person and the log: what the keychain said (never the secret, never the account's data). */
export function keychainUnavailable(reason: string): AppError {
  return new AppError(keychainUnavailableCode, keychainUnavailableKey, { reason });
}

export function isKeychainUnavailable(error: unknown): error is AppError {
  return error instanceof AppError && error.messageKey === keychainUnavailableKey;
}

/**
 * Keychains store C strings: an embedded NUL would silently cut the secret short, and an empty one is refused by some
 * back-ends. Both are rejected up front with a validation error instead.
 */
export function checkAccount(account: string): void {
  if (typeof account !== 'string' || account.length === 0) throw validationError([{ path: 'account', messageKey: 'validation.required' }]);
  if (account.includes('\0')) throw validationError([{ path: 'account', messageKey: 'validation.invalid' }]);
  if (account.length > 255) throw validationError([{ path: 'account', messageKey: 'validation.tooLong' }]);
}

export function checkSecret(secret: string, maxBytes: number): void {
  if (typeof secret !== 'string' || secret.length === 0) throw validationError([{ path: 'secret', messageKey: 'validation.required' }]);
  if (secret.includes('\0')) throw validationError([{ path: 'secret', messageKey: 'validation.invalid' }]);
  const bytes = Buffer.byteLength(secret, 'utf8');
  if (bytes > maxBytes) throw new AppError('VALIDATION', 'errors.secretTooLarge', { bytes, max: maxBytes });
}
