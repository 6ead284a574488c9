import { constants, createHash, verify, X509Certificate } from 'node:crypto';
import { P12Signer } from '@libpdf/core';
import { AppError } from '../../../src-shared/contract/errors';
import { fingerprint } from '../../pdf/certificate-info';
import { x509 } from '../../pdf/x509';
import { seal } from '../../secrets/envelope';
import type { ServiceContext } from '../context';
import type { P12Secret } from './company-signer';
import { keyLocation, newKeyRef, parseKeyRef, secretStoreAt } from './key-location';
import { recordIdentity } from './records';

function refuse(messageKey: string, details?: Record<string, unknown>): AppError {
  return new AppError('VALIDATION', messageKey, details);
}

/**
 * Makes a PKCS#12 from a commercial CA (or the company's own PKI) the company seal. The container is checked the way the
 * seal will use it — opened by the same library that signs, its key proven to match its certificate, the certificate
 * valid today and allowed to sign documents — and only then stored: re-encrypted under a fresh 256-bit key (so a weak
 * export password does not guard it at rest) with that key and the password in the keychain.
 */
export async function importP12(ctx: ServiceContext, base64: string, password: string): Promise<void> {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0 || bytes[0] !== 0x30) throw refuse('identity.p12.notPkcs12');
  let signer: P12Signer;
  try {
    signer = await P12Signer.create(bytes, password);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw /password|mac|decrypt|integrity/i.test(message) ? refuse('identity.p12.wrongPassword') : refuse('identity.p12.unreadable', { reason: message.slice(0, 200) });
  }
  const cert = new X509Certificate(signer.certificate);
  checkUsable(cert, ctx.now());
  await checkKeyMatches(signer, cert);

  const location = await keyLocation(ctx);
  const store = secretStoreAt(ctx, location);
  const { key, envelope } = seal(bytes);
  const ref = await newKeyRef(ctx, location, `seal/${fingerprint(cert).slice(0, 16)}-${ctx.newId()}`);
  const secret: P12Secret = { key: key.toString('base64'), password };
  // The keychain first: when it cannot be used, nothing at all has been written.
  await store.set(parseKeyRef(ref).account, JSON.stringify(secret));
  try {
    const stored = await ctx.files.put(envelope);
    await recordIdentity(ctx, {
      source: 'imported',
      seal: { pem: cert.toString(), keyAccount: ref, keyFile: stored.sha256 },
      cas: signer.certificateChain.map((der) => ({ pem: new X509Certificate(der).toString() })).filter((c) => fingerprint(new X509Certificate(c.pem)) !== fingerprint(cert)),
    });
  } catch (error) {
    await store.delete(parseKeyRef(ref).account).catch(() => false);
    throw error;
  }
  ctx.log.info('company seal imported', { subject: cert.subject.replace(/\n/g, ', '), location });
}

function checkUsable(cert: X509Certificate, now: Date): void {
  if (now < new Date(cert.validFrom)) throw refuse('identity.p12.notYetValid', { from: new Date(cert.validFrom).toISOString() });
  if (now > new Date(cert.validTo)) throw refuse('identity.p12.expired', { to: new Date(cert.validTo).toISOString() });
  const parsed = new x509.X509Certificate(cert.raw);
  if (parsed.getExtension(x509.BasicConstraintsExtension)?.ca) throw refuse('identity.p12.isCa');
  const usage = parsed.getExtension(x509.KeyUsagesExtension);
  const signs = x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation;
  if (usage && (usage.usages & signs) === 0) throw refuse('identity.p12.cannotSign');
}

/** A PKCS#12 can carry a certificate that is not its key's: a seal made with it would never verify. */
async function checkKeyMatches(signer: P12Signer, cert: X509Certificate): Promise<void> {
  const probe = createHash('sha256').update(`signet-key-check-${Date.now()}`).digest();
  const signature = await signer.sign(probe, 'SHA-256');
  const key = { key: cert.publicKey, ...(signer.signatureAlgorithm === 'RSA-PSS' ? { padding: constants.RSA_PKCS1_PSS_PADDING } : {}) };
  if (!verify('sha256', probe, key, Buffer.from(signature))) throw refuse('identity.p12.keyMismatch');
}
