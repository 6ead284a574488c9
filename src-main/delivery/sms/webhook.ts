import type { DeliveryReceipt } from '../channel';
import { isObject, post, statusRefusal, textOf } from './http';
import { SmsProvider, type SmsRequest } from './sms-provider';

export interface WebhookOptions {
  url: string;
  /** Sent as `Authorization: Bearer …` when set. */
  token?: string | undefined;
  timeoutMs?: number;
}

/** What the company's own gateway receives, as JSON. */
export interface WebhookSmsBody {
  to: string;
  text: string;
  idempotencyKey: string;
  encoding: 'gsm7' | 'ucs2';
  segments: number;
}

/**
 * For a company that sends SMS through a gateway of its own (an SMPP bridge, a GSM modem, another provider behind
 * its own service): one JSON POST per message. 2xx means accepted (an `id` in the answer is kept as the provider's id),
 * 4xx refused for good, anything else retried. The idempotency key goes in the body and as `Idempotency-Key`, so a
 * gateway can drop a retry it has already sent.
 */
export class WebhookProvider extends SmsProvider {
  readonly name = 'webhook' as const;

  constructor(private readonly options: WebhookOptions) {
    super(options.timeoutMs);
  }

  protected async deliver(request: SmsRequest): Promise<DeliveryReceipt> {
    const body: WebhookSmsBody = {
      to: request.to,
      text: request.text,
      idempotencyKey: request.idempotencyKey,
      encoding: request.count.encoding,
      segments: request.count.segments,
    };
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', accept: 'application/json', 'idempotency-key': request.idempotencyKey };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    // Whether the gateway honours the key is its own business: for Signet a lost answer after this point is "sent".
    await request.hooks?.committing();
    const answer = await post(this.options.url, headers, JSON.stringify(body), this.timeoutMs);
    const json = isObject(answer.json) ? answer.json : {};
    if (answer.status >= 200 && answer.status < 300) {
      const id = textOf(json.id);
      return id ? { providerMessageId: id } : {};
    }
    throw statusRefusal(answer, textOf(json.message) ?? textOf(json.error), textOf(json.code));
  }
}
