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

/**
 * The row as stored: the user's own provider (kept as written, even one this version cannot read) and its secrets'
 * references; and, apart from them, the secrets set for the provider a managed policy locks — so that neither is ever
 * sent to the other's provider, and the user's own are there again once the policy goes.
 */
interface SmsRow {
  config?: unknown;
  secretRefs?: unknown;
  managedSecretRefs?: unknown;
}

async function readRow(ctx: Pick<ServiceContext, 'db'>): Promise<SmsRow> {
  const row = await ctx.db.selectFrom('settings').select('value').where('key', '=', settingsKey).executeTakeFirst();
  const stored = row ? parseJson(row.value) : undefined;
  return typeof stored === 'object' && stored !== null ? (stored as SmsRow) : {};
}

function refsOf(value: unknown): StoredSms['secretRefs'] {
  const refs = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const secretRefs: StoredSms['secretRefs'] = {};
  for (const name of smsSecretNames) if (typeof refs[name] === 'string') secretRefs[name] = refs[name];
  return secretRefs;
}

/** The settings in use: the managed policy's provider where it locks one, with the secrets set for it here. */
export async function readStoredSms(ctx: Pick<ServiceContext, 'db' | 'log' | 'policy'>): Promise<StoredSms> {
  const row = await readRow(ctx);
  const locked = policyOf(ctx).locked?.sms;
  if (locked) return { config: locked, secretRefs: refsOf(row.managedSecretRefs) };
  if (row.config === undefined) return { config: defaultSmsConfig, secretRefs: {} };
  const config = smsConfigSchema.safeParse(row.config);
  // A row this version cannot read (written by a newer one, edited by hand) turns SMS off rather than guessing.
  if (!config.success) {
    ctx.log.warn('unreadable SMS settings: SMS is off until they are saved again');
    return { config: defaultSmsConfig, secretRefs: {} };
  }
  return { config: config.data, secretRefs: refsOf(row.secretRefs) };
}

/** The user's own settings, or (`managed`) the secrets of the policy's provider, leaving the rest of the row as it was. */
export async function writeStoredSms(ctx: Pick<ServiceContext, 'db'>, stored: StoredSms, managed = false): Promise<void> {
  const row = await readRow(ctx);
  const value = JSON.stringify(managed ? { ...row, managedSecretRefs: stored.secretRefs } : { ...row, config: stored.config, secretRefs: stored.secretRefs });
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

/** Stores a secret under this install's account (one of its own for the policy's provider) and returns its reference. */
export async function storeSmsSecret(ctx: ServiceContext, name: SmsSecretName, secret: string, managed = false): Promise<string> {
  const ref = await newKeyRef(ctx, await keyLocation(ctx), managed ? `sms-policy-${name}` : `sms-${name}`);
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
