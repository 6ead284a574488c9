import { AppError } from '../../../src-shared/contract/errors';
import type { IdentityStatus } from '../../../src-shared/identity/types';
import type { ServiceContext } from '../context';
import { ensureCompanyIdentity } from './company-identity';
import { identityStatus } from './identity-status';
import { importP12 } from './import-p12';
import { setKeyLocation } from './key-location';

/** "Try again" / "Create a new certificate": makes the company seal where none is usable (a lost key included). */
export async function createIdentity(ctx: ServiceContext): Promise<IdentityStatus> {
  await ensureCompanyIdentity(ctx, { replaceLostKey: true });
  return identityStatus(ctx);
}

/**
 * The desktop app's answer to a keychain that cannot be used: keys encrypted by Electron's safeStorage instead. Only
 * on the administrator's word (it is offered, never silent), and only where safeStorage really encrypts.
 */
export async function useSafeStorage(ctx: ServiceContext): Promise<IdentityStatus> {
  if (!ctx.safeStorage) throw new AppError('VALIDATION', 'identity.noFallbackHere');
  const check = ctx.safeStorage.check();
  if (!check.available) throw new AppError('KEYCHAIN_UNAVAILABLE', 'identity.problem.safeStorageUnavailable', { reason: check.reason });
  await setKeyLocation(ctx, 'safeStorage');
  return createIdentity(ctx);
}

export async function importCompanyP12(ctx: ServiceContext, data: string, password: string): Promise<IdentityStatus> {
  await importP12(ctx, data, password);
  return identityStatus(ctx);
}
