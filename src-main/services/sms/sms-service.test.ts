import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLog } from '../../app/log';
import { deliveryChannels } from '../../delivery/channels';
import { enqueue } from '../../delivery/outbox/enqueue';
import { createOutboxWorker } from '../../delivery/outbox/worker';
import { createSmsChannel, storedSmsSource } from '../../delivery/sms/sms-channel';
import { outcome, outgoingSms, polishText } from '../../delivery/sms/stand-ins/outgoing';
import { startSmsapiStandIn, type SmsapiStandIn } from '../../delivery/sms/stand-ins/smsapi-stand-in';
import { startTwilioStandIn, type TwilioStandIn } from '../../delivery/sms/stand-ins/twilio-stand-in';
import { startWebhookStandIn, type WebhookStandIn } from '../../delivery/sms/stand-ins/webhook-stand-in';
import { refusalOf } from '../../test-support/app-error';
import { startTestApp, type TestApp } from '../../test-support/temp-services';

const smsapiToken = 'smsapi-oauth-token-4b7d0e';
const accountSid = `AC${'1234abcd'.repeat(4)}`;
const twilioToken = 'a1b2c3d4'.repeat(4);

let app: TestApp;
let smsapi: SmsapiStandIn;
let twilio: TwilioStandIn;
let gateway: WebhookStandIn;

beforeAll(async () => {
  smsapi = await startSmsapiStandIn({ token: smsapiToken, senders: ['Signet'] });
  twilio = await startTwilioStandIn({ accountSid, authToken: twilioToken, numbers: ['+48732100200'] });
  gateway = await startWebhookStandIn({ token: 'hook-token' });
});
afterAll(async () => {
  for (const standIn of [smsapi, twilio, gateway]) {
    expect(standIn.problems).toEqual([]);
    await standIn.close();
  }
});
beforeEach(async () => {
  app = await startTestApp();
  await app.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Zenon Adamski' });
});
afterEach(async () => {
  await app.close();
});

const smsapiSettings = (secrets: Record<string, string | null> = {}) => ({ provider: 'smsapi' as const, smsapi: { apiBase: smsapi.url, sender: 'Signet' }, twilio: {}, webhook: {}, secrets });
const settingsRows = async () => (await app.context.db.selectFrom('settings').selectAll().execute()).map((r) => `${r.key}=${r.value}`).join('\n');

describe('SMS settings', () => {
  it('start switched off and are for administrators only', async () => {
    expect(await app.ok('sms.settings.get', {})).toEqual({
      provider: 'none',
      smsapi: { apiBase: 'https://api.smsapi.pl' },
      twilio: { apiBase: 'https://api.twilio.com' },
      webhook: {},
      secrets: { smsapiToken: false, twilioAuthToken: false, webhookToken: false },
    });
    expect(await refusalOf(app.call('sms.test', { to: '+48601234567', text: 'Test' }))).toEqual({ code: 'VALIDATION', messageKey: 'sms.notConfigured' });

    const clerk = await app.ok('users.add', { name: 'Anna Zielińska', isAdmin: false, isSigner: false });
    await app.ok('users.switch', { id: clerk.id });
    for (const result of [app.call('sms.settings.get', {}), app.call('sms.settings.save', smsapiSettings({ smsapiToken })), app.call('sms.test', { to: '+48601234567', text: 'x' })]) {
      expect(await refusalOf(result)).toEqual({ code: 'FORBIDDEN', messageKey: 'permissions.forbidden', details: { action: 'settings.manage' } });
    }
  });

  it('keep the SMSAPI token in the keychain only, and never hand it back', async () => {
    const missing = await refusalOf(app.call('sms.settings.save', smsapiSettings()));
    expect(missing.details?.issues).toEqual([{ path: 'secrets.smsapiToken', messageKey: 'validation.required' }]);

    const saved = await app.ok('sms.settings.save', smsapiSettings({ smsapiToken }));
    expect(saved).toMatchObject({ provider: 'smsapi', smsapi: { apiBase: smsapi.url, sender: 'Signet' }, secrets: { smsapiToken: true, twilioAuthToken: false } });
    expect(JSON.stringify(saved)).not.toContain(smsapiToken);
    expect(JSON.stringify(await app.ok('sms.settings.get', {}))).not.toContain(smsapiToken);
    const rows = await settingsRows();
    expect(rows).not.toContain(smsapiToken);
    // The row names the keychain entry under this installation's id, as the company keys do.
    const ref = /"smsapiToken":"keychain:([^"]+)"/.exec(rows)?.[1];
    const installId = (await app.context.db.selectFrom('settings').select('value').where('key', '=', 'app.installId').executeTakeFirstOrThrow()).value;
    expect(ref).toBe(`${installId}/sms-smsapiToken`);
    expect(await app.context.keychain.get(ref!)).toBe(smsapiToken);

    // Saved again without a token: the stored one is kept. Switched off with `null`: it is removed.
    expect((await app.ok('sms.settings.save', { ...smsapiSettings(), smsapi: { apiBase: smsapi.url } })).secrets.smsapiToken).toBe(true);
    expect((await app.ok('sms.settings.save', { ...smsapiSettings({ smsapiToken: null }), provider: 'none' })).secrets.smsapiToken).toBe(false);
    expect(await app.context.keychain.get(ref!)).toBeNull();
  });

  it('send a Polish test SMS through SMSAPI and report its id and segments', async () => {
    await app.ok('sms.settings.save', smsapiSettings({ smsapiToken }));
    const result = await app.ok('sms.test', { to: '601 234 567', text: polishText });
    const sent = smsapi.sent.at(-1);
    expect(result).toEqual({ ok: true, to: '+48601234567', providerMessageId: sent?.id, encoding: 'ucs2', segments: 2 });
    expect(sent).toMatchObject({ number: '48601234567', message: polishText, from: 'Signet', parts: 2 });
    expect(smsapi.received.at(-1)?.headers.authorization).toBe(`Bearer ${smsapiToken}`);
  });

  it('report Twilio’s refusal in its own words, and its SID once the token is fixed', async () => {
    const twilioSettings = (authToken: string) => ({ provider: 'twilio' as const, smsapi: {}, twilio: { apiBase: twilio.url, accountSid, from: '+48 732 100 200' }, webhook: {}, secrets: { twilioAuthToken: authToken } });
    const saved = await app.ok('sms.settings.save', twilioSettings('stale-token'));
    expect(saved.twilio).toEqual({ apiBase: twilio.url, accountSid, from: '+48732100200' });
    expect(await app.ok('sms.test', { to: '+48601234567', text: 'Umowa czeka na podpis.' })).toEqual({
      ok: false,
      to: '+48601234567',
      permanent: true,
      reason: 'Authenticate',
      providerCode: '20003',
      encoding: 'gsm7',
      segments: 1,
    });
    await app.ok('sms.settings.save', twilioSettings(twilioToken));
    const ok = await app.ok('sms.test', { to: '+48601234567', text: 'Umowa czeka na podpis.' });
    expect(ok).toMatchObject({ ok: true, providerMessageId: twilio.sent.at(-1)?.sid });
  });

  it('send through the webhook with its optional token, and without it once removed', async () => {
    const hook = (secrets: Record<string, string | null>) => ({ provider: 'webhook' as const, smsapi: {}, twilio: {}, webhook: { url: `${gateway.url}/sms/` }, secrets });
    expect((await app.ok('sms.settings.save', hook({ webhookToken: 'hook-token' }))).webhook).toEqual({ url: `${gateway.url}/sms` });
    expect(await app.ok('sms.test', { to: '+48601234567', text: 'Zażółć gęślą jaźń' })).toMatchObject({ ok: true, providerMessageId: gateway.messages.at(-1)?.id, encoding: 'ucs2', segments: 1 });
    expect(gateway.messages.at(-1)).toMatchObject({ to: '+48601234567', text: 'Zażółć gęślą jaźń', encoding: 'ucs2', segments: 1 });
    await app.ok('sms.settings.save', hook({ webhookToken: null }));
    expect(await app.ok('sms.test', { to: '+48601234567', text: 'Test' })).toMatchObject({ ok: false, permanent: true, reason: 'invalid token', providerCode: '401' });
  });

  it('refuse fields that cannot work, each on its own field', async () => {
    const bad = await refusalOf(
      app.call('sms.settings.save', {
        provider: 'twilio',
        smsapi: { sender: 'Far too long a name' },
        twilio: { accountSid: 'AC123', from: '+48732100200', messagingServiceSid: `MG${'0'.repeat(32)}` },
        webhook: { url: 'http://gateway.example.com/sms' },
        secrets: { twilioAuthToken: 'x' },
      }),
    );
    expect(bad.details?.issues).toEqual(
      expect.arrayContaining([
        { path: 'smsapi.sender', messageKey: 'validation.tooLong' },
        { path: 'twilio.accountSid', messageKey: 'validation.twilioAccountSid' },
        { path: 'webhook.url', messageKey: 'validation.smsEndpoint' },
      ]),
    );
    const both = await refusalOf(app.call('sms.settings.save', { provider: 'twilio', smsapi: {}, twilio: { accountSid, from: '+48732100200', messagingServiceSid: `MG${'0'.repeat(32)}` }, webhook: {}, secrets: { twilioAuthToken: 'x' } }));
    expect(both.details?.issues).toEqual([{ path: 'twilio.messagingServiceSid', messageKey: 'validation.twilioFromOrService' }]);
    const neither = await refusalOf(app.call('sms.settings.save', { provider: 'twilio', smsapi: {}, twilio: { accountSid }, webhook: {}, secrets: { twilioAuthToken: 'x' } }));
    expect(neither.details?.issues).toEqual([{ path: 'twilio.from', messageKey: 'validation.twilioFromOrService' }]);
    expect((await refusalOf(app.call('sms.settings.save', { provider: 'webhook', smsapi: {}, twilio: {}, webhook: {} }))).details?.issues).toEqual([{ path: 'webhook.url', messageKey: 'validation.required' }]);
    // A token goes in an HTTP header: visible ASCII only.
    expect((await refusalOf(app.call('sms.settings.save', smsapiSettings({ smsapiToken: 'token z spacją' })))).details?.issues).toEqual([{ path: 'secrets.smsapiToken', messageKey: 'validation.tokenChars' }]);

    await app.ok('sms.settings.save', smsapiSettings({ smsapiToken }));
    expect((await refusalOf(app.call('sms.test', { to: '601 234', text: 'x' }))).details?.issues).toEqual([{ path: 'to', messageKey: 'validation.phone' }]);
    expect((await refusalOf(app.call('sms.test', { to: '+48601234567', text: 'ł'.repeat(671) }))).details?.issues).toEqual([{ path: 'text', messageKey: 'validation.smsTooLong' }]);
    expect(await app.ok('sms.settings.get', {})).toMatchObject({ provider: 'smsapi' });
  });

  it('say so when the token has gone from the keychain', async () => {
    await app.ok('sms.settings.save', smsapiSettings({ smsapiToken }));
    const installId = (await app.context.db.selectFrom('settings').select('value').where('key', '=', 'app.installId').executeTakeFirstOrThrow()).value;
    await app.context.keychain.delete(`${installId}/sms-smsapiToken`);
    expect((await app.ok('sms.settings.get', {})).secrets.smsapiToken).toBe(false);
    expect(await refusalOf(app.call('sms.test', { to: '+48601234567', text: 'x' }))).toEqual({ code: 'VALIDATION', messageKey: 'sms.secretMissing' });
  });
});

describe('the outbox’s SMS channel', () => {
  it('is the one the outbox worker sends queued SMS through', async () => {
    await app.ok('sms.settings.save', smsapiSettings({ smsapiToken }));
    await enqueue(app.context, { channel: 'sms', to: '+48601234567', text: polishText, purpose: 'test', idempotencyKey: 'queued-sms-1' });
    await createOutboxWorker({ ...app.context, log: silentLog }, { channels: deliveryChannels(app.context) }).runDue();
    const row = await app.context.db.selectFrom('outbox').selectAll().where('idempotency_key', '=', 'queued-sms-1').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'sent', provider_message_id: smsapi.sent.at(-1)?.id });
    expect(smsapi.sent.at(-1)).toMatchObject({ idx: 'queued-sms-1', message: polishText, parts: 2 });
  });

  it('sends with the settings as they are at each attempt', async () => {
    const channel = createSmsChannel(storedSmsSource(app.context));
    expect(await outcome(channel, outgoingSms('+48601234567'))).toEqual({ ok: false, permanent: false, reason: 'sms.notConfigured', providerCode: undefined });
    await app.ok('sms.settings.save', smsapiSettings({ smsapiToken }));
    const message = outgoingSms('+48601234567', polishText, 'outbox-row-1');
    expect(await outcome(channel, message)).toEqual({ ok: true, receipt: { providerMessageId: smsapi.sent.at(-1)?.id } });
    expect(new URLSearchParams(smsapi.received.at(-1)?.body).get('idx')).toBe('outbox-row-1');
  });
});
