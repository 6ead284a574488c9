import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { mailConfigSchema, type MailConfig } from '../../src-shared/delivery/mail-settings';
import { defaultSmsConfig, smsSettingsInput, type SmsConfig } from '../../src-shared/delivery/sms-settings';
import { translator } from '../../src-shared/i18n/translate';
import { requiredSecret, type SmsSecrets } from '../../src-main/delivery/sms/create-provider';
import { ConfigError } from './config-error';

/** The server's own settings, in its data folder; secrets never go here (see `serverSecretEnv`). */
export function serverConfigFile(dataDir: string): string {
  return path.join(dataDir, 'server.json');
}

/**
 * Where the server takes its secrets from: environment variables, set by whatever starts it (a systemd unit's
 * EnvironmentFile, a container's secrets), so they are in no file in the data folder and in no command line.
 */
export const serverSecretEnv = {
  /** The SMTP password, when `smtp.user` is set. */
  smtpPassword: 'SIGNET_SMTP_PASSWORD',
  /** The secret of the SMS provider `sms.provider` names: the SMSAPI token, Twilio's auth token, or the webhook's bearer token. */
  smsApiKey: 'SIGNET_SMS_API_KEY',
} as const;

/**
 * server.json: `smtp` takes the desktop's Settings → E-mail fields, `sms` its Settings → SMS fields (the same schemas,
 * src-shared/delivery). Both optional: without `smtp` the server sends no e-mail, without `sms` (or with provider
 * "none") no SMS; such messages wait in the outbox.
 */
const serverConfigSchema = z.strictObject({
  smtp: mailConfigSchema.strict().optional(),
  sms: smsSettingsInput.optional(),
});

export interface ServerDelivery {
  mail: { config: MailConfig; password: string | null } | null;
  sms: { config: SmsConfig; secrets: SmsSecrets };
}

/** Keys that would hold a secret: refused wherever they appear, with the variable to use instead. */
const secretKeys = new Set(['password', 'pass', 'secret', 'secrets', 'token', 'apikey', 'api_key', 'authtoken', 'smsapitoken', 'twilioauthtoken', 'webhooktoken']);

const english = translator('en');

/** Reads and checks server.json (absent: nothing configured) and takes the secrets it needs from `env`. */
export function loadServerDelivery(dataDir: string, env: NodeJS.ProcessEnv = process.env): ServerDelivery {
  const file = serverConfigFile(dataDir);
  const raw = readJson(file);
  const secretAt = findSecretKey(raw, []);
  if (secretAt) {
    const variable = secretAt[0] === 'smtp' ? serverSecretEnv.smtpPassword : serverSecretEnv.smsApiKey;
    throw new ConfigError(`${file}: ${secretAt.join('.')}: secrets are not read from this file; set the environment variable ${variable} instead`);
  }
  const parsed = serverConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.join('.') || '(the whole file)';
    const what = issue.code === 'unrecognized_keys' ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}` : english(issue.message);
    throw new ConfigError(`${file}: ${where}: ${what}`);
  }
  return { mail: mailOf(parsed.data.smtp, env), sms: smsOf(parsed.data.sms, env) };
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new ConfigError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ConfigError(`${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

function findSecretKey(value: unknown, at: string[]): string[] | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  for (const [key, inner] of Object.entries(value)) {
    if (secretKeys.has(key.toLowerCase())) return [...at, key];
    const deeper = findSecretKey(inner, [...at, key]);
    if (deeper) return deeper;
  }
  return null;
}

function secretFrom(env: NodeJS.ProcessEnv, variable: string): string | null {
  const value = env[variable];
  return value === undefined || value === '' ? null : value;
}

function mailOf(config: MailConfig | undefined, env: NodeJS.ProcessEnv): ServerDelivery['mail'] {
  if (!config) return null;
  const password = secretFrom(env, serverSecretEnv.smtpPassword);
  if (config.user && password === null) throw new ConfigError(`smtp.user is set in server.json but the environment variable ${serverSecretEnv.smtpPassword} (its password) is not`);
  return { config, password: config.user ? password : null };
}

function smsOf(input: z.output<typeof smsSettingsInput> | undefined, env: NodeJS.ProcessEnv): ServerDelivery['sms'] {
  if (!input || input.provider === 'none') return { config: defaultSmsConfig, secrets: {} };
  const config: SmsConfig = { provider: input.provider, smsapi: input.smsapi, twilio: input.twilio, webhook: input.webhook };
  const key = secretFrom(env, serverSecretEnv.smsApiKey);
  const needed = requiredSecret(config.provider);
  if (needed && key === null) throw new ConfigError(`sms.provider is "${config.provider}" in server.json but the environment variable ${serverSecretEnv.smsApiKey} (its token) is not set`);
  const secretName = config.provider === 'smsapi' ? 'smsapiToken' : config.provider === 'twilio' ? 'twilioAuthToken' : 'webhookToken';
  return { config, secrets: key === null ? {} : { [secretName]: key } };
}
