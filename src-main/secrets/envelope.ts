import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM around bytes that must rest on disk (an imported PKCS#12, a safeStorage-wrapped secret's payload): the
 * 32-byte key goes to the keychain, the ciphertext to a file. Authenticated, so a changed file fails to open rather than
 * yielding garbage. Layout: "SGE1" | 12-byte IV | 16-byte tag | ciphertext.
 */
const magic = Buffer.from('SGE1');

export interface Sealed {
  key: Buffer;
  envelope: Buffer;
}

export function seal(plain: Uint8Array): Sealed {
  const key = randomBytes(32);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { key, envelope: Buffer.concat([magic, iv, cipher.getAuthTag(), body]) };
}

/** The plain bytes, or null when the envelope is not ours, was changed, or the key is not its key. */
export function open(envelope: Uint8Array, key: Uint8Array): Buffer | null {
  const buf = Buffer.from(envelope.buffer, envelope.byteOffset, envelope.byteLength);
  if (buf.length < 32 || !buf.subarray(0, 4).equals(magic) || key.length !== 32) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(4, 16));
    decipher.setAuthTag(buf.subarray(16, 32));
    return Buffer.concat([decipher.update(buf.subarray(32)), decipher.final()]);
  } catch {
    return null;
  }
}
