import { AppError } from '../../../src-shared/contract/errors';
import type { DocumentSummary } from '../../../src-shared/documents/types';
import { currentUser } from '../app/app-service';
import type { ServiceContext } from '../context';
import { summariesOf } from '../documents/document-rows';
import { declineAsSigner, signAsSigner, type SignatureMethod } from './sign';

/** The signed-in employee's own place among a document's signers: nobody signs for a colleague. */
async function ownSigner(ctx: ServiceContext, documentId: string): Promise<{ signerId: number; name: string }> {
  const user = await currentUser(ctx);
  const [doc] = await summariesOf(ctx, [documentId]);
  if (!doc) throw new AppError('NOT_FOUND', 'documents.notFound');
  const signer = doc.signers.find((s) => s.side === 'company' && s.userId === user.id);
  if (!signer) throw new AppError('FORBIDDEN', 'signing.notASignerHere');
  return { signerId: signer.id, name: user.name };
}

/** A company signer signs in the app: being signed in to it is how their identity was checked. */
export async function signAsUser(ctx: ServiceContext, input: { documentId: string; method: SignatureMethod; image: string; consent: boolean; values?: Readonly<Record<string, unknown>> }): Promise<DocumentSummary> {
  const { signerId, name } = await ownSigner(ctx, input.documentId);
  return signAsSigner(ctx, { ...input, signerId, identityCheck: 'appLogin', actor: name });
}

export async function declineAsUser(ctx: ServiceContext, input: { documentId: string; reason: string }): Promise<DocumentSummary> {
  const { signerId, name } = await ownSigner(ctx, input.documentId);
  return declineAsSigner(ctx, { ...input, signerId, actor: name });
}
