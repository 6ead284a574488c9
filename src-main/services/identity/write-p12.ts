import { createHash, createPrivateKey, webcrypto, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/** Our own engine for every call, as in pdf/cms.ts: pkijs's process-wide default may belong to another library. */
const engine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'] });

const bags = { shroudedKey: '1.2.840.113549.1.12.10.1.2', certificate: '1.2.840.113549.1.12.10.1.3' } as const;
const localKeyId = '1.2.840.113549.1.9.21';

/**
 * The modern PKCS#12 profile (OpenSSL 3's default): the key and the certificates each encrypted with PBES2 (PBKDF2
 * with HMAC-SHA-256, AES-256-CBC), the whole protected by an HMAC-SHA-256 MAC. Read by OpenSSL 3, @libpdf/core (the
 * server's seal) and the desktop's own import.
 */
const encryption = { contentEncryptionAlgorithm: { name: 'AES-CBC', length: 256 }, hmacHashAlgorithm: 'SHA-256', iterationCount: 100_000 } as const;

export interface P12Contents {
  privateKeyPem: string;
  /** The certificate of the key; first in the file, which is where readers that take "the first certificate" look. */
  certificatePem: string;
  /** The certificates above it, nearest first. */
  chainPems: string[];
  password: string;
}

/** A password-protected PKCS#12 holding one key, its certificate and the chain. The password is taken as UTF-8. */
export async function writeP12(contents: P12Contents): Promise<Uint8Array> {
  const password = toArrayBuffer(new TextEncoder().encode(contents.password));
  const keyDer = createPrivateKey(contents.privateKeyPem).export({ type: 'pkcs8', format: 'der' });
  const leaf = new X509Certificate(contents.certificatePem);
  // What ties the key to its certificate for readers that match them (OpenSSL): the same id on both bags.
  const keyId = new asn1js.OctetString({ valueHex: toArrayBuffer(createHash('sha1').update(leaf.raw).digest()) });
  const idAttribute = () => new pkijs.Attribute({ type: localKeyId, values: [keyId] });

  const keyBag = new pkijs.PKCS8ShroudedKeyBag({ parsedValue: new pkijs.PrivateKeyInfo({ schema: asn1js.fromBER(toArrayBuffer(keyDer)).result }) });
  await keyBag.makeInternalValues({ password, ...encryption }, engine);

  const certificateBag = (pem: string, withId: boolean) =>
    new pkijs.SafeBag({
      bagId: bags.certificate,
      bagValue: new pkijs.CertBag({ parsedValue: pkijs.Certificate.fromBER(toArrayBuffer(new X509Certificate(pem).raw)) }),
      ...(withId ? { bagAttributes: [idAttribute()] } : {}),
    });

  const pfx = new pkijs.PFX({
    parsedValue: {
      integrityMode: 0,
      authenticatedSafe: new pkijs.AuthenticatedSafe({
        parsedValue: {
          safeContents: [
            { privacyMode: 0, value: new pkijs.SafeContents({ safeBags: [new pkijs.SafeBag({ bagId: bags.shroudedKey, bagValue: keyBag, bagAttributes: [idAttribute()] })] }) },
            { privacyMode: 1, value: new pkijs.SafeContents({ safeBags: [certificateBag(contents.certificatePem, true), ...contents.chainPems.map((pem) => certificateBag(pem, false))] }) },
          ],
        },
      }),
    },
  });
  await pfx.parsedValue!.authenticatedSafe!.makeInternalValues({ safeContents: [{}, { password, ...encryption }] }, engine);
  await pfx.makeInternalValues({ password, iterations: encryption.iterationCount, pbkdf2HashAlgorithm: 'SHA-256', hmacHashAlgorithm: 'SHA-256' }, engine);
  return new Uint8Array(pfx.toSchema().toBER(false));
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
