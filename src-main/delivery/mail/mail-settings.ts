import type { z } from 'zod';
import { mailConfigSchema, type MailConfig, type MailSettings, type mailSettingsInput } from '../../../src-shared/delivery/mail-settings';
import { keepToPolicy, policyOf } from '../../policy/enforce';
import { isKeychainUnavailable } from '../../secrets/secret-store';
import type { ServiceContext } from '../../services/context';
import { keyLocation, newKeyRef, parseKeyRef, secretStoreAt } from '../../services/identity/key-location';

const settingsKey = 'mail.smtp';

/** The settings in use: the configuration and where the password is, never the password. */
interface StoredMail {
  config: MailConfig;
  /** `keychain:<install id>/smtp-password` (see key-location.ts): the store and account that hold it. */
  passwordRef?: string;
}

/**
 * The row as stored: the user's own configuration (kept as written, even one this version cannot read) and the
 * reference of its password; and, apart from them, the password set for the server a managed policy locks — so that
 * neither is ever sent to the other's server, and the user's own are there again once the policy goes.
 */
interface MailRow {
  config?: unknown;
  passwordRef?: string;
  managedPasswordRef?: string;
}

async function readRow(ctx: Pick<ServiceContext, 'db'>): Promise<MailRow | null> {
  const row = await ctx.db.selectFrom('settings').select('value').where('key', '=', settingsKey).executeTakeFirst();
  return row ? (JSON.parse(row.value) as MailRow) : null;
}

/** The settings in use: the managed policy's SMTP server where it locks one, with the password set for it here. */
export async function readStoredMail(ctx: Pick<ServiceContext, 'db' | 'policy'>): Promise<StoredMail | null> {
  const row = await readRow(ctx);
  const locked = policyOf(ctx).locked?.smtp;
  if (locked) return { config: locked, ...(row?.managedPasswordRef ? { passwordRef: row.managedPasswordRef } : {}) };
  const config = mailConfigSchema.safeParse(row?.config);
  if (!config.success) return null;
  return row?.passwordRef ? { config: config.data, passwordRef: row.passwordRef } : { config: config.data };
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
 * row that names it, so a failing keychain leaves the previous settings whole. Under a policy that locks the server
 * only the password may change (the form sends the policy's settings back): it is kept apart from the user's own.
 */
export async function saveMailSettings(ctx: ServiceContext, input: z.output<typeof mailSettingsInput>): Promise<MailSettings> {
  const { password, ...config } = input;
  const locked = policyOf(ctx).locked?.smtp;
  keepToPolicy('smtp', config, locked);
  const row = (await readRow(ctx)) ?? {};
  const slot = locked ? 'managedPasswordRef' : 'passwordRef';
  let passwordRef = row[slot];
  if (typeof password === 'string') {
    const next = await newKeyRef(ctx, await keyLocation(ctx), locked ? 'smtp-password-policy' : 'smtp-password');
    const { location, account } = parseKeyRef(next);
    await secretStoreAt(ctx, location).set(account, password);
    if (passwordRef && passwordRef !== next) await forget(ctx, passwordRef);
    passwordRef = next;
  } else if (password === null && passwordRef) {
    await forget(ctx, passwordRef);
    passwordRef = undefined;
  }
  const next: MailRow = { ...row, ...(locked ? {} : { config }) };
  if (passwordRef) next[slot] = passwordRef;
  else delete next[slot];
  const value = JSON.stringify(next);
  await ctx.db
    .insertInto('settings')
    .values({ key: settingsKey, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
  ctx.log.info('mail settings saved', { host: config.host, port: config.port, security: config.security, passwordSet: Boolean(passwordRef), managed: Boolean(locked) });
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
