/**
 * What the outbox hands to a way of delivering a message (SMTP, an SMS provider), and what it gets back. One small
 * interface so the outbox's retries, backoff and "sent exactly once" bookkeeping never depend on a provider, and a
 * provider never needs to know about the outbox.
 */
export type ChannelKind = 'email' | 'sms';

export interface OutgoingAttachment {
  filename: string;
  contentType: string;
  /** The file store's SHA-256 of the content (the outbox keeps the reference, not a copy of the bytes). */
  sha256: string;
}

export interface OutgoingMessage {
  /** The outbox row's id. */
  id: string;
  channel: ChannelKind;
  /** An e-mail address, or a phone number in E.164 ("+48601234567"). */
  to: string;
  /** E-mail only. */
  subject?: string;
  text: string;
  /** E-mail only. */
  html?: string;
  attachments?: OutgoingAttachment[];
  /**
   * Stable for the life of the message and sent with it where the provider supports one (a Message-ID header,
   * SMSAPI's `idx`, …), so a retry after a crash between "sent" and "marked sent" is recognised as the same message.
   */
  idempotencyKey: string;
}

export interface DeliveryReceipt {
  /** The provider's id for the message (SMTP server response / queue id, SMSAPI id, Twilio SID). */
  providerMessageId?: string;
}

/**
 * A refusal or a failure, classified: `permanent` ones (a bad recipient, a rejected API key, a number the provider
 * cannot reach) are not retried and are shown with `reason`, the provider's own words; the others (connection refused,
 * timeout, 5xx, rate limit) are retried with backoff.
 */
export class DeliveryError extends Error {
  constructor(
    readonly permanent: boolean,
    /** The provider's own words, for the outbox list and the log; never a secret. */
    readonly reason: string,
    /** The provider's error code or SMTP reply code, when it gave one. */
    readonly providerCode?: string,
  ) {
    super(reason);
    this.name = 'DeliveryError';
  }
}

/**
 * What the outbox lets a channel tell it while sending. `committing` is awaited right before the channel's point of no
 * return, the last step after which the provider may have the message even if no answer comes back (SMTP: before the
 * final "." of DATA; an HTTP API: before the request goes out). The outbox records it durably, and a row left
 * half-sent by a crash is then resent only if that point was never reached (see outbox/recovery.ts). A channel that
 * never calls it is resent after a crash and must rely on the provider's de-duplication by `idempotencyKey`.
 */
export interface SendHooks {
  committing(): Promise<void>;
}

export interface DeliveryChannel {
  readonly kind: ChannelKind;
  /**
   * Resolves once the provider accepted the message; throws DeliveryError (anything else counts as temporary). After
   * `committing`, only a DeliveryError with a `providerCode` (the provider answered: a refusal) means "not sent";
   * any other failure there leaves the outcome unknown, and the outbox counts the message as sent, unconfirmed.
   */
  send(message: OutgoingMessage, resolveAttachment: (sha256: string) => Promise<Buffer>, hooks?: SendHooks): Promise<DeliveryReceipt>;
}
