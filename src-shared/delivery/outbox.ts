import { z } from 'zod';

export const outboxStatuses = ['queued', 'sending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

/** Why a message was written: what the UI names it by. */
export const outboxPurposes = ['signingLink', 'otp', 'signedCopy', 'test'] as const;
export type OutboxPurpose = (typeof outboxPurposes)[number];

/** One message as the outbox list shows it: never its body, which may hold a one-time code or a signing link. */
export interface OutboxItem {
  id: string;
  channel: 'email' | 'sms';
  recipient: string;
  subject?: string;
  purpose: string;
  documentId?: string;
  status: OutboxStatus;
  attempts: number;
  /** Queued: when the worker tries next (ISO). */
  nextAttemptAt?: string;
  /** The provider's own words for the last failure ("550 5.1.1 <x@y>: Recipient address rejected"). */
  lastError?: string;
  providerCode?: string;
  providerMessageId?: string;
  /**
   * Counted as sent although no answer was recorded: the app stopped (or the connection broke) after the server had
   * been handed the whole message. Almost always delivered; the person may send it again if the recipient says not.
   */
  unconfirmed: boolean;
  createdAt: string;
  sentAt?: string;
}

export interface OutboxPage {
  items: OutboxItem[];
  total: number;
  /** Per status over the whole outbox, for the filter's badges. */
  counts: Record<OutboxStatus, number>;
}

export const outboxListInput = z.object({
  status: z.enum(outboxStatuses, { error: 'validation.choice' }).optional(),
  offset: z.int().min(0).default(0),
  limit: z.int().min(1).max(200).default(50),
});
