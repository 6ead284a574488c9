import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLog } from '../../app/log';
import { makeTestPki, type TestPki } from '../../test-support/openssl-pki';
import { SmtpSink } from '../../test-support/smtp-sink';
import { startTestApp, type TestApp } from '../../test-support/temp-services';
import { deliveryChannels } from '../channels';
import { enqueue } from '../outbox/enqueue';
import { createOutboxWorker } from '../outbox/worker';

/**
 * TLS to the company's SMTP server: implicit (465) and STARTTLS (587), the certificate always checked, and a
 * company CA trusted when the administrator pastes it. The servers are real `smtp-server` instances with a
 * certificate issued by an openssl CA for 127.0.0.1.
 */
let pki: TestPki;
let tls: { keyPem: string; certPem: string };
let app: TestApp;
let server: SmtpSink | undefined;

beforeAll(() => {
  pki = makeTestPki('/CN=Zakłady Łódzkie — CA wewnętrzne');
  tls = pki.tlsServer();
});
beforeEach(async () => {
  app = await startTestApp({ outbox: { autoStart: false } });
  await app.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Zenon Adamski' });
});
afterEach(async () => {
  await app.close();
  await server?.stop();
  server = undefined;
});
afterAll(() => fs.rmSync(pki.dir, { recursive: true, force: true }));

async function deliverOne(options: ConstructorParameters<typeof SmtpSink>[0], settings: { security: 'tls' | 'starttls'; trustedCaPem?: string }) {
  server = await new SmtpSink(options).start();
  await app.ok('mail.settings.save', { host: '127.0.0.1', port: server.port, fromAddress: 'biuro@zaklady.pl', ...settings });
  await enqueue(app.context, { channel: 'email', to: 'anna@example.pl', subject: 'Umowa', text: 'Treść', html: '<p>Treść</p>', purpose: 'test', idempotencyKey: 'tls-1' });
  await createOutboxWorker({ ...app.context, log: silentLog }, { channels: deliveryChannels(app.context) }).runDue();
  return app.store.db.selectFrom('outbox').select(['status', 'last_error']).executeTakeFirstOrThrow();
}

describe('SMTP over TLS', () => {
  it('implicit TLS: a certificate from an unknown CA is refused with the reason and the message stays queued; with the company CA pasted it is delivered encrypted', async () => {
    const refused = await deliverOne({ tls: { mode: 'implicit', ...tls } }, { security: 'tls' });
    expect(refused.status).toBe('queued');
    expect(refused.last_error).toMatch(/certificate/i);
    expect(server!.received).toHaveLength(0);
    await server!.stop();

    await app.store.db.deleteFrom('outbox').execute();
    const sent = await deliverOne({ tls: { mode: 'implicit', ...tls } }, { security: 'tls', trustedCaPem: pki.caPem });
    expect(sent).toMatchObject({ status: 'sent', last_error: null });
    expect(server!.received.map((m) => [m.to, m.secure])).toEqual([['anna@example.pl', true]]);
  });

  it('STARTTLS: upgraded before anything is sent, with the company CA; a server that does not offer it gets nothing in clear text', async () => {
    const sent = await deliverOne({ tls: { mode: 'starttls', ...tls } }, { security: 'starttls', trustedCaPem: pki.caPem });
    expect(sent.status).toBe('sent');
    expect(server!.received.map((m) => m.secure)).toEqual([true]);
    await server!.stop();

    await app.store.db.deleteFrom('outbox').execute();
    const plainOnly = await deliverOne({}, { security: 'starttls' });
    // Permanent (retrying cannot help until the settings change), and said so.
    expect(plainOnly).toMatchObject({ status: 'failed', last_error: expect.stringMatching(/^the server refused STARTTLS \(500 .*\): check the port and the security mode$/) });
    expect(server!.received).toHaveLength(0);
  });

  it('refuses a pasted CA that is not a PEM certificate (a private key, say), by field, and keeps the previous settings', async () => {
    await app.ok('mail.settings.save', { host: 'smtp.zaklady.pl', port: 465, security: 'tls', fromAddress: 'biuro@zaklady.pl', trustedCaPem: pki.caPem });
    const bad = await app.call('mail.settings.save', { host: 'smtp.zaklady.pl', port: 465, security: 'tls', fromAddress: 'biuro@zaklady.pl', trustedCaPem: '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.details?.issues).toEqual([{ path: 'trustedCaPem', messageKey: 'validation.certificatePem' }]);
    expect((await app.ok('mail.settings.get', {})).config?.trustedCaPem).toBe(pki.caPem.trim());
  });
});
