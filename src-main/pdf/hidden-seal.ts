import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { evidenceFileName } from '../../src-shared/pdf/certificate';

export type HiddenSeal = 'signatureRewritten' | 'sealRemoved' | null;

/**
 * For a file where no signature can be found in the raw bytes: was it signed once? Another program that re-saves a
 * signed PDF (pdf-lib, a "PDF editor") moves the signature dictionary into a compressed object stream or drops it,
 * and a forger may strip the seal altogether. A parsed look finds the remains: a signature dictionary that no longer
 * sits where its /ByteRange says, or Signet's evidence attachment in a document that no longer carries a seal.
 */
export async function findHiddenSeal(bytes: Uint8Array): Promise<HiddenSeal> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
  } catch {
    return null;
  }
  let evidenceAttached = false;
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict)) continue;
    if (object.has(PDFName.of('ByteRange')) && object.has(PDFName.of('Contents'))) return 'signatureRewritten';
    // The evidence's file specification, wherever the attachments name tree keeps it.
    if (object.get(PDFName.of('Type')) === PDFName.of('Filespec') && object.toString().includes(evidenceFileName)) evidenceAttached = true;
  }
  return evidenceAttached ? 'sealRemoved' : null;
}
