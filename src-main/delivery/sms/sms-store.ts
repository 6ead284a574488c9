import { defaultSmsConfig, smsConfigSchema, smsSecretNames, type SmsConfig, type SmsSecretName } from '../../../src-shared/delivery/sms-settings';
import { policyOf } from '../../policy/enforce';
import type { ServiceContext } from '../../services/context';
import { keyLocation, newKeyRef, parseKeyRef, secretStoreAt } from '../../services/identity/key-location';
import type { SmsSecrets } from './create-provider';

/*
 * Where the SMS settings live. The provider and its non-secret fields are one JSON row in `settings`, with the
 * reference of each secret (`keychain:<install id>/sms-smsapiToken`, see key-location.ts); the API tokens themselves go
 * only to the keychain — or safeStorage, where the administrator chose it for the company keys.
 */

const settingsKey = 'delivery.sms';

export interface StoredSms {
  config: SmsConfig;
  secretRefs: Partial<Record<SmsSecretName, string>>;
}

/** The settings in use: the managed policy's provider where it locks one (the secrets are still this laptop's). */
export async function readStoredSms(ctx: Pick<ServiceContext, 'db' | 'log' | 'policy'>): Promise<StoredSms> {
  const own = await readOwnSms(ctx);
  const locked = policyOf(ctx).locked?.sms;
  return locked ? { config: locked, secretRefs: own.secretRefs } : own;
}

/** What the user stored, whatever a policy says. */
export async function readOwnSms(ctx: Pick<ServiceContext, 'db' | 'log'>): Promise<StoredSms> {
  const row = await ctx.db.selectFrom('settings').select('value').where('key', '=', settingsKey).executeTakeFirst();
  if (!row) return { config: defaultSmsConfig, secretRefs: {} };
  const stored = parseJson(row.value) as { config?: unknown; secretRefs?: unknown } | undefined;
  const config = smsConfigSchema.safeParse(stored?.config);
  // A row this version cannot read (written by a newer one, edited by hand) turns SMS off rather than guessing.
  if (!config.success) {
    ctx.log.warn('unreadable SMS settings: SMS is off until they are saved again');
    return { config: defaultSmsConfig, secretRefs: {} };
  }
  const refs = typeof stored?.secretRefs === 'object' && stored.secretRefs !== null ? (stored.secretRefs as Record<string, unknown>) : {};
  const secretRefs: StoredSms['secretRefs'] = {};
  for (const name of smsSecretNames) if (typeof refs[name] === 'string') secretRefs[name] = refs[name];
  return { config: config.data, secretRefs };
}

export async function writeStoredSms(ctx: Pick<ServiceContext, 'db'>, stored: StoredSms): Promise<void> {
  const value = JSON.stringify(stored);
  await ctx.db
    .insertInto('settings')
    .values({ key: settingsKey, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/** The stored secrets (those whose entry is gone are left out). Throws the keychain's own error when it cannot be read. */
export async function readSmsSecrets(ctx: ServiceContext, stored: StoredSms): Promise<SmsSecrets> {
  const secrets: SmsSecrets = {};
  for (const name of smsSecretNames) {
    const ref = stored.secretRefs[name];
    if (!ref) continue;
    const { location, account } = parseKeyRef(ref);
    const value = await secretStoreAt(ctx, location).get(account);
    if (value !== null) secrets[name] = value;
  }
  return secrets;
}

/** Stores a secret under this install's account and returns its reference. */
export async function storeSmsSecret(ctx: ServiceContext, name: SmsSecretName, secret: string): Promise<string> {
  const ref = await newKeyRef(ctx, await keyLocation(ctx), `sms-${name}`);
  const { location, account } = parseKeyRef(ref);
  await secretStoreAt(ctx, location).set(account, secret);
  return ref;
}

export async function forgetSmsSecret(ctx: ServiceContext, ref: string): Promise<void> {
  const { location, account } = parseKeyRef(ref);
  await secretStoreAt(ctx, location).delete(account);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
