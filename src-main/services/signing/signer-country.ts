import type { ServiceContext } from '../context';

/** The country a signer's values are read in (a NIP only for PL, a phone without prefix): their contact's, else PL. */
export async function signerCountry(ctx: ServiceContext, signerId: number): Promise<string> {
  const row = await ctx.db
    .selectFrom('document_signers')
    .leftJoin('contacts', 'contacts.id', 'document_signers.contact_id')
    .select('contacts.country')
    .where('document_signers.id', '=', signerId)
    .executeTakeFirst();
  return row?.country ?? 'PL';
}
