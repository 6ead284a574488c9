import { z } from 'zod';
import type { UiLanguage } from '../settings/schema';
import { sendDocumentInput, type signerChannels } from '../signing/inputs';
import { signingOrders, type SigningOrder } from '../signing/order';

export type SignerChannel = (typeof signerChannels)[number];

/**
 * What a Draft will be sent with, as the wizard last saved it (and, once sent, what it went out with): the order,
 * each signer's channel by their id on the document, the messages' language and personal note, the deadline day and
 * the reminder interval. Anything never chosen is absent, and the wizard shows its default.
 */
export interface SavedSendPlan {
  order?: SigningOrder | undefined;
  channels: Record<string, SignerChannel>;
  language?: UiLanguage | undefined;
  message?: string | undefined;
  /** yyyy-MM-dd, the last day the document can be signed. */
  expiresOn?: string | undefined;
  reminderDays?: number | undefined;
}

const send = sendDocumentInput.shape;

/**
 * A save of the wizard's send plan to its Draft, checked as "Send" checks each part, but partial: only what is given
 * changes, so step 2 saves the order and step 4 the delivery choices. Whether the plan is complete and sendable
 * (a channel for everyone, a day after today) is checked by "Send", not here: a draft may be saved half done.
 */
export const saveSendPlanInput = z.object({
  id: send.id,
  version: send.version,
  order: z.enum(signingOrders, { error: 'validation.choice' }).optional(),
  /** Channels for signers of this document by their id; the given ones replace the saved ones. */
  channels: send.channels.optional(),
  language: send.language,
  /** An empty message removes the saved one. */
  message: send.message,
  expiresOn: send.expiresOn,
  /** `null`: no reminders. */
  reminderDays: send.reminderDays.unwrap().nullable().optional(),
});
export type SaveSendPlan = z.output<typeof saveSendPlanInput>;
