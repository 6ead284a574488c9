import { DeliveryError, type DeliveryReceipt } from '../channel';
import { isObject, post, statusRefusal, textOf } from './http';
import { SmsProvider, type SmsRequest } from './sms-provider';

export interface TwilioOptions {
  /** `https://api.twilio.com`; a stand-in in tests. */
  apiBase: string;
  accountSid: string;
  authToken: string;
  /** One of the account's numbers (E.164) or an alphanumeric sender ID… */
  from?: string | undefined;
  /** …or a Messaging Service, which picks the sender itself. */
  messagingServiceSid?: string | undefined;
  timeoutMs?: number;
}

/**
 * Twilio's Programmable Messaging: `POST /2010-04-01/Accounts/{AccountSid}/Messages.json` with HTTP Basic auth
 * (Account SID and Auth Token) and form parameters `To`, `From` or `MessagingServiceSid`, `Body`; 201 with the Message
 * resource on success, `{code, message, more_info, status}` on an error.
 *
 * No idempotency key is sent: Twilio documents `I-Twilio-Idempotency-Token` only as a header it adds to the webhooks
 * it calls (so a receiver can drop its retries), not as one the Messages API honours on a create. Twilio cannot tell
 * a retry from a new message, so the outbox is told the point of no return (`committing`) before the request goes
 * out: a lost answer after it counts as sent, unconfirmed, instead of putting a second copy on someone's phone.
 */
export class TwilioProvider extends SmsProvider {
  readonly name = 'twilio' as const;

  constructor(private readonly options: TwilioOptions) {
    super(options.timeoutMs);
  }

  protected async deliver(request: SmsRequest): Promise<DeliveryReceipt> {
    const { apiBase, accountSid, authToken, from, messagingServiceSid } = this.options;
    const form = new URLSearchParams({ To: request.to, Body: request.text });
    if (messagingServiceSid) form.set('MessagingServiceSid', messagingServiceSid);
    else if (from) form.set('From', from);
    const basic = Buffer.from(`${accountSid}:${authToken}`, 'utf8').toString('base64');
    await request.hooks?.committing();
    const answer = await post(
      `${apiBase}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`,
      { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'application/json' },
      form.toString(),
      this.timeoutMs,
    );
    const body = isObject(answer.json) ? answer.json : {};
    if (answer.status >= 200 && answer.status < 300) {
      const sid = textOf(body.sid);
      if (!sid) throw new DeliveryError(false, `unexpected answer (HTTP ${answer.status})`);
      return { providerMessageId: sid };
    }
    // Twilio's code is more precise than the status, but the status decides: every 4xx but 429 says the request
    // itself is wrong (21211 invalid To, 21608 unverified number on a trial account, 20003 bad credentials…).
    throw statusRefusal(answer, textOf(body.message), textOf(body.code));
  }
}
