import { randomBytes } from 'node:crypto';
import { countSmsSegments } from '../../../../src-shared/delivery/sms-segments';
import { formOf, startStandIn, takeOutage, type Outage, type StandIn, type StandInReply } from './stand-in-server';

export interface TwilioStandInOptions {
  accountSid: string;
  authToken: string;
  /** Numbers the account owns (E.164), usable as `From`. */
  numbers?: string[];
  /** Messaging Service SIDs of the account. */
  messagingServices?: string[];
  /** Numbers Twilio does not take as a valid destination (21211), however well formed. */
  invalidNumbers?: string[];
  /** A trial account sends only to verified numbers (21608 otherwise); undefined means a paid account. */
  verifiedNumbers?: string[];
}

export interface TwilioSent {
  sid: string;
  to: string;
  from?: string;
  messagingServiceSid?: string;
  body: string;
  segments: number;
}

export interface TwilioStandIn extends StandIn {
  sent: TwilioSent[];
  outages: Outage[];
}

const moreInfo = (code: number) => `https://www.twilio.com/docs/errors/${code}`;
const error = (status: number, code: number, message: string): StandInReply => ({ status, json: { code, message, more_info: moreInfo(code), status } });

/**
 * Twilio's Message create as its reference describes it: `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`,
 * HTTP Basic auth with the Account SID and Auth Token, form parameters `To`, `From` or `MessagingServiceSid`, `Body`;
 * 201 with the Message resource, errors as `{code, message, more_info, status}` with the matching HTTP status.
 */
export async function startTwilioStandIn(options: TwilioStandInOptions): Promise<TwilioStandIn> {
  const sent: TwilioSent[] = [];
  const outages: Outage[] = [];
  const path = `/2010-04-01/Accounts/${options.accountSid}/Messages.json`;
  const expectedAuth = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;

  const standIn = await startStandIn((request, problem) => {
    const outage = takeOutage(outages);
    if (outage) return outage;
    if (request.headers.authorization !== expectedAuth) {
      return { status: 401, json: { code: 20003, detail: 'Your AccountSid or AuthToken was incorrect.', message: 'Authenticate', more_info: moreInfo(20003), status: 401 } };
    }
    if (request.path !== path || request.method !== 'POST') return error(404, 20404, `The requested resource ${request.path} was not found`);
    if ([...request.query.keys()].length > 0) problem('parameters in the query string');
    const form = formOf(request, problem);
    const to = form.get('To') ?? '';
    const from = form.get('From') ?? undefined;
    const service = form.get('MessagingServiceSid') ?? undefined;
    const body = form.get('Body') ?? '';

    if (!to) return error(400, 21604, "A 'To' phone number is required.");
    if (!/^\+[1-9]\d{6,14}$/.test(to) || (options.invalidNumbers ?? []).includes(to)) return error(400, 21211, `Invalid 'To' Phone Number: ${to}`);
    if (!from && !service) return error(400, 21603, "A 'From' phone number is required.");
    if (service !== undefined && !(options.messagingServices ?? []).includes(service)) return error(404, 21701, `The Messaging Service ${service} does not exist`);
    if (from !== undefined && service === undefined && !(options.numbers ?? []).includes(from)) {
      return error(400, 21606, `The From phone number ${from} is not a valid, SMS-capable inbound phone number or short code for your account.`);
    }
    if (!body) return error(400, 21602, 'Message body is required.');
    if (body.length > 1600) return error(400, 21617, 'The concatenated message body exceeds the 1600 character limit.');
    if (options.verifiedNumbers && !options.verifiedNumbers.includes(to)) {
      return error(400, 21608, `The number ${to} is unverified. Trial accounts cannot send messages to unverified numbers; verify ${to} at twilio.com/user/account/phone-numbers/verified, or purchase a Twilio number to send messages to unverified numbers.`);
    }

    const sid = `SM${randomBytes(16).toString('hex')}`;
    const segments = countSmsSegments(body).segments;
    sent.push({ sid, to, body, segments, ...(service ? { messagingServiceSid: service } : { from: from as string }) });
    const now = new Date().toUTCString();
    return {
      status: 201,
      json: {
        account_sid: options.accountSid,
        api_version: '2010-04-01',
        body,
        date_created: now,
        date_sent: null,
        date_updated: now,
        direction: 'outbound-api',
        error_code: null,
        error_message: null,
        from: service ? null : from,
        messaging_service_sid: service ?? null,
        num_media: '0',
        num_segments: String(segments),
        price: null,
        price_unit: 'USD',
        sid,
        // A Messaging Service first accepts the message, then picks a sender and queues it.
        status: service ? 'accepted' : 'queued',
        subresource_uris: { media: `${path.replace('.json', '')}/${sid}/Media.json` },
        to,
        uri: `${path.replace('.json', '')}/${sid}.json`,
      },
    };
  });
  return { ...standIn, sent, outages };
}
