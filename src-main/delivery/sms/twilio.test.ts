import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TwilioProvider } from './twilio';
import { outcome, outgoingSms, polishText } from './stand-ins/outgoing';
import { startTwilioStandIn, type TwilioStandIn } from './stand-ins/twilio-stand-in';

const accountSid = `AC${'0a1b2c3d'.repeat(4)}`;
const authToken = 'f'.repeat(32);
const serviceSid = `MG${'9e8d7c6b'.repeat(4)}`;
let twilio: TwilioStandIn;
const provider = (overrides: Partial<ConstructorParameters<typeof TwilioProvider>[0]> = {}) =>
  new TwilioProvider({ apiBase: twilio.url, accountSid, authToken, from: '+48732100200', timeoutMs: 2_000, ...overrides });

beforeEach(async () => {
  twilio = await startTwilioStandIn({ accountSid, authToken, numbers: ['+48732100200'], messagingServices: [serviceSid], invalidNumbers: ['+48609999999'] });
});
afterEach(async () => {
  expect(twilio.problems).toEqual([]);
  await twilio.close();
});

describe('Twilio client', () => {
  it('creates a Message as the API reference documents it and keeps the SID', async () => {
    const result = await outcome(provider(), outgoingSms('601 234 567'));
    expect(result).toEqual({ ok: true, receipt: { providerMessageId: twilio.sent[0]?.sid } });
    expect(twilio.sent[0]?.sid).toMatch(/^SM[0-9a-f]{32}$/);

    const [request] = twilio.received;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe(`/2010-04-01/Accounts/${accountSid}/Messages.json`);
    expect(request?.headers.authorization).toBe(`Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`);
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({ To: '+48601234567', From: '+48732100200', Body: polishText });
    // Not a documented request header of the Messages API (see twilio.ts), so not sent.
    expect(request?.headers['i-twilio-idempotency-token']).toBeUndefined();
    expect(twilio.sent[0]).toMatchObject({ body: polishText, segments: 2 });
  });

  it('tells the outbox its point of no return right before the request goes out (Twilio cannot spot a retry)', async () => {
    const seenBefore: number[] = [];
    const hooks = { committing: async () => void seenBefore.push(twilio.received.length) };
    expect((await outcome(provider(), outgoingSms('+48601234567'), hooks)).ok).toBe(true);
    expect(seenBefore).toEqual([0]);
    expect(twilio.received).toHaveLength(1);
    // A number refused before any request never reaches that point.
    expect((await outcome(provider(), outgoingSms('12'), hooks)).ok).toBe(false);
    expect(seenBefore).toEqual([0]);
  });

  it('sends through a Messaging Service instead of a From number', async () => {
    expect((await outcome(provider({ from: undefined, messagingServiceSid: serviceSid }), outgoingSms('+48601234567', 'Umowa do podpisu'))).ok).toBe(true);
    expect(Object.fromEntries(new URLSearchParams(twilio.received[0]?.body))).toEqual({ To: '+48601234567', MessagingServiceSid: serviceSid, Body: 'Umowa do podpisu' });
  });

  it('takes Twilio’s 4xx refusals as permanent, with its code and words', async () => {
    expect(await outcome(provider({ authToken: 'wrong' }), outgoingSms('+48601234567'))).toEqual({ ok: false, permanent: true, reason: 'Authenticate', providerCode: '20003' });
    expect(await outcome(provider(), outgoingSms('+48609999999'))).toEqual({ ok: false, permanent: true, reason: "Invalid 'To' Phone Number: +48609999999", providerCode: '21211' });
    expect(await outcome(provider({ from: '+48111222333' }), outgoingSms('+48601234567'))).toMatchObject({ ok: false, permanent: true, providerCode: '21606' });
    expect(twilio.sent).toHaveLength(0);
  });

  it('refuses an unverified number on a trial account for good', async () => {
    const trial = await startTwilioStandIn({ accountSid, authToken, numbers: ['+48732100200'], verifiedNumbers: ['+48601234567'] });
    try {
      const trialProvider = provider({ apiBase: trial.url });
      expect((await outcome(trialProvider, outgoingSms('+48601234567'))).ok).toBe(true);
      expect(await outcome(trialProvider, outgoingSms('+48601765432'))).toMatchObject({ ok: false, permanent: true, providerCode: '21608', reason: expect.stringContaining('is unverified') });
    } finally {
      await trial.close();
    }
  });

  it('refuses a number that is not one before asking Twilio', async () => {
    expect(await outcome(provider(), outgoingSms('+48 000 000 000'))).toMatchObject({ ok: false, permanent: true, reason: 'sms.invalidNumber' });
    expect(twilio.received).toHaveLength(0);
  });

  it('retries on 429, 5xx and when the answer does not come in time', async () => {
    twilio.outages.push({ times: 1, reply: { status: 429, json: { code: 20429, message: 'Too Many Requests', more_info: 'https://www.twilio.com/docs/errors/20429', status: 429 } } });
    expect(await outcome(provider(), outgoingSms('+48601234567'))).toEqual({ ok: false, permanent: false, reason: 'Too Many Requests', providerCode: '20429' });
    twilio.outages.push({ times: 1, reply: { status: 500, json: { code: 20500, message: 'Internal Server Error', more_info: 'https://www.twilio.com/docs/errors/20500', status: 500 } } });
    expect(await outcome(provider(), outgoingSms('+48601234567'))).toMatchObject({ ok: false, permanent: false, providerCode: '20500' });
    twilio.outages.push({ times: 1, reply: { status: 502 } });
    expect(await outcome(provider(), outgoingSms('+48601234567'))).toMatchObject({ ok: false, permanent: false, reason: 'HTTP 502 Bad Gateway' });
    twilio.delayNextAnswer(1_000);
    expect(await outcome(provider({ timeoutMs: 150 }), outgoingSms('+48601234567'))).toMatchObject({ ok: false, permanent: false, reason: 'no answer within 150 ms' });
    expect((await outcome(provider(), outgoingSms('+48601234567'))).ok).toBe(true);
  });
});
