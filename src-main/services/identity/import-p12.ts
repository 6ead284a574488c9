import { X509Certificate } from 'node:crypto';
import { fingerprint } from '../../pdf/certificate-info';
import { seal } from '../../secrets/envelope';
import type { ServiceContext } from '../context';
import type { P12Secret } from './company-signer';
import { keyLocation, newKeyRef, parseKeyRef, secretStoreAt } from './key-location';
import { recordIdentity } from './records';
import { openSealP12 } from './seal-p12';

/**
 * Makes a PKCS#12 from a commercial CA (or the company's own PKI) the company seal. The container is checked the way the
 * seal will use it — opened by the same library that signs, its key proven to match its certificate, the certificate
 * valid today and allowed to sign documents — and only then stored: re-encrypted under a fresh 256-bit key (so a weak
 * export password does not guard it at rest) with that key and the password in the keychain.
 */
export async function importP12(ctx: ServiceContext, base64: string, password: string): Promise<void> {
  const bytes = Buffer.from(base64, 'base64');
  const { signer, certificate: cert } = await openSealP12(bytes, password, ctx.now());

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
