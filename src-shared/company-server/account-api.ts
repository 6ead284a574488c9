import { z } from 'zod';
import { uiLanguages } from '../settings/schema';
import { optionalText, requiredText } from '../text/schema-text';
import { pairingCodeAlphabet } from './pairing-code';
import { deviceNameSchema, pairResponseSchema } from './api';
import { serverUrlSchema } from './server-url';

/*
 * Employees' accounts on the company server (issue 7): the administrator's calls, the enrolment an invitation leads
 * to, and `me`. Both ends parse with these schemas, as with api.ts.
 */

/**
 * An enrolment code is in an e-mail, not read off a screen for ten minutes like a pairing code: it lives 7 days, so it
 * carries 20 symbols of the pairing alphabet (about 97 bits), beyond guessing even without the attempt limit. Shown
 * in four groups of five, accepted with or without dashes, in any case.
 */
export const enrolmentCodeLength = 20;
export const enrolmentCodeValidityMs = 7 * 24 * 3600_000;
const enrolmentShape = new RegExp(`^[${pairingCodeAlphabet}]{${enrolmentCodeLength}}$`);

export const enrolmentCodeSchema = z
  .string({ error: 'validation.required' })
  .max(60, { error: 'accounts.enrolmentCodeShape' })
  .transform((text) => text.replace(/[\s-]+/g, '').toUpperCase())
  .refine((code) => code.length > 0, { error: 'validation.required', abort: true })
  .refine((code) => enrolmentShape.test(code), { error: 'accounts.enrolmentCodeShape' });

export function formatEnrolmentCode(normalized: string): string {
  return normalized.match(/.{1,5}/g)!.join('-');
}

/** The link an invitation carries; the desktop registers the signet: scheme and reads these two parts of it. */
export function enrolmentLink(serverUrl: string, code: string): string {
  return `signet://enrol?server=${encodeURIComponent(serverUrl)}&code=${encodeURIComponent(code)}`;
}

/**
 * The server and the code of an invitation's link, or null. The link comes from outside the app (an e-mail, the OS
 * handing the app a URL), so both are checked for their shape here: an http(s) address without credentials and a code
 * of the characters a code is written with; the code itself is checked by the server.
 */
export function parseEnrolmentLink(link: string): InvitationLink | null {
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'signet:' || url.hostname !== 'enrol') return null;
  return invitationOf(url.searchParams);
}

/** What an invitation's link carries: where to sign in, and the one-time code. */
export interface InvitationLink {
  server: string;
  code: string;
}

/** The two parameters of an enrolment link (or of the window's `#/enrol?…` address), checked for their shape. */
export function invitationOf(params: URLSearchParams): InvitationLink | null {
  const server = params.get('server');
  const code = params.get('code');
  if (!server || !code || server.length > 500 || !/^[0-9A-Za-z -]{1,60}$/.test(code)) return null;
  let address: URL;
  try {
    address = new URL(server);
  } catch {
    return null;
  }
  if ((address.protocol !== 'https:' && address.protocol !== 'http:') || address.username || address.password) return null;
  return { server, code };
}

const requiredEmail = z
  .string({ error: 'validation.required' })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'validation.email' }).max(254, { error: 'validation.tooLong' }));

export const accountLanguageSchema = z.enum(uiLanguages);

export const newAccountSchema = z.object({
  name: requiredText(200),
  email: requiredEmail,
  department: optionalText(200),
  language: accountLanguageSchema.default('pl'),
  isSigner: z.boolean().default(false),
  isAdmin: z.boolean().default(false),
});
export type NewAccount = z.input<typeof newAccountSchema>;
export type NewAccountValues = z.output<typeof newAccountSchema>;

/** Only what is sent changes (no defaults here); a department sent empty is cleared. */
export const accountEditSchema = z.object({
  name: requiredText(200).optional(),
  email: requiredEmail.optional(),
  department: z.string().trim().max(200, { error: 'validation.tooLong' }).optional(),
  language: accountLanguageSchema.optional(),
  isSigner: z.boolean().optional(),
  isAdmin: z.boolean().optional(),
});
export type AccountEdit = z.input<typeof accountEditSchema>;
export type AccountEditValues = z.output<typeof accountEditSchema>;

export const accountSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  department: z.string().nullable(),
  language: accountLanguageSchema,
  isSigner: z.boolean(),
  isAdmin: z.boolean(),
  disabledAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Account = z.output<typeof accountSchema>;

export const accountDeviceSchema = z.object({
  id: z.string(),
  name: z.string(),
  pairedAt: z.string(),
  lastSeenAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type AccountDevice = z.output<typeof accountDeviceSchema>;

export const accountListSchema = z.object({ accounts: z.array(accountSchema.extend({ activeDevices: z.number().int() })) });
export type AccountList = z.output<typeof accountListSchema>;

export const accountDevicesSchema = z.object({ devices: z.array(accountDeviceSchema) });

/** The invitation's answer: the code once (for the administrator to hand over if the e-mail does not arrive). */
export const invitationSchema = z.object({ code: z.string(), link: z.string(), expiresAt: z.string() });
export type Invitation = z.output<typeof invitationSchema>;

export const enrolRequestSchema = z.object({ code: enrolmentCodeSchema, deviceName: deviceNameSchema });
export type EnrolRequest = z.input<typeof enrolRequestSchema>;

/** A pairing's answer, with the account the device now belongs to. */
export const enrolResponseSchema = pairResponseSchema.extend({ account: accountSchema });
export type EnrolResponse = z.output<typeof enrolResponseSchema>;

export const meSchema = z.object({ account: accountSchema, deviceId: z.string(), serverId: z.uuid() });
export type Me = z.output<typeof meSchema>;

/** `companyServer.enrol`: the server's address and the invitation's code (typed, or both read off its signet:// link). */
export const companyServerEnrolInput = z.object({ url: serverUrlSchema, code: enrolmentCodeSchema, deviceName: deviceNameSchema });
export type CompanyServerEnrolInput = z.input<typeof companyServerEnrolInput>;

export const accountIdInput = z.object({ id: z.string().min(1).max(64) });
export const accountDisabledInput = z.object({ id: z.string().min(1).max(64), disabled: z.boolean() });
export const accountEditInput = accountEditSchema.extend({ id: z.string().min(1).max(64) });

/** `accounts.invite`: the account made and its first invitation sent. */
export interface InvitedAccount {
  account: Account;
  invitation: Invitation;
}
