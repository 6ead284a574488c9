import type { signatureMethods } from '../../../src-shared/signing/inputs';

export type SignatureMethod = (typeof signatureMethods)[number];

/** What the signer has made in the active tab: how, and the PNG (base64) the contract takes. */
export interface Signature {
  method: SignatureMethod;
  image: string;
}
