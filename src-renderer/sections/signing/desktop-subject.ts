import type { DocumentDetail, DocumentSigner } from '../../../src-shared/documents/types';
import { AppError } from '../../../src-shared/contract/errors';
import { decodeBase64 } from '../../../src-shared/fields/base64';
import { api } from '../../api';
import type { SignSubject } from './SignView';
import { refOf } from './signer-fields';

/**
 * The signing screen's subject on the desktop, through the contract: the document, its original file and its fields,
 * and the signer `signerOf` picks on it (the employee, or the counterparty in person). A signer the layout cannot name,
 * or none, leaves nothing to sign, and the notice says whether the document was ever sent.
 */
export async function loadDesktopSubject(documentId: string, signerOf: (doc: DocumentDetail) => DocumentSigner | undefined): Promise<SignSubject> {
  const [doc, file, fields] = await Promise.all([
    api.call('documents.get', { id: documentId }),
    api.call('documents.file', { id: documentId, which: 'original' }),
    api.call('documents.fields.get', { id: documentId }),
  ]);
  const bytes = decodeBase64(file.data);
  if (!bytes) throw new AppError('PDF_REFUSED', 'errors.internal');
  const signer = signerOf(doc);
  const ref = signer ? refOf(doc.signers, signer.id) : undefined;
  return {
    title: doc.title,
    number: doc.number,
    file: new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }),
    fields,
    signer: signer && ref ? { name: signer.name, ref, country: fields.signers.find((s) => s.ref === ref)?.contact.country } : null,
    nothingKey: doc.phase === 'draft' ? 'signingUi.notSentYet' : 'signingUi.nothingToSign',
  };
}
