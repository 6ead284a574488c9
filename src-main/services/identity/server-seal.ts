import { AppError } from '../../../src-shared/contract/errors';
import type { ServerSealExport } from '../../../src-shared/identity/types';
import { describeCertificate } from '../../pdf/certificate-info';
import { issueSealFromCa } from '../../pdf/identity';
import { X509Certificate } from 'node:crypto';
import type { ServiceContext } from '../context';
import { currentUser } from '../app/app-service';
import { fileSlug } from './identity-status';
import { parseKeyRef, secretStoreAt } from './key-location';
import { issuingCa, recordIssuedSeal } from './records';
import { writeP12 } from './write-p12';

/**
 * "Export the server's seal certificate": a new seal certificate for the company server, issued by the company CA, with
 * a key of its own (never the desktop's seal key), handed over as a PKCS#12 under the password the administrator chose
 * for it. The key exists only in that file: nothing here keeps it. The certificate is kept, inactive, beside the
 * company's own, so this installation knows every certificate that seals in the company's name.
 *
 * Only a company CA made by Signet can issue it: a seal imported from a commercial CA comes without the CA's key.
 */
export async function exportServerSeal(ctx: ServiceContext, password: string): Promise<ServerSealExport> {
  const admin = await currentUser(ctx);
  const ca = await issuingCa(ctx);
  if (!ca?.key_account) throw new AppError('VALIDATION', 'identity.serverSeal.noCaKey');
  const { location, account } = parseKeyRef(ca.key_account);
  const caKey = await secretStoreAt(ctx, location).get(account);
  if (caKey === null) throw new AppError('VALIDATION', 'identity.serverSeal.caKeyMissing');

  const company = await ctx.db.selectFrom('company').select('name').where('id', '=', 1).executeTakeFirstOrThrow();
  const name = company.name.trim() || 'Signet';
  const issued = await issueSealFromCa(ca.pem, caKey, `${name} — server seal`, name, ctx.now());
  const p12 = await writeP12({ privateKeyPem: issued.privateKeyPem, certificatePem: issued.certificatePem, chainPems: [ca.pem], password });
  await recordIssuedSeal(ctx, issued.certificatePem);
  const certificate = describeCertificate(new X509Certificate(issued.certificatePem));
  ctx.log.info('server seal issued', { by: admin.id, subject: certificate.subject, sha256: certificate.sha256, notAfter: certificate.notAfter });
  return { filename: `${fileSlug(name)}-server-seal.p12`, data: Buffer.from(p12).toString('base64'), certificate };
}
