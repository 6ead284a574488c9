import { AppError } from '../../../src-shared/contract/errors';
import type { KeyLocation } from '../../../src-shared/identity/types';
import type { SecretStore } from '../../secrets/secret-store';
import type { ServiceContext } from '../context';

const locationKey = 'secrets.location';
const installIdKey = 'app.installId';

/** Where new private keys go: the keychain unless the administrator chose safeStorage because the keychain failed. */
export async function keyLocation(ctx: ServiceContext): Promise<KeyLocation> {
  const row = await ctx.db.selectFrom('settings').select('value').where('key', '=', locationKey).executeTakeFirst();
  return row?.value === 'safeStorage' && ctx.safeStorage ? 'safeStorage' : 'keychain';
}

export async function setKeyLocation(ctx: ServiceContext, location: KeyLocation): Promise<void> {
  await ctx.db
    .insertInto('settings')
    .values({ key: locationKey, value: location })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: location }))
    .execute();
}

export function secretStoreAt(ctx: ServiceContext, location: KeyLocation): SecretStore {
  if (location === 'keychain') return ctx.keychain;
  if (!ctx.safeStorage) throw new AppError('VALIDATION', 'identity.noFallbackHere');
  return ctx.safeStorage.store;
}

/**
 * A key's reference, as the certificate row records it: the store and the account, e.g. `keychain:3f…/seal/ab12…`.
 * The account starts with this installation's id, so two data folders on one machine (or parallel test runs sharing
 * one keyring) never read or overwrite each other's keys.
 */
export async function newKeyRef(ctx: ServiceContext, location: KeyLocation, purpose: string): Promise<string> {
  return `${location}:${await installId(ctx)}/${purpose}`;
}

export function parseKeyRef(ref: string): { location: KeyLocation; account: string } {
  const at = ref.indexOf(':');
  const location = ref.slice(0, at);
  if (location !== 'keychain' && location !== 'safeStorage') throw new Error(`unknown key location in ${ref}`);
  return { location, account: ref.slice(at + 1) };
}

async function installId(ctx: ServiceContext): Promise<string> {
  const row = await ctx.db.selectFrom('settings').select('value').where('key', '=', installIdKey).executeTakeFirst();
  if (row) return row.value;
  const id = ctx.newId();
  await ctx.db.insertInto('settings').values({ key: installIdKey, value: id }).onConflict((oc) => oc.doNothing()).execute();
  return (await ctx.db.selectFrom('settings').select('value').where('key', '=', installIdKey).executeTakeFirstOrThrow()).value;
}
