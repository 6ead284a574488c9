import { z } from 'zod';
import { serverUrlSchema } from '../company-server/server-url';
import { mailConfigSchema } from '../delivery/mail-settings';
import { managedSmsConfigSchema } from '../delivery/sms-settings';
import { uiLanguages } from '../settings/schema';

/*
 * Managed configuration (issue 10, item 4): what an IT department deploys to every laptop — a policy file
 * (policy-locations.ts) or, on Windows, the same keys under HKLM\Software\Policies\Signet. Every key is optional; a key
 * that is set wins over what the user set, and the settings it names show as locked. Secrets are never in a policy:
 * the SMTP password and SMS keys stay in each laptop's keychain.
 */

const pem = z
  .string()
  .max(20_000)
  .regex(/^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----\s*$/, { error: 'policy.errors.notPem' });

export const updateChannels = ['stable', 'beta'] as const;
export type UpdateChannel = (typeof updateChannels)[number];

export const policySchema = z.strictObject({
  /** The company server every desktop pairs with; a user cannot point the app elsewhere. */
  companyServerUrl: serverUrlSchema.optional(),
  /** Settings fixed for everyone: shown locked, their forms read-only. */
  locked: z
    .strictObject({
      smtp: mailConfigSchema.strict().optional(),
      sms: managedSmsConfigSchema.optional(),
      language: z.enum(uiLanguages, { error: 'validation.choice' }).optional(),
    })
    .optional(),
  updates: z
    .strictObject({
      /** false: the app never looks for updates (IT ships them). */
      enabled: z.boolean().optional(),
      channel: z.enum(updateChannels, { error: 'validation.choice' }).optional(),
      /** Where updates are published (latest.yml and the installers), in place of the build's own feed: the company server, say. */
      feedUrl: serverUrlSchema.optional(),
    })
    .optional(),
  /** Company CA certificates (PEM) Verify trusts beside the app's own. */
  trustedCaCertificates: z.array(pem).max(50).optional(),
});
export type Policy = z.output<typeof policySchema>;

/** What the app reports of its policy: where it came from, what it says, and what was wrong with it. */
export interface PolicyState {
  source: { kind: 'none' } | { kind: 'file'; path: string } | { kind: 'registry'; key: string };
  policy: Policy;
  /** An unreadable or invalid policy is reported, not ignored and not fatal: the app runs without it. */
  problems: PolicyProblem[];
}

export interface PolicyProblem {
  /** The file or registry key, and the key path inside it when the problem is one key. */
  where: string;
  messageKey: string;
  detail?: string | undefined;
}

export type LockedSetting = 'companyServer' | 'smtp' | 'sms' | 'language' | 'updates' | 'trust';

/** What the app shows of its policy: where it is from, what it locks, what was wrong with it. */
export interface PolicyView {
  source: PolicyState['source'];
  locked: LockedSetting[];
  problems: PolicyProblem[];
  companyServerUrl?: string | undefined;
  updates?: Policy['updates'];
}

export function policyView(state: PolicyState): PolicyView {
  return {
    source: state.source,
    locked: lockedSettings(state.policy),
    problems: state.problems,
    ...(state.policy.companyServerUrl ? { companyServerUrl: state.policy.companyServerUrl } : {}),
    ...(state.policy.updates ? { updates: state.policy.updates } : {}),
  };
}

/** The setting keys a policy locks, for the UI ("Set by your IT department"). */
export function lockedSettings(policy: Policy): LockedSetting[] {
  const locked: LockedSetting[] = [];
  if (policy.companyServerUrl) locked.push('companyServer');
  if (policy.locked?.smtp) locked.push('smtp');
  if (policy.locked?.sms) locked.push('sms');
  if (policy.locked?.language) locked.push('language');
  if (policy.updates) locked.push('updates');
  if (policy.trustedCaCertificates?.length) locked.push('trust');
  return locked;
}

/** A user's value, unless the policy sets it: the policy wins, and says so. */
export function effective<T>(user: T, policyValue: T | undefined): { value: T; locked: boolean } {
  return policyValue === undefined ? { value: user, locked: false } : { value: policyValue, locked: true };
}
