import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../pairing/secrets';

/** 256 random bits: the issue asks for at least 128. */
export const linkTokenBytes = 32;

/** A signing link's token, base64url (43 characters), and the only form of it the store keeps. */
export function newLinkToken(): { token: string; hash: string } {
  const token = randomBytes(linkTokenBytes).toString('base64url');
  return { token, hash: sha256Hex(token) };
}

/** Where a signer opens their link: the portal's page for it, under the server's public address. */
export function signingLinkUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/s/${token}`;
}
