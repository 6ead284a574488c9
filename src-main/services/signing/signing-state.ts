import { AppError } from '../../../src-shared/contract/errors';
import type { Phase } from '../../../src-shared/documents/lifecycle';
import type { DocumentSummary } from '../../../src-shared/documents/types';
import type { SigningOrder } from '../../../src-shared/signing/order';
import type { ServiceContext } from '../context';
import { summariesOf } from '../documents/document-rows';

export interface SigningState {
  doc: DocumentSummary;
  order: SigningOrder;
  expiresAt: string | null;
}

const outForSigning: ReadonlySet<Phase> = new Set(['companySigning', 'counterpartySigning']);

/** A document that was sent and is still out for signing, with how it was sent; refused with the reason otherwise. */
export async function signingState(ctx: ServiceContext, documentId: string): Promise<SigningState> {
  const [doc] = await summariesOf(ctx, [documentId]);
  const row = await ctx.db.selectFrom('documents').select(['signing_order', 'expires_at']).where('id', '=', documentId).executeTakeFirst();
  if (!doc || !row) throw new AppError('NOT_FOUND', 'documents.notFound');
  if (!row.signing_order || !outForSigning.has(doc.phase)) throw new AppError('VALIDATION', 'signing.notOutForSigning', { phase: doc.phase });
  return { doc, order: row.signing_order as SigningOrder, expiresAt: row.expires_at };
}

export function isExpired(ctx: Pick<ServiceContext, 'now'>, state: SigningState): boolean {
  return state.expiresAt !== null && ctx.now().toISOString() > state.expiresAt;
}
