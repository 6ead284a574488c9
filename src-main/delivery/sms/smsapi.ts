import { maxSmsSegments } from '../../../src-shared/delivery/sms-segments';
import { DeliveryError, type DeliveryReceipt } from '../channel';
import { isObject, post, statusRefusal, textOf, type HttpAnswer } from './http';
import { SmsProvider, type SmsRequest } from './sms-provider';

export interface SmsapiOptions {
  /** `https://api.smsapi.pl` or `https://api.smsapi.com` (the same API for international accounts); a stand-in in tests. */
  apiBase: string;
  /** An OAuth token from the SMSAPI panel (API tokens), sent as a Bearer token. */
  token: string;
  /** A sender name registered in the panel; SMSAPI's default sender without one. */
  sender?: string | undefined;
  timeoutMs?: number;
}

/*
 * SMSAPI's error codes (the "error" field of an error body, which sms.do sends with HTTP 200 as often as with a 4xx)
 * that no retry can cure: the request, the recipient, the sender name or the credentials are wrong (11–57: message,
 * numbers, sender, parameters, idx, dates, blacklist; 101–112: authorisation, template, IP filter, notify_url,
 * country). Everything else is retried: 8 and 201/999 (SMSAPI's own faults), 52/202/203 (too many requests), 103 (no
 * points: topping the account up is all a retry needs) and codes this list does not know. With `check_idx` a retry
 * can never send the message twice.
 */
const permanentCodes = new Set([11, 12, 13, 14, 17, 18, 19, 20, 25, 27, 28, 30, 40, 41, 50, 54, 56, 57, 101, 102, 104, 105, 106, 112]);
/** "Not unique idx": a message with this idx was accepted before, so this one was delivered already. */
const duplicateIdx = 53;

/**
 * SMSAPI.pl through `POST /sms.do` (form parameters, `format=json`). Our idempotency key goes as `idx` with
 * `check_idx=1`, so a retry after an answer was lost is refused by SMSAPI instead of sent again. That is why this
 * client never calls the outbox's `committing` hook: a timeout or a crash mid-request is simply retried.
 */
export class SmsapiProvider extends SmsProvider {
  readonly name = 'smsapi' as const;

  constructor(private readonly options: SmsapiOptions) {
    super(options.timeoutMs);
  }

  protected async deliver(request: SmsRequest): Promise<DeliveryReceipt> {
    const form = new URLSearchParams({
      // SMSAPI wants the number with its country code and no "+".
      to: request.to.slice(1),
      message: request.text,
      format: 'json',
      encoding: 'utf-8',
      idx: request.idempotencyKey,
      check_idx: '1',
      max_parts: String(maxSmsSegments),
    });
    if (this.options.sender) form.set('from', this.options.sender);
    const answer = await post(
      `${this.options.apiBase}/sms.do`,
      { authorization: `Bearer ${this.options.token}`, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'application/json' },
      form.toString(),
      this.timeoutMs,
    );
    return receiptOf(answer);
  }
}

function receiptOf(answer: HttpAnswer): DeliveryReceipt {
  const body = answer.json;
  if (isObject(body) && body.error !== undefined && body.error !== null) {
    const code = Number(body.error);
    if (code === duplicateIdx) return {};
    const words = textOf(body.message) ?? `error ${String(body.error)}`;
    throw new DeliveryError(permanentCodes.has(code), words, String(body.error));
  }
  if (answer.status < 200 || answer.status >= 300) throw statusRefusal(answer);
  const first = isObject(body) && Array.isArray(body.list) ? (body.list[0] as unknown) : undefined;
  const id = isObject(first) ? textOf(first.id) : undefined;
  // A 2xx without a message id may or may not have been sent; with check_idx the retry finds out safely.
  if (!id) throw new DeliveryError(false, `unexpected answer (HTTP ${answer.status})`);
  return { providerMessageId: id };
}
