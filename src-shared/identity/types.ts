import { z } from 'zod';

/** A certificate as Settings and the verification report show it. Times are ISO-8601 UTC. */
export interface CertificateInfo {
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  /** SHA-256 fingerprint of the DER, lower-case hex: what a partner compares over the phone. */
  sha256: string;
}

/** Where a private key is kept: the OS keychain, or Electron's safeStorage (encrypted with a key the OS keeps). */
export type KeyLocation = 'keychain' | 'safeStorage';

export type IdentityState =
  /** A seal certificate is active and its private key is where the record says. */
  | 'ready'
  /** The key pair is being made or stored (a keychain may be showing its unlock prompt). */
  | 'creating'
  /** First run is not finished: the certificate needs the company name. */
  | 'notSetUp'
  /** The keychain (or the chosen fallback) cannot be used; nothing was stored. */
  | 'keyStoreUnavailable'
  /** The certificate is recorded but its key is gone from the keychain (reset, another machine's profile). */
  | 'keyMissing'
  /** Making or storing the keys failed for another reason, given in `problem`. */
  | 'failed';

export interface IdentityStatus {
  state: IdentityState;
  /** Made by Signet on first run, or imported from a PKCS#12 (e.g. a commercial CA, so Adobe Reader trusts it). */
  source?: 'generated' | 'imported' | undefined;
  seal?: CertificateInfo | undefined;
  /** The certificates above the seal, nearest first; the last is what partners import as trusted. */
  chain: CertificateInfo[];
  keyLocation: KeyLocation;
  /** In words, for Settings: "Secret Service (libsecret: GNOME Keyring, KWallet), service "Signet"". */
  keyStoreDescription: string;
  /** Why the state is not `ready`: a message key and, where a keychain said something, its words. */
  problem?: { messageKey: string; reason?: string | undefined } | undefined;
  /** What this host can offer when the keychain does not work; null where it has nothing to offer (browser host). */
  fallback: { kind: 'safeStorage'; available: boolean; reason?: string | undefined } | null;
}

export interface TrustAnchorInfo extends CertificateInfo {
  /** When the administrator added it here; null for one the managed policy brings. */
  addedAt: string | null;
  /** Trusted by the machine's managed policy (issue 10): shown locked, not removable here. */
  managed?: boolean;
}

/** A PKCS#12 with a long chain is tens of kilobytes; anything far bigger is the wrong file. */
export const maxP12Bytes = 1024 * 1024;
/** A certificate in PEM or DER; a bundle of a few. */
export const maxCertificateBytes = 256 * 1024;

const base64Of = (maxBytes: number) =>
  z.base64({ error: 'validation.base64' }).max(Math.ceil((maxBytes * 4) / 3) + 4, { error: 'validation.fileTooLarge' });

export const importP12Input = z.object({
  data: base64Of(maxP12Bytes),
  /**
   * Kept only in the keychain, beside the key of Signet's own encryption around the file (the container rests
   * re-encrypted, so a weak export password does not guard it on disk); never in the database or a settings file.
   */
  password: z.string().max(1024, { error: 'validation.tooLong' }),
});

export const addTrustAnchorInput = z.object({ data: base64Of(maxCertificateBytes) });

export const sha256Input = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: 'validation.invalid' }) });

/**
 * The password of the PKCS#12 handed to the company server: it protects a key that seals in the company's name, and
 * the file travels (a USB stick, a copy over SSH), so it is held to a length a guess cannot reach.
 */
export const minServerSealPasswordLength = 12;

export const exportServerSealInput = z.object({
  password: z
    .string()
    .min(minServerSealPasswordLength, { error: 'validation.serverSealPasswordShort' })
    .max(1024, { error: 'validation.tooLong' }),
});

/** The server's seal as a PKCS#12 to save: `data` is the file in base64. */
export interface ServerSealExport {
  filename: string;
  data: string;
  certificate: CertificateInfo;
}
