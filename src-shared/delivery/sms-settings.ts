import { z } from 'zod';
import { toE164 } from '../contacts/phone';
import { isAllowedEndpoint } from '../security/secret-endpoint';
import { optionalText } from '../text/schema-text';
import type { SmsEncoding } from './sms-segments';

/** Where signing links go out by SMS: SMSAPI.pl (the Polish market), Twilio, or the company's own HTTP gateway. */
export const smsProviderKinds = ['none', 'smsapi', 'twilio', 'webhook'] as const;
export type SmsProviderKind = (typeof smsProviderKinds)[number];

/** SMSAPI runs the same API for Polish accounts (smsapi.pl) and international ones (smsapi.com). */
export const smsapiBases = ['https://api.smsapi.pl', 'https://api.smsapi.com'] as const;
export const twilioBase = 'https://api.twilio.com';

const endpoint = z
  .string()
  .trim()
  .max(500, { error: 'validation.tooLong' })
  .refine(isAllowedEndpoint, { error: 'validation.smsEndpoint' })
  // One form for "https://host" and "https://host/": the provider paths are appended to it.
  .transform((s) => s.replace(/\/+$/, ''));

const optionalEndpoint = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .pipe(endpoint.optional());

const sid = (prefix: 'AC' | 'MG') =>
  optionalText(34).refine((v) => v === undefined || new RegExp(`^${prefix}[0-9a-fA-F]{32}$`).test(v), { error: prefix === 'AC' ? 'validation.twilioAccountSid' : 'validation.twilioServiceSid' });

/** An alphanumeric sender ID as carriers accept it: up to 11 letters, digits and spaces, at least one letter. */
const alphanumericSender = /^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/;

/** Twilio's `From`: one of the account's numbers (normalised to E.164) or an alphanumeric sender ID. */
const twilioFrom = optionalText(20).transform((v, ctx) => {
  if (v === undefined || alphanumericSender.test(v)) return v;
  const e164 = toE164(v);
  if (e164) return e164;
  ctx.addIssue({ code: 'custom', message: 'validation.smsSender' });
  return z.NEVER;
});

const smsapiFields = z.object({
  apiBase: endpoint.default(smsapiBases[0]),
  /** A sender name registered in the SMSAPI panel; without one SMSAPI sends from its default ("Test" / "SMSAPI"). */
  sender: optionalText(11).refine((v) => v === undefined || alphanumericSender.test(v), { error: 'validation.smsSender' }),
});
const twilioFields = z.object({ apiBase: endpoint.default(twilioBase), accountSid: sid('AC'), from: twilioFrom, messagingServiceSid: sid('MG') });
const webhookFields = z.object({ url: optionalEndpoint });
const provider = z.enum(smsProviderKinds, { error: 'validation.choice' });

/** What is kept in the settings table: everything but the secrets, which only the keychain holds. */
export const smsConfigSchema = z.object({ provider, smsapi: smsapiFields, twilio: twilioFields, webhook: webhookFields });
export type SmsConfig = z.output<typeof smsConfigSchema>;

export const defaultSmsConfig: SmsConfig = smsConfigSchema.parse({ provider: 'none', smsapi: {}, twilio: {}, webhook: {} });

export const smsSecretNames = ['smsapiToken', 'twilioAuthToken', 'webhookToken'] as const;
export type SmsSecretName = (typeof smsSecretNames)[number];

/**
 * A new secret, `null` to remove the stored one, absent to keep it. API tokens travel in an HTTP header, which carries
 * visible ASCII only: anything else (a space, a Polish letter, a control character) is a paste accident.
 */
const secretInput = z
  .string()
  .trim()
  .min(1, { error: 'validation.required' })
  .max(512, { error: 'validation.tooLong' })
  .regex(/^[\x21-\x7E]+$/, { error: 'validation.tokenChars' })
  .nullable()
  .optional();

/** What the chosen provider cannot send without, beyond each field's own checks. */
function requireProviderFields(s: SmsConfig, ctx: z.RefinementCtx): void {
  const require = (path: string[], present: unknown, message = 'validation.required') => {
    if (!present) ctx.addIssue({ code: 'custom', path, message });
  };
  if (s.provider === 'twilio') {
    require(['twilio', 'accountSid'], s.twilio.accountSid);
    // Twilio takes exactly one of them: a number or sender ID, or a Messaging Service that picks one.
    if (s.twilio.from && s.twilio.messagingServiceSid) ctx.addIssue({ code: 'custom', path: ['twilio', 'messagingServiceSid'], message: 'validation.twilioFromOrService' });
    require(['twilio', 'from'], s.twilio.from || s.twilio.messagingServiceSid, 'validation.twilioFromOrService');
  }
  if (s.provider === 'webhook') require(['webhook', 'url'], s.webhook.url);
}

/**
 * A provider fixed by a managed policy (issue 10): the same fields and checks as a save, and no key it does not know
 * at any level (a typo would otherwise be dropped unseen and half the policy applied).
 */
export const managedSmsConfigSchema = z
  .strictObject({ provider, smsapi: smsapiFields.strict().prefault({}), twilio: twilioFields.strict().prefault({}), webhook: webhookFields.strict().prefault({}) })
  .superRefine(requireProviderFields);

export const smsSettingsInput = smsConfigSchema
  .extend({
    secrets: z.object({ smsapiToken: secretInput, twilioAuthToken: secretInput, webhookToken: secretInput }).default({}),
  })
  .superRefine(requireProviderFields);
export type SmsSettingsInput = z.input<typeof smsSettingsInput>;

/** What Settings shows: the configuration, and for each secret only whether the keychain holds one. */
export interface SmsSettings extends SmsConfig {
  secrets: Record<SmsSecretName, boolean>;
  /** The keychain's own words when it could not be asked (the flags above are then unknown and shown as unset). */
  keychainProblem?: string;
  /** The provider is the managed policy's (issue 10): shown read-only; only its secrets are this laptop's to set. */
  locked?: boolean;
}

/**
 * Refusals Signet makes itself rather than a provider: their `reason` is one of these message keys (translated where it
 * is shown), while a provider's refusal carries the provider's own words.
 */
export const smsRefusals = {
  invalidNumber: 'sms.invalidNumber',
  notMobile: 'sms.notMobile',
  empty: 'sms.empty',
  tooLong: 'sms.tooLong',
  notConfigured: 'sms.notConfigured',
  secretMissing: 'sms.secretMissing',
} as const;

export function isSmsRefusalKey(reason: string): boolean {
  return (Object.values(smsRefusals) as string[]).includes(reason);
}

export const smsTestInput = z.object({
  to: z.string().trim().min(1, { error: 'validation.required' }).max(40, { error: 'validation.tooLong' }),
  text: z.string().min(1, { error: 'validation.required' }).max(1600, { error: 'validation.tooLong' }),
});

/** A test SMS: the provider's id when it accepted the message, its own words when it did not. */
export type SmsTestResult =
  | { ok: true; to: string; providerMessageId?: string; encoding: SmsEncoding; segments: number }
  | { ok: false; to: string; permanent: boolean; reason: string; providerCode?: string; encoding: SmsEncoding; segments: number };
