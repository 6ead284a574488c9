import { AppError } from '../../../src-shared/contract/errors';
import { createCompanyIdentity } from '../../pdf/identity';
import { isKeychainUnavailable } from '../../secrets/secret-store';
import type { KeyLocation } from '../../../src-shared/identity/types';
import type { ServiceContext } from '../context';
import { keyLocation, newKeyRef, parseKeyRef, secretStoreAt } from './key-location';
import { activeSeal, recordIdentity } from './records';

/** What went wrong the last time keys were made or stored, per running context: Settings shows it until a retry works. */
interface Progress {
  running: Promise<void> | null;
  problem: { messageKey: string; reason?: string | undefined } | null;
}

const progress = new WeakMap<ServiceContext, Progress>();

export function identityProgress(ctx: ServiceContext): Progress {
  let p = progress.get(ctx);
  if (!p) progress.set(ctx, (p = { running: null, problem: null }));
  return p;
}

/**
 * Makes sure the company has a seal: on the first run after the company is named, a company CA and a seal certificate
 * issued by it, the private keys in the keychain. Never throws: a keychain that cannot be used is recorded as the
 * problem Settings shows (with the fallback on offer), and nothing — no key, no certificate — is stored half.
 * Concurrent calls share one run; a run that failed is tried again on the next call.
 */
export function ensureCompanyIdentity(ctx: ServiceContext, options: { replaceLostKey?: boolean } = {}): Promise<void> {
  const p = identityProgress(ctx);
  // A run already going may not replace a lost key; an explicit request to do so runs after it.
  if (p.running && options.replaceLostKey) return p.running.then(() => ensureCompanyIdentity(ctx, options));
  p.running ??= createIfMissing(ctx, options.replaceLostKey ?? false)
    .then(() => {
      p.problem = null;
    })
    .catch((error: unknown) => {
      p.problem = problemOf(error);
      ctx.log.warn('company identity not created', { messageKey: p.problem.messageKey, reason: p.problem.reason });
    })
    .finally(() => {
      p.running = null;
    });
  return p.running;
}

/**
 * A seal whose key is gone (a reset keychain, a copied data folder) is not replaced on its own: it may be a commercial
 * certificate the administrator would rather import again. Only an explicit request replaces it with a new one.
 */
async function createIfMissing(ctx: ServiceContext, replaceLostKey: boolean): Promise<void> {
  const company = await ctx.db.selectFrom('company').select(['name', 'setup_done']).where('id', '=', 1).executeTakeFirst();
  if (!company || company.setup_done !== 1) return;
  const current = await activeSeal(ctx);
  const location = await keyLocation(ctx);
  if (current && (!replaceLostKey || (await keyStillThere(ctx, current.key_account, location)))) return;

  const store = secretStoreAt(ctx, location);
  const identity = await createCompanyIdentity(company.name, ctx.now());
  const sealRef = await newKeyRef(ctx, location, `seal/${ctx.newId()}`);
  const caRef = await newKeyRef(ctx, location, `ca/${ctx.newId()}`);
  await store.set(parseKeyRef(caRef).account, identity.caPrivateKeyPem);
  try {
    await store.set(parseKeyRef(sealRef).account, identity.sealPrivateKeyPem);
    await recordIdentity(ctx, {
      source: 'generated',
      seal: { pem: identity.sealCertificatePem, keyAccount: sealRef },
      cas: [{ pem: identity.caCertificatePem, keyAccount: caRef }],
    });
  } catch (error) {
    // Without its certificate row a stored key is unreachable: take it back out rather than leave an orphan.
    await store.delete(parseKeyRef(caRef).account).catch(() => false);
    await store.delete(parseKeyRef(sealRef).account).catch(() => false);
    throw error;
  }
  ctx.log.info('company identity created', { location });
}

export async function keyPresent(ctx: ServiceContext, ref: string | null): Promise<boolean> {
  if (!ref) return false;
  const { location, account } = parseKeyRef(ref);
  return (await secretStoreAt(ctx, location).get(account)) !== null;
}

/**
 * Whether the current seal's key can still be read. A key in a keychain that cannot be reached counts as lost once the
 * administrator has moved new keys elsewhere (to safeStorage): that is what the move is for.
 */
async function keyStillThere(ctx: ServiceContext, ref: string | null, newLocation: KeyLocation): Promise<boolean> {
  try {
    return await keyPresent(ctx, ref);
  } catch (error) {
    if (isKeychainUnavailable(error) && ref && parseKeyRef(ref).location !== newLocation) return false;
    throw error;
  }
}

function problemOf(error: unknown): { messageKey: string; reason?: string | undefined } {
  if (isKeychainUnavailable(error)) return { messageKey: 'identity.problem.keyStoreUnavailable', reason: String(error.details?.reason ?? '') };
  if (error instanceof AppError) return { messageKey: error.messageKey };
  return { messageKey: 'identity.problem.failed', reason: error instanceof Error ? error.message.slice(0, 300) : String(error) };
}
