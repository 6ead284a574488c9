import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SmsapiProvider } from './smsapi';
import { outcome, outgoingSms, polishText } from './stand-ins/outgoing';
import { startSmsapiStandIn, type SmsapiStandIn } from './stand-ins/smsapi-stand-in';

const token = 'oauth-token-5f3a9c';
let smsapi: SmsapiStandIn;
const provider = (overrides: Partial<ConstructorParameters<typeof SmsapiProvider>[0]> = {}) =>
  new SmsapiProvider({ apiBase: smsapi.url, token, sender: 'Signet', timeoutMs: 2_000, ...overrides });

beforeEach(async () => {
  smsapi = await startSmsapiStandIn({ token, senders: ['Signet'], points: 10, refusedNumbers: ['48500000001'] });
});
afterEach(async () => {
  expect(smsapi.problems).toEqual([]);
  await smsapi.close();
});

describe('SMSAPI.pl client', () => {
  it('sends a Polish message as sms.do documents it and keeps SMSAPI’s id', async () => {
    const message = outgoingSms('601 234 567', polishText, 'outbox-7f3e');
    const result = await outcome(provider(), message);
    expect(result).toEqual({ ok: true, receipt: { providerMessageId: smsapi.sent[0]?.id } });

    const [request] = smsapi.received;
    expect(request?.method).toBe('POST');
    expect(request?.headers.authorization).toBe(`Bearer ${token}`);
    expect(request?.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({
      to: '48601234567',
      message: polishText,
      from: 'Signet',
      format: 'json',
      encoding: 'utf-8',
      idx: 'outbox-7f3e',
      check_idx: '1',
      max_parts: '10',
    });
    // 72 characters with Polish letters: UCS-2, two parts of at most 67, billed as two.
    expect(smsapi.sent[0]).toMatchObject({ number: '48601234567', message: polishText, parts: 2 });
    expect(smsapi.points()).toBe(10 - 2 * 0.17);
  });

  it('sends without a sender name when none is set (SMSAPI uses the account default)', async () => {
    expect((await outcome(provider({ sender: undefined }), outgoingSms('+48601234567', 'Umowa do podpisu'))).ok).toBe(true);
    expect(new URLSearchParams(smsapi.received[0]?.body).has('from')).toBe(false);
  });

  it('does not send a message twice when a retry follows a lost answer (idx with check_idx)', async () => {
    const message = outgoingSms('+48601234567');
    // idx makes a retry safe, so SMSAPI never declares a point of no return: the outbox retries a lost answer.
    const committing = async () => expect.unreachable('SMSAPI must not call committing');
    smsapi.delayNextAnswer(1_000);
    expect(await outcome(provider({ timeoutMs: 200 }), message, { committing })).toEqual({ ok: false, permanent: false, reason: 'no answer within 200 ms', providerCode: undefined });
    // SMSAPI took the first request; the retry with the same idx is refused with 53, which means "already sent".
    expect(await outcome(provider(), message)).toEqual({ ok: true, receipt: {} });
    expect(smsapi.sent).toHaveLength(1);
    expect(smsapi.received).toHaveLength(2);
    // Another message (another idx) goes out as usual.
    expect((await outcome(provider(), outgoingSms('+48601234567'))).ok).toBe(true);
    expect(smsapi.sent).toHaveLength(2);
  });

  it('classifies SMSAPI’s refusals: token, number, sender for good; points and its own faults for a retry', async () => {
    expect(await outcome(provider({ token: 'revoked' }), outgoingSms('+48601234567'))).toEqual({ ok: false, permanent: true, reason: 'Authorization failed', providerCode: '101' });
    expect(await outcome(provider(), outgoingSms('+48500000001'))).toEqual({ ok: false, permanent: true, reason: 'No correct phone numbers', providerCode: '13' });
    expect(await outcome(provider({ sender: 'Unknown' }), outgoingSms('+48601234567'))).toEqual({ ok: false, permanent: true, reason: 'Invalid sender name', providerCode: '14' });
    expect(smsapi.sent).toHaveLength(0);

    const poor = provider();
    for (let i = 0; i < 29; i++) expect((await outcome(poor, outgoingSms('+48601234567'))).ok).toBe(true);
    expect(await outcome(poor, outgoingSms('+48601234567'))).toEqual({ ok: false, permanent: false, reason: 'Insufficient credits on your account', providerCode: '103' });

    smsapi.outages.push({ times: 1, reply: { status: 200, json: { error: 201, message: 'System internal error' } } });
    expect(await outcome(poor, outgoingSms('+48601234567'))).toMatchObject({ ok: false, permanent: false, providerCode: '201' });
  });

  it('refuses a number that is not one before asking SMSAPI', async () => {
    expect(await outcome(provider(), outgoingSms('601 234 56'))).toEqual({ ok: false, permanent: true, reason: 'sms.invalidNumber', providerCode: undefined });
    expect(await outcome(provider(), outgoingSms('+48 22 628 44 10'))).toEqual({ ok: false, permanent: true, reason: 'sms.notMobile', providerCode: undefined });
    expect(await outcome(provider(), outgoingSms('+48601234567', ''))).toMatchObject({ ok: false, permanent: true, reason: 'sms.empty' });
    expect(await outcome(provider(), outgoingSms('+48601234567', 'ż'.repeat(671)))).toMatchObject({ ok: false, permanent: true, reason: 'sms.tooLong' });
    expect(smsapi.received).toHaveLength(0);
  });

  it('retries when SMSAPI answers 5xx, does not answer in time, or cannot be reached', async () => {
    smsapi.outages.push({ times: 1, reply: { status: 503 } });
    expect(await outcome(provider(), outgoingSms('+48601234567'))).toEqual({ ok: false, permanent: false, reason: 'HTTP 503 Service Unavailable', providerCode: '503' });
    expect((await outcome(provider(), outgoingSms('+48601234567'))).ok).toBe(true);

    smsapi.outages.push({ times: 1, reply: { status: 200, delayMs: 1_000 } });
    expect(await outcome(provider({ timeoutMs: 150 }), outgoingSms('+48601234567'))).toMatchObject({ ok: false, permanent: false, reason: 'no answer within 150 ms' });

    const gone = await startSmsapiStandIn({ token });
    await gone.close();
    expect(await outcome(provider({ apiBase: gone.url }), outgoingSms('+48601234567'))).toEqual({ ok: false, permanent: false, reason: 'connection failed (ECONNREFUSED)', providerCode: undefined });
  });
});
