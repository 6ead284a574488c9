import { X509Certificate } from 'node:crypto';
import { AppError } from '../../../src-shared/contract/errors';
import type { IdentityStatus } from '../../../src-shared/identity/types';
import { foldForSearch } from '../../../src-shared/text/fold';
import { describeCertificate } from '../../pdf/certificate-info';
import { isKeychainUnavailable } from '../../secrets/secret-store';
import type { ServiceContext } from '../context';
import { ensureCompanyIdentity, identityProgress, keyPresent } from './company-identity';
import { keyLocation, parseKeyRef, secretStoreAt } from './key-location';
import { activeSeal, chainOf } from './records';

/** What Settings shows about the company seal: the certificate, where its key is, and what is wrong if anything is. */
export async function identityStatus(ctx: ServiceContext): Promise<IdentityStatus> {
  const progress = identityProgress(ctx);
  const seal = await activeSeal(ctx);
  const location = seal?.key_account ? parseKeyRef(seal.key_account).location : await keyLocation(ctx);
  const base = {
    chain: [],
    keyLocation: location,
    keyStoreDescription: ctx.safeStorage || location === 'keychain' ? secretStoreAt(ctx, location).describe() : '',
    fallback: ctx.safeStorage ? { kind: 'safeStorage' as const, ...ctx.safeStorage.check() } : null,
  };
  if (!seal) {
    if (progress.running) return { ...base, state: 'creating' };
    if (progress.problem) return { ...base, state: stateOf(progress.problem.messageKey), problem: progress.problem };
    const company = await ctx.db.selectFrom('company').select('setup_done').where('id', '=', 1).executeTakeFirst();
    if (company?.setup_done !== 1) return { ...base, state: 'notSetUp' };
    // Set up, but nothing made yet (a run that has not started it): start it, and say so.
    void ensureCompanyIdentity(ctx);
    return { ...base, state: 'creating' };
  }

  const cert = new X509Certificate(seal.pem);
  const described = { ...base, source: seal.source, seal: describeCertificate(cert), chain: (await chainOf(ctx, cert)).map(describeCertificate) };
  if (progress.running) return { ...described, state: 'creating' };
  try {
    if (await keyPresent(ctx, seal.key_account)) return { ...described, state: 'ready' };
    return { ...described, state: 'keyMissing', problem: { messageKey: 'identity.problem.keyMissing' } };
  } catch (error) {
    if (!isKeychainUnavailable(error)) throw error;
    return { ...described, state: 'keyStoreUnavailable', problem: { messageKey: 'identity.problem.keyStoreUnavailable', reason: String(error.details?.reason ?? '') } };
  }
}

function stateOf(messageKey: string): IdentityStatus['state'] {
  return messageKey === 'identity.problem.keyStoreUnavailable' ? 'keyStoreUnavailable' : 'failed';
}

/**
 * The public certificate partners import to trust the company's seals: the top of the seal's chain (the company CA, or
 * a commercial root), with the certificates between it and the seal in the same PEM bundle.
 */
export async function exportCaCertificate(ctx: ServiceContext): Promise<{ filename: string; pem: string }> {
  const seal = await activeSeal(ctx);
  if (!seal) throw new AppError('NOT_FOUND', 'identity.problem.noSeal');
  const cert = new X509Certificate(seal.pem);
  const chain = await chainOf(ctx, cert);
  const bundle = chain.length > 0 ? chain : [cert];
  const company = await ctx.db.selectFrom('company').select('name').where('id', '=', 1).executeTakeFirstOrThrow();
  return { filename: `${fileSlug(company.name)}-signet-ca.pem`, pem: bundle.map((c) => c.toString()).join('') };
}

/** The company's name as the start of a file name: ASCII letters and digits, Polish letters folded, dashes between. */
export function fileSlug(name: string): string {
  return foldForSearch(name).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'company';
}
