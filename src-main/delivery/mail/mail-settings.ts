import type { z } from 'zod';
import { mailConfigSchema, type MailConfig, type MailSettings, type mailSettingsInput } from '../../../src-shared/delivery/mail-settings';
import { keepToPolicy, policyOf } from '../../policy/enforce';
import { isKeychainUnavailable } from '../../secrets/secret-store';
import type { ServiceContext } from '../../services/context';
import { keyLocation, newKeyRef, parseKeyRef, secretStoreAt } from '../../services/identity/key-location';

const settingsKey = 'mail.smtp';

/** The settings row: the configuration and where the password is, never the password. */
interface StoredMail {
  config: MailConfig;
  /** `keychain:<install id>/smtp-password` (see key-location.ts): the store and account that hold it. */
  passwordRef?: string;
}

/** The settings in use: the managed policy's SMTP server where it locks one (the password is still this laptop's). */
export async function readStoredMail(ctx: Pick<ServiceContext, 'db' | 'policy'>): Promise<StoredMail | null> {
  const own = await readOwnMail(ctx);
  const locked = policyOf(ctx).locked?.smtp;
  if (!locked) return own;
  return own?.passwordRef ? { config: locked, passwordRef: own.passwordRef } : { config: locked };
}

async function readOwnMail(ctx: Pick<ServiceContext, 'db'>): Promise<StoredMail | null> {
  const row = await ctx.db.selectFrom('settings').select('value').where('key', '=', settingsKey).executeTakeFirst();
  if (!row) return null;
  const stored = JSON.parse(row.value) as { config: unknown; passwordRef?: string };
  const config = mailConfigSchema.safeParse(stored.config);
  if (!config.success) return null;
  return stored.passwordRef ? { config: config.data, passwordRef: stored.passwordRef } : { config: config.data };
}

/** The SMTP password from wherever it was put; null when none is stored. Throws the keychain's own error. */
export async function readMailPassword(ctx: ServiceContext, stored: StoredMail): Promise<string | null> {
  if (!stored.passwordRef) return null;
  const { location, account } = parseKeyRef(stored.passwordRef);
  return secretStoreAt(ctx, location).get(account);
}

export async function getMailSettings(ctx: ServiceContext): Promise<MailSettings> {
  return describeSettings(ctx, await readStoredMail(ctx));
}

/**
 * Saves the configuration; the password goes to the keychain (or safeStorage, where the administrator chose it for the
 * company keys) under this install's account, and only its reference reaches SQLite. The secret is stored before the
 * row that names it, so a failing keychain leaves the previous settings whole.
 */
export async function saveMailSettings(ctx: ServiceContext, input: z.output<typeof mailSettingsInput>): Promise<MailSettings> {
  const { password, ...config } = input;
  // Under a policy that locks the server only the password may change: the form sends the policy's settings back,
  // and the user's own settings are kept as they were, for a laptop the policy no longer covers.
  const locked = policyOf(ctx).locked?.smtp;
  keepToPolicy('smtp', config, locked);
  const previous = await readStoredMail(ctx);
  const kept = locked ? ((await readOwnMail(ctx))?.config ?? config) : config;
  let passwordRef = previous?.passwordRef;
  if (typeof password === 'string') {
    passwordRef = await newKeyRef(ctx, await keyLocation(ctx), 'smtp-password');
    const { location, account } = parseKeyRef(passwordRef);
    await secretStoreAt(ctx, location).set(account, password);
    if (previous?.passwordRef && previous.passwordRef !== passwordRef) await forget(ctx, previous.passwordRef);
  } else if (password === null && passwordRef) {
    await forget(ctx, passwordRef);
    passwordRef = undefined;
  }
  const value = JSON.stringify(passwordRef ? { config: kept, passwordRef } : { config: kept });
  await ctx.db
    .insertInto('settings')
    .values({ key: settingsKey, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
  ctx.log.info('mail settings saved', { host: config.host, port: config.port, security: config.security, passwordSet: Boolean(passwordRef) });
  return describeSettings(ctx, { config, ...(passwordRef ? { passwordRef } : {}) });
}

async function forget(ctx: ServiceContext, ref: string): Promise<void> {
  const { location, account } = parseKeyRef(ref);
  await secretStoreAt(ctx, location).delete(account);
}

async function describeSettings(ctx: ServiceContext, stored: StoredMail | null): Promise<MailSettings> {
  const locked = policyOf(ctx).locked?.smtp ? { locked: true } : {};
  if (!stored) return { config: null, passwordSet: false, ...locked };
  try {
    return { config: stored.config, passwordSet: (await readMailPassword(ctx, stored)) !== null, ...locked };
  } catch (error) {
    return { config: stored.config, passwordSet: false, keychainProblem: keychainReason(error), ...locked };
  }
}

export function keychainReason(error: unknown): string {
  if (isKeychainUnavailable(error)) return String(error.details?.reason ?? error.message);
  return error instanceof Error ? error.message : String(error);
}
