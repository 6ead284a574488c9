import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { countSmsSegments, maxSmsSegments, type SmsSegments } from '../../../src-shared/delivery/sms-segments';
import { smsRefusals } from '../../../src-shared/delivery/sms-settings';
import { DeliveryError, type DeliveryChannel, type DeliveryReceipt, type OutgoingMessage } from '../channel';
import { defaultSmsTimeoutMs } from './http';

export type SmsProviderName = 'smsapi' | 'twilio' | 'webhook';

/** What a provider client gets: a recipient that is a valid E.164 number, and a text that fits. */
export interface SmsRequest {
  to: string;
  text: string;
  idempotencyKey: string;
  count: SmsSegments;
  /**
   * The outbox's "point of no return" hook, awaited right before the request goes out. Only a provider that cannot
   * recognise a retry calls it: after it, a lost answer counts as sent (unconfirmed) rather than being sent again.
   * Typed here rather than imported so this module does not depend on the outbox's SendHooks.
   */
  hooks?: { committing(): Promise<void> } | undefined;
}

/**
 * The part every SMS provider shares: the recipient and the length are checked here, once, so a number no provider
 * could reach or a text no carrier would carry never costs a request (or points) and is refused the same way by each
 * (with a message key as the reason, see smsRefusals).
 */
export abstract class SmsProvider implements DeliveryChannel {
  readonly kind = 'sms' as const;
  abstract readonly name: SmsProviderName;

  constructor(protected readonly timeoutMs: number = defaultSmsTimeoutMs) {}

  async send(message: OutgoingMessage, _resolveAttachment?: unknown, hooks?: SmsRequest['hooks']): Promise<DeliveryReceipt> {
    const to = smsRecipient(message.to);
    const count = countSmsSegments(message.text);
    if (count.segments === 0) throw new DeliveryError(true, smsRefusals.empty);
    if (count.segments > maxSmsSegments) throw new DeliveryError(true, smsRefusals.tooLong);
    return this.deliver({ to, text: message.text, idempotencyKey: message.idempotencyKey, count, hooks });
  }

  protected abstract deliver(request: SmsRequest): Promise<DeliveryReceipt>;
}

/**
 * The recipient in E.164, or a permanent refusal. A number typed without a prefix is read as Polish (the contacts
 * book stores E.164 already, this is for what arrives from elsewhere); a landline cannot receive an SMS.
 */
export function smsRecipient(text: string): string {
  const parsed = parsePhoneNumberFromString(text.trim(), 'PL');
  if (!parsed || !parsed.isValid()) throw new DeliveryError(true, smsRefusals.invalidNumber);
  if (parsed.getType() === 'FIXED_LINE') throw new DeliveryError(true, smsRefusals.notMobile);
  return parsed.number;
}
