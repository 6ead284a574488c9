import { X509Certificate } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { CertificateInfo } from '../../../src-shared/identity/types';
import { describeCertificate, fingerprint } from '../../pdf/certificate-info';
import type { CompanyCertificateTable, Database } from '../../store/schema';
import { nowIso, type ServiceContext } from '../context';

export type CertificateRow = CompanyCertificateTable;

export async function activeSeal(ctx: ServiceContext): Promise<CertificateRow | undefined> {
  return ctx.db.selectFrom('company_certificates').selectAll().where('role', '=', 'seal').where('active', '=', 1).executeTakeFirst();
}

/** Every CA the company has had: documents sealed under an earlier one still verify as the company's own. */
export async function companyCertificates(ctx: ServiceContext): Promise<X509Certificate[]> {
  const rows = await ctx.db.selectFrom('company_certificates').select('pem').execute();
  return rows.map((r) => new X509Certificate(r.pem));
}

/** The certificates above `seal`, nearest first, as far as the company's records reach. */
export async function chainOf(ctx: ServiceContext, seal: X509Certificate): Promise<X509Certificate[]> {
  const cas = (await ctx.db.selectFrom('company_certificates').select('pem').where('role', '=', 'ca').execute()).map((r) => new X509Certificate(r.pem));
  const chain: X509Certificate[] = [];
  let current = seal;
  for (let depth = 0; depth < 6; depth++) {
    if (current.checkIssued(current)) break;
    const issuer = cas.find((c) => fingerprint(c) !== fingerprint(current) && current.checkIssued(c) && current.verify(c.publicKey));
    if (!issuer || chain.includes(issuer)) break;
    chain.push(issuer);
    current = issuer;
  }
  return chain;
}

export interface NewIdentity {
  source: CertificateRow['source'];
  seal: { pem: string; keyAccount: string; keyFile?: string | undefined };
  /** CAs above the seal; a generated CA also names the keychain entry of its key (it will issue the server's seal). */
  cas: { pem: string; keyAccount?: string | undefined }[];
}

/** Records a new seal (and the CAs above it) and makes it the active one, in one transaction. */
export async function recordIdentity(ctx: ServiceContext, identity: NewIdentity): Promise<void> {
  const at = nowIso(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('company_certificates').set({ active: 0 }).where('role', '=', 'seal').execute();
    await upsert(trx, { role: 'seal', source: identity.source, pem: identity.seal.pem, key_account: identity.seal.keyAccount, key_file: identity.seal.keyFile ?? null, active: 1, created_at: at });
    for (const ca of identity.cas) await upsert(trx, { role: 'ca', source: identity.source, pem: ca.pem, key_account: ca.keyAccount ?? null, key_file: null, active: 0, created_at: at });
  });
}

/**
 * A seal certificate the company CA issued to someone else (the company server): kept, never active, with no key here,
 * so the desktop knows every certificate that seals in the company's name.
 */
export async function recordIssuedSeal(ctx: ServiceContext, pem: string): Promise<void> {
  await ctx.db.transaction().execute((trx) => upsert(trx, { role: 'seal', source: 'generated', pem, key_account: null, key_file: null, active: 0, created_at: nowIso(ctx) }));
}

/** The company CA whose key this installation holds and which issued the active seal, if there is one. */
export async function issuingCa(ctx: ServiceContext): Promise<CertificateRow | undefined> {
  const seal = await activeSeal(ctx);
  if (!seal) return undefined;
  const [issuer] = await chainOf(ctx, new X509Certificate(seal.pem));
  if (!issuer) return undefined;
  return ctx.db.selectFrom('company_certificates').selectAll().where('sha256', '=', fingerprint(issuer)).where('role', '=', 'ca').where('key_account', 'is not', null).executeTakeFirst();
}

async function upsert(trx: Transaction<Database>, row: Omit<CertificateRow, 'sha256' | 'subject' | 'not_after'>): Promise<void> {
  const cert = new X509Certificate(row.pem);
  const info = describeCertificate(cert);
  const values = { ...row, sha256: info.sha256, subject: info.subject, not_after: info.notAfter };
  await trx
    .insertInto('company_certificates')
    .values(values)
    // A certificate seen again (the same CA in a second import) keeps the key it is known to have.
    .onConflict((oc) =>
      oc.column('sha256').doUpdateSet({
        active: values.active,
        key_account: sql`coalesce(excluded.key_account, company_certificates.key_account)`,
        key_file: sql`coalesce(excluded.key_file, company_certificates.key_file)`,
      }),
    )
    .execute();
}

export function infoOf(pem: string): CertificateInfo {
  return describeCertificate(new X509Certificate(pem));
}
