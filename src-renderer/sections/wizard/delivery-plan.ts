import type { DocumentSigner } from '../../../src-shared/documents/types';
import type { SaveSendPlan, SavedSendPlan } from '../../../src-shared/documents/send-plan';
import { defaultChannel, type Channel } from './wizard-logic';

/** Step 4's choices as the wizard holds them while they are edited. */
export interface Delivery {
  channels: Record<string, Channel>;
  language: 'pl' | 'en';
  message: string;
  expiresOn: string;
  /** 0: no reminders. */
  reminderDays: number;
}

/** An e-mail address and a phone number (E.164), either possibly missing: what a contact can be reached at. */
export interface Reachable {
  email?: string | undefined;
  phone?: string | undefined;
}

/**
 * Each signer's channel, by their id on the document: the one chosen here, else the one the Draft saved, else the
 * default. Signer ids change when step 2 replaces the signers; the Draft keeps the channel of a person who stays.
 */
export function channelsFor(signers: readonly Pick<DocumentSigner, 'id' | 'side' | 'userId'>[], chosen: Record<string, Channel>, saved: Record<string, Channel>): Record<string, Channel> {
  return Object.fromEntries(signers.map((s) => [String(s.id), chosen[String(s.id)] ?? saved[String(s.id)] ?? defaultChannel(s)]));
}

/** A resumed Draft's delivery choices: what it saved, and the wizard's defaults for what it never did. */
export function deliveryFrom(plan: SavedSendPlan, defaults: Delivery): Omit<Delivery, 'channels'> {
  return {
    language: plan.language ?? defaults.language,
    message: plan.message ?? defaults.message,
    expiresOn: plan.expiresOn ?? defaults.expiresOn,
    reminderDays: plan.reminderDays ?? defaults.reminderDays,
  };
}

/**
 * Step 4's part of the plan as saved to the Draft, complete or not: a day not yet typed in full is left as the Draft
 * had it (the step checks it before going on), an empty message and "no reminders" clear what was saved.
 */
export function deliveryToSave(delivery: Delivery): Omit<SaveSendPlan, 'id' | 'version'> {
  return {
    channels: delivery.channels,
    language: delivery.language,
    message: delivery.message.trim(),
    ...(/^\d{4}-\d{2}-\d{2}$/.test(delivery.expiresOn) ? { expiresOn: delivery.expiresOn } : {}),
    reminderDays: delivery.reminderDays || null,
  };
}

export interface CodeTarget {
  channel: 'email' | 'sms';
  to: string;
}

/**
 * Where a signer who signs in person can be sent their one-time identity code: their own e-mail and phone, as the
 * kiosk offers them (the signer picks one there). Empty: the code cannot be sent until an address is added.
 */
export function codeTargets(contact: Reachable | undefined): CodeTarget[] {
  return [...(contact?.email ? [{ channel: 'email' as const, to: contact.email }] : []), ...(contact?.phone ? [{ channel: 'sms' as const, to: contact.phone }] : [])];
}
