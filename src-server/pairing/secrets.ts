import { createHash, randomBytes, randomInt } from 'node:crypto';
import { pairingCodeAlphabet, pairingCodeLength } from '../../src-shared/company-server/pairing-code';

/** How codes and tokens are kept: only this digest reaches the store, so a copied database pairs nobody. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** 256 random bits, base64url: a desktop's API token. */
export function newApiToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A pairing code in its stored form (no dash); `randomInt` picks each symbol without modulo bias. */
export function newPairingCode(): string {
  let code = '';
  for (let i = 0; i < pairingCodeLength; i++) code += pairingCodeAlphabet[randomInt(pairingCodeAlphabet.length)];
  return code;
}
