import { constants, verify, type KeyObject } from 'node:crypto';
import * as pkijs from 'pkijs';

/**
 * Checks a CMS signature value over the DER of its signed attributes with node:crypto, for the algorithms seals are
 * made with: ECDSA, RSA PKCS#1 v1.5 and RSA-PSS. Doing it here rather than in pkijs is what lets verification hash
 * the signed bytes once, as a stream, instead of handing pkijs a copy of them to hash again.
 */

/** node:crypto's names of the digest algorithms a CMS may name. */
export const digestByOid: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
const ecdsaHashByOid: Record<string, string> = {
  '1.2.840.10045.4.1': 'sha1',
  '1.2.840.10045.4.3.1': 'sha224',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};
const rsaHashByOid: Record<string, string> = {
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.14': 'sha224',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
};
// Some signers name the key's algorithm instead of the signature's; the hash is then the signer info's digest.
const oidEcPublicKey = '1.2.840.10045.2.1';
const oidRsaEncryption = '1.2.840.113549.1.1.1';
const oidRsaPss = '1.2.840.113549.1.1.10';
const oidMgf1 = '1.2.840.113549.1.1.8';

interface Check {
  hash: string;
  keyTypes: string[];
  pssSaltLength?: number;
}

function planFor(algorithm: pkijs.AlgorithmIdentifier, digestAlgorithm: string): Check | null {
  const id = algorithm.algorithmId;
  if (ecdsaHashByOid[id]) return { hash: ecdsaHashByOid[id], keyTypes: ['ec'] };
  if (id === oidEcPublicKey) return { hash: digestAlgorithm, keyTypes: ['ec'] };
  if (rsaHashByOid[id]) return { hash: rsaHashByOid[id], keyTypes: ['rsa'] };
  if (id === oidRsaEncryption) return { hash: digestAlgorithm, keyTypes: ['rsa'] };
  if (id === oidRsaPss) return pssPlan(algorithm.algorithmParams);
  return null;
}

/** node:crypto masks with MGF1 over the signature's own hash and uses trailer 0xBC: other parameters are left to pkijs. */
function pssPlan(params: unknown): Check | null {
  try {
    const pss = params ? new pkijs.RSASSAPSSParams({ schema: params }) : new pkijs.RSASSAPSSParams();
    const hash = digestByOid[pss.hashAlgorithm.algorithmId];
    const mgf = pss.maskGenAlgorithm;
    const mgfHash = mgf.algorithmParams ? new pkijs.AlgorithmIdentifier({ schema: mgf.algorithmParams }).algorithmId : undefined;
    if (!hash || mgf.algorithmId !== oidMgf1 || mgfHash !== pss.hashAlgorithm.algorithmId || pss.trailerField !== 1) return null;
    return { hash, keyTypes: ['rsa', 'rsa-pss'], pssSaltLength: pss.saltLength };
  } catch {
    return null;
  }
}

/**
 * Whether `signature` is the signer's over `signedAttributes` (their DER as a SET, as signed): true or false where
 * node:crypto can judge the algorithm, null where it cannot and another verifier must.
 */
export function signatureValueHolds(
  signedAttributes: Uint8Array,
  signature: Uint8Array,
  key: KeyObject,
  algorithm: pkijs.AlgorithmIdentifier,
  digestAlgorithm: string,
): boolean | null {
  const plan = planFor(algorithm, digestAlgorithm);
  if (!plan) return null;
  // A key of another kind than the algorithm names cannot have made the signature.
  if (!plan.keyTypes.includes(key.asymmetricKeyType ?? '')) return false;
  const padding = plan.pssSaltLength === undefined ? {} : { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: plan.pssSaltLength };
  try {
    return verify(plan.hash, signedAttributes, { key, ...padding }, signature);
  } catch {
    return false;
  }
}
