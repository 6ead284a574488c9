import { AppError } from '../../../src-shared/contract/errors';
import type { ServiceContext } from '../context';

/**
 * The signers a document may be given: company signers must be users with the right to sign, counterparties contacts
 * still in the book and not archived. Shared by create and update so a Draft can never be edited into a state it could
 * not have been created in.
 */
export async function checkSigners(ctx: ServiceContext, companySignerIds: readonly string[], counterpartyContactIds: readonly string[]): Promise<void> {
  const companySigners = companySignerIds.length ? await ctx.db.selectFrom('users').select(['id', 'is_signer']).where('id', 'in', companySignerIds).execute() : [];
  if (companySigners.length !== new Set(companySignerIds).size || companySigners.some((u) => u.is_signer !== 1)) {
    throw new AppError('VALIDATION', 'documents.notASigner');
  }
  const contacts = counterpartyContactIds.length ? await ctx.db.selectFrom('contacts').select(['id', 'archived_at']).where('id', 'in', counterpartyContactIds).execute() : [];
  if (contacts.length !== new Set(counterpartyContactIds).size) throw new AppError('NOT_FOUND', 'documents.contactMissing');
  if (contacts.some((c) => c.archived_at)) throw new AppError('VALIDATION', 'documents.contactArchived');
}

/** Signer rows in stored order: the company's first, then the counterparty's, each side in the order chosen. */
export function signerRows(companySignerIds: readonly string[], counterpartyContactIds: readonly string[]) {
  return [
    ...[...new Set(companySignerIds)].map((userId) => ({ user_id: userId, contact_id: null, side: 'company' })),
    ...[...new Set(counterpartyContactIds)].map((contactId) => ({ user_id: null, contact_id: contactId, side: 'counterparty' })),
  ];
}
