import { X509Certificate } from 'node:crypto';
import { AppError } from '../../../src-shared/contract/errors';
import type { TrustAnchorInfo } from '../../../src-shared/identity/types';
import { describeCertificate, parseCertificates } from '../../pdf/certificate-info';
import type { TrustAnchors } from '../../pdf/trust';
import { nowIso, type ServiceContext } from '../context';
import { lockedError, policyOf } from '../../policy/enforce';
import { companyCertificates } from './records';

/**
 * What a verification in this installation trusts: the company's own certificates, the CAs the administrator added,
 * and those the machine's managed policy names (checked to be certificates when the policy was read).
 */
export async function trustAnchors(ctx: ServiceContext): Promise<TrustAnchors> {
  const imported = await ctx.db.selectFrom('trust_anchors').select('pem').execute();
  return { company: await companyCertificates(ctx), imported: [...imported.map((r) => new X509Certificate(r.pem)), ...managedAnchors(ctx)] };
}

function managedAnchors(ctx: ServiceContext): X509Certificate[] {
  return (policyOf(ctx).trustedCaCertificates ?? []).map((pem) => new X509Certificate(pem));
}

/** The policy's first (locked), then the administrator's; one in both is the policy's. */
export async function listTrustAnchors(ctx: ServiceContext): Promise<TrustAnchorInfo[]> {
  const managed = managedAnchors(ctx).map((cert) => ({ ...describeCertificate(cert), addedAt: null, managed: true }));
  const rows = await ctx.db.selectFrom('trust_anchors').selectAll().orderBy('added_at').orderBy('subject').execute();
  const own = rows.map((r) => ({ ...describeCertificate(new X509Certificate(r.pem)), addedAt: r.added_at })).filter((a) => !managed.some((m) => m.sha256 === a.sha256));
  return [...managed, ...own];
}

/** Adds every certificate of a PEM bundle or a DER file and returns those that were new; one already trusted is left as it was. */
export async function addTrustAnchors(ctx: ServiceContext, base64: string): Promise<TrustAnchorInfo[]> {
  const certs = parseCertificates(Buffer.from(base64, 'base64'));
  if (!certs) throw new AppError('VALIDATION', 'identity.trust.notACertificate');
  const at = nowIso(ctx);
  const added = new Set<string>();
  // One the managed policy already trusts is not this installation's to add (nor, later, to remove).
  const managed = new Set(managedAnchors(ctx).map((c) => describeCertificate(c).sha256));
  await ctx.db.transaction().execute(async (trx) => {
    for (const cert of certs) {
      const info = describeCertificate(cert);
      if (managed.has(info.sha256)) continue;
      const result = await trx
        .insertInto('trust_anchors')
        .values({ sha256: info.sha256, pem: cert.toString(), subject: info.subject, not_after: info.notAfter, added_at: at })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      if (Number(result.numInsertedOrUpdatedRows ?? 0) > 0) added.add(info.sha256);
    }
  });
  return (await listTrustAnchors(ctx)).filter((a) => added.has(a.sha256));
}

export async function removeTrustAnchor(ctx: ServiceContext, sha256: string): Promise<{ sha256: string }> {
  if (managedAnchors(ctx).some((cert) => describeCertificate(cert).sha256 === sha256)) throw lockedError('trust');
  const result = await ctx.db.deleteFrom('trust_anchors').where('sha256', '=', sha256).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw new AppError('NOT_FOUND', 'identity.trust.notFound');
  return { sha256 };
}
