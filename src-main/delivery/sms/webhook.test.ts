import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebhookProvider } from './webhook';
import { outcome, outgoingSms, polishText } from './stand-ins/outgoing';
import { startWebhookStandIn, type WebhookStandIn } from './stand-ins/webhook-stand-in';

const token = 'gateway-secret-1';
let gateway: WebhookStandIn;
const provider = (overrides: Partial<ConstructorParameters<typeof WebhookProvider>[0]> = {}) =>
  new WebhookProvider({ url: `${gateway.url}/sms`, token, timeoutMs: 2_000, ...overrides });

beforeEach(async () => {
  gateway = await startWebhookStandIn({ token });
});
afterEach(async () => {
  expect(gateway.problems).toEqual([]);
  await gateway.close();
});

describe('webhook SMS provider', () => {
  it('posts the message as JSON with its encoding and segment count, and keeps the gateway’s id', async () => {
    const result = await outcome(provider(), outgoingSms('601 234 567', polishText, 'key-1'));
    expect(result).toEqual({ ok: true, receipt: { providerMessageId: gateway.messages[0]?.id } });
    expect(gateway.messages).toEqual([{ id: expect.any(String), to: '+48601234567', text: polishText, idempotencyKey: 'key-1', encoding: 'ucs2', segments: 2 }]);
    const [request] = gateway.received;
    expect(request?.headers.authorization).toBe(`Bearer ${token}`);
    expect(request?.headers['idempotency-key']).toBe('key-1');

    // A retry with the same key is recognised by the gateway: the same id, nothing sent again.
    expect(await outcome(provider(), outgoingSms('+48601234567', polishText, 'key-1'))).toEqual(result);
    expect(gateway.messages).toHaveLength(1);
  });

  it('sends no Authorization header when no token is set', async () => {
    const open = await startWebhookStandIn();
    try {
      expect((await outcome(provider({ url: `${open.url}/sms`, token: undefined }), outgoingSms('+48601234567', 'Dzien dobry'))).ok).toBe(true);
      expect(open.received[0]?.headers.authorization).toBeUndefined();
      expect(open.messages[0]).toMatchObject({ encoding: 'gsm7', segments: 1 });
    } finally {
      await open.close();
    }
  });

  it('takes 4xx as permanent with the gateway’s words, 5xx and timeouts as temporary', async () => {
    expect(await outcome(provider({ token: 'wrong' }), outgoingSms('+48601234567'))).toEqual({ ok: false, permanent: true, reason: 'invalid token', providerCode: '401' });
    gateway.outages.push({ times: 1, reply: { status: 422, json: { message: 'number on the stop list', code: 'STOP' } } });
    expect(await outcome(provider(), outgoingSms('+48601234567'))).toEqual({ ok: false, permanent: true, reason: 'number on the stop list', providerCode: 'STOP' });
    gateway.outages.push({ times: 1, reply: { status: 500, json: { error: 'modem offline' } } });
    expect(await outcome(provider(), outgoingSms('+48601234567'))).toEqual({ ok: false, permanent: false, reason: 'modem offline', providerCode: '500' });
    gateway.delayNextAnswer(1_000);
    expect(await outcome(provider({ timeoutMs: 150 }), outgoingSms('+48601234567'))).toMatchObject({ ok: false, permanent: false, reason: 'no answer within 150 ms' });
    expect(await outcome(provider(), outgoingSms('12'))).toMatchObject({ ok: false, permanent: true, reason: 'sms.invalidNumber' });
  });
});
