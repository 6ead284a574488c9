import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLog } from '../../app/log';
import { freePort, SmtpSink } from '../../test-support/smtp-sink';
import { startTestApp, type TestApp } from '../../test-support/temp-services';
import { deliveryChannels } from '../channels';
import { retryDelayMs, type RetryPolicy } from './backoff';
import { enqueue } from './enqueue';
import { createOutboxWorker } from './worker';

let app: TestApp;
let clock: number;
const sinks: SmtpSink[] = [];
const policy: RetryPolicy = { baseMs: 30_000, capMs: 120_000, maxAttempts: 4 };
// Half the jitter range every time: each wait is exactly 3/4 of its step.
const random = () => 0.5;

beforeEach(async () => {
  app = await startTestApp({ outbox: { autoStart: false } });
  await app.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Zenon Adamski' });
  clock = Date.parse('2026-05-04T09:00:00.000Z');
  app.context.now = () => new Date(clock);
});
afterEach(async () => {
  await app.close();
  for (const sink of sinks.splice(0)) await sink.stop();
});

async function sink(options?: ConstructorParameters<typeof SmtpSink>[0]): Promise<SmtpSink> {
  const s = new SmtpSink(options);
  sinks.push(s);
  return s.start();
}

const configure = (port: number, extra: Record<string, unknown> = {}) =>
  app.ok('mail.settings.save', { host: '127.0.0.1', port, security: 'none', fromAddress: 'biuro@zaklady.pl', fromName: 'Zakłady Łódzkie', ...extra });

const worker = () => createOutboxWorker({ ...app.context, log: silentLog }, { channels: deliveryChannels(app.context), policy, random });

const rows = () => app.store.db.selectFrom('outbox').selectAll().orderBy('created_at').orderBy('recipient').execute();

const message = (to: string, key: string) => ({ channel: 'email' as const, to, subject: `Umowa dla ${to}`, text: 'Treść', html: '<p>Treść</p>', purpose: 'reminder', idempotencyKey: key });

describe('the outbox', () => {
  it('keeps messages queued while the SMTP server is down, retries them with capped exponential backoff, and delivers each once when it is up', async () => {
    const port = await freePort();
    await configure(port);
    await enqueue(app.context, message('anna@example.pl', 'k-anna'));
    await enqueue(app.context, message('jan@example.pl', 'k-jan'));
    const w = worker();

    expect(await w.runDue()).toBe(2);
    let [a, b] = await rows();
    expect([a!.status, b!.status]).toEqual(['queued', 'queued']);
    expect(a!.attempts).toBe(1);
    expect(a!.last_error).toMatch(/ECONNREFUSED/);
    expect(a!.provider_code).toBeNull();
    expect(a!.next_attempt_at).toBe(new Date(clock + 22_500).toISOString());

    // Not due yet: nothing is attempted.
    clock += 22_000;
    expect(await w.runDue()).toBe(0);
    // Each wait doubles (3/4 of 30 s, 60 s, 120 s) and stops at the cap.
    const waits: number[] = [];
    for (let attempt = 2; attempt <= 3; attempt++) {
      clock = Date.parse(a!.next_attempt_at);
      expect(await w.runDue()).toBe(2);
      [a] = await rows();
      expect(a!.attempts).toBe(attempt);
      waits.push(Date.parse(a!.next_attempt_at) - clock);
    }
    expect(waits).toEqual([45_000, 90_000]);
    expect(retryDelayMs(policy, 10, random)).toBe(90_000);

    const server = await sink({ port });
    clock = Date.parse(a!.next_attempt_at);
    expect(await w.runDue()).toBe(2);
    [a, b] = await rows();
    expect([a!.status, b!.status]).toEqual(['sent', 'sent']);
    expect(a!.attempts).toBe(4);
    expect(a!.sent_at).toBe(new Date(clock).toISOString());
    expect(a!.provider_message_id).toMatch(/queued as k-anna@signet\.local/);
    expect(a!.unconfirmed).toBe(0);
    expect([...server.counts()]).toEqual([['<k-anna@signet.local>', 1], ['<k-jan@signet.local>', 1]]);
    expect(server.received[0]).toMatchObject({ to: 'anna@example.pl', subject: 'Umowa dla anna@example.pl', text: 'Treść', html: '<p>Treść</p>' });

    // Nothing left to do, and nothing is sent twice.
    clock += 3_600_000;
    expect(await w.runDue()).toBe(0);
    expect(server.received).toHaveLength(2);
  });

  it('marks a message failed after the last attempt, with the reason, and a retry by hand starts it over', async () => {
    await configure(await freePort());
    await enqueue(app.context, message('anna@example.pl', 'k-1'));
    const w = worker();
    for (let i = 0; i < policy.maxAttempts; i++) {
      await w.runDue();
      clock += policy.capMs;
    }
    const [row] = await rows();
    expect(row).toMatchObject({ status: 'failed', attempts: 4 });
    expect(row!.last_error).toMatch(/ECONNREFUSED/);
    const page = await app.ok('outbox.list', { status: 'failed' });
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ status: 'failed', attempts: 4, recipient: 'anna@example.pl', purpose: 'reminder' });
    expect(page.items[0]).not.toHaveProperty('nextAttemptAt');
    expect(page.counts).toEqual({ queued: 0, sending: 0, sent: 0, failed: 1 });

    const server = await sink();
    await configure(server.port);
    const retried = await app.ok('outbox.retry', { id: row!.id });
    expect(retried).toMatchObject({ status: 'queued', attempts: 0, nextAttemptAt: new Date(clock).toISOString() });
    expect(await w.runDue()).toBe(1);
    expect((await rows())[0]).toMatchObject({ status: 'sent', attempts: 1 });
    expect(server.received).toHaveLength(1);
  });

  it('shows a permanent refusal (550 for an unknown recipient) with the server’s words at once, and a retry after the fix delivers it', async () => {
    const server = await sink({ rejectRecipients: new Set(['nikt@zaklady.pl']) });
    await configure(server.port);
    await enqueue(app.context, message('nikt@zaklady.pl', 'k-bad'));
    await enqueue(app.context, message('anna@example.pl', 'k-good'));
    const w = worker();
    expect(await w.runDue()).toBe(2);

    const page = await app.ok('outbox.list', {});
    const bad = page.items.find((i) => i.recipient === 'nikt@zaklady.pl')!;
    expect(bad).toMatchObject({ status: 'failed', attempts: 1, providerCode: '550', lastError: '550 5.1.1 <nikt@zaklady.pl>: Recipient address rejected: User unknown' });
    expect(page.items.find((i) => i.recipient === 'anna@example.pl')).toMatchObject({ status: 'sent' });
    expect([...server.counts().keys()]).toEqual(['<k-good@signet.local>']);

    // A sent message is not "retried" by mistake.
    const good = page.items.find((i) => i.recipient === 'anna@example.pl')!;
    const refused = await app.call('outbox.retry', { id: good.id });
    expect(refused.ok || refused.error.messageKey).toBe('outbox.notRetryable');

    server.rejectRecipients.clear();
    await app.ok('outbox.retry', { id: bad.id });
    expect(await w.runDue()).toBe(1);
    expect(server.counts().get('<k-bad@signet.local>')).toBe(1);
    expect((await app.ok('outbox.list', { status: 'sent' })).total).toBe(2);
  });

  it('writes a message only with the transaction that wrote it, and one message per idempotency key', async () => {
    await expect(
      app.store.db.transaction().execute(async (trx) => {
        await enqueue(app.context, message('anna@example.pl', 'k-rolled-back'), trx);
        throw new Error('the document change failed');
      }),
    ).rejects.toThrow('the document change failed');
    expect(await rows()).toEqual([]);

    const first = await enqueue(app.context, message('anna@example.pl', 'k-once'));
    const again = await enqueue(app.context, { ...message('anna@example.pl', 'k-once'), text: 'inna treść' });
    expect(again).toEqual({ id: first.id, idempotencyKey: 'k-once', duplicate: true });
    expect((await rows()).map((r) => r.text)).toEqual(['Treść']);
  });

  it('counts a message as sent, unconfirmed, when the connection breaks after the whole message was handed over', async () => {
    const server = await sink();
    server.dropAfterData = true;
    await configure(server.port);
    await enqueue(app.context, message('anna@example.pl', 'k-drop'));
    expect(await worker().runDue()).toBe(1);
    const [row] = await rows();
    expect(row).toMatchObject({ status: 'sent', unconfirmed: 1, provider_message_id: null });
    expect(row!.committed_at).not.toBeNull();
    expect(server.received).toHaveLength(1);
    expect((await app.ok('outbox.list', {})).items[0]).toMatchObject({ status: 'sent', unconfirmed: true });
  });

  it('after a stop mid-send resends what never reached the end of DATA and keeps what did, without sending it again', async () => {
    const server = await sink();
    await configure(server.port);
    await enqueue(app.context, message('anna@example.pl', 'k-before'));
    await enqueue(app.context, message('jan@example.pl', 'k-after'));
    // As a killed process leaves them: both claimed, one past its point of no return.
    const at = new Date(clock).toISOString();
    await app.store.db.updateTable('outbox').set({ status: 'sending', attempts: 1 }).execute();
    await app.store.db.updateTable('outbox').set({ committed_at: at }).where('idempotency_key', '=', 'k-after').execute();

    const w = worker();
    await w.start();
    await waitUntil(async () => (await rows()).every((r) => r.status === 'sent'));
    await w.stop();
    const [before, after] = await rows();
    expect(before).toMatchObject({ status: 'sent', unconfirmed: 0, attempts: 2 });
    expect(after).toMatchObject({ status: 'sent', unconfirmed: 1, attempts: 1, sent_at: at });
    expect([...server.counts()]).toEqual([['<k-before@signet.local>', 1]]);
  });

  it('keeps a one-time code or a signing link only until its message is settled: sent or refused, the row no longer holds it, and it is not retried by hand', async () => {
    const server = await sink({ rejectRecipients: new Set(['nikt@zaklady.pl']) });
    await configure(server.port);
    const code = (to: string, key: string) => ({ ...message(to, key), subject: 'Kod', text: 'Twój kod: 482913', html: '<p>Twój kod: <b>482913</b></p>', purpose: 'otp' });
    await enqueue(app.context, code('jan@example.pl', 'otp-good'));
    await enqueue(app.context, code('nikt@zaklady.pl', 'otp-bad'));
    await enqueue(app.context, message('anna@example.pl', 'not-a-code'));
    // A signing link's token, which the server's store otherwise keeps only as a hash, is such a secret too.
    await enqueue(app.context, { ...message('ewa@example.pl', 'link-1'), text: 'https://sign.example.com/s/Zm9vYmFyLXRva2Vu', html: '<a href="https://sign.example.com/s/Zm9vYmFyLXRva2Vu">Podpisz</a>', purpose: 'signingLink' });
    expect((await rows()).filter((r) => r.text.includes('482913'))).toHaveLength(2);
    await worker().runDue();

    expect(server.received.find((m) => m.to.includes('jan@example.pl'))?.text).toContain('482913');
    const settled = await rows();
    expect(settled.map((r) => [r.recipient, r.status])).toEqual([
      ['anna@example.pl', 'sent'],
      ['ewa@example.pl', 'sent'],
      ['jan@example.pl', 'sent'],
      ['nikt@zaklady.pl', 'failed'],
    ]);
    expect(settled.filter((r) => /482913|Zm9vYmFyLXRva2Vu/.test(`${r.text}${r.html ?? ''}`))).toEqual([]);
    // Nor anywhere in the file: the old text is zeroed, not left in a freed part of a page.
    app.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = [app.store.file, `${app.store.file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f).toString('latin1')).join('');
    expect(bytes).not.toContain('482913');
    expect(bytes).not.toContain('Zm9vYmFyLXRva2Vu');
    expect(settled.find((r) => r.recipient === 'anna@example.pl')!.text).toBe('Treść');
    const refused = await app.call('outbox.retry', { id: settled.find((r) => r.recipient === 'nikt@zaklady.pl')!.id });
    expect(refused.ok || refused.error.messageKey).toBe('outbox.oneTimeNotRetryable');
  });

  it('is an administrator’s view: another employee can neither list nor retry messages', async () => {
    await enqueue(app.context, message('anna@example.pl', 'k-admin-only'));
    const [row] = await rows();
    const clerk = await app.ok('users.add', { name: 'Łucja Nowak', isAdmin: false, isSigner: false });
    await app.ok('users.switch', { id: clerk.id });
    for (const call of [app.call('outbox.list', {}), app.call('outbox.retry', { id: row!.id })]) {
      const r = await call;
      expect(r.ok || [r.error.messageKey, r.error.details]).toEqual(['permissions.forbidden', { action: 'settings.manage' }]);
    }
  });

  it('runs with the app: an enqueue wakes the worker, and mail.test reports the first attempt', async () => {
    await app.close();
    app = await startTestApp();
    await app.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Zenon Adamski' });
    const server = await sink();
    await configure(server.port);
    const sent = await app.ok('mail.test', { to: 'zenon@zaklady.pl', language: 'pl' });
    expect(sent).toMatchObject({ status: 'sent', purpose: 'test', recipient: 'zenon@zaklady.pl', subject: 'Signet: wiadomość testowa' });
    expect(server.received[0]!.text).toContain('poczta Zakłady Łódzkie Sp. z o.o. jest skonfigurowana poprawnie');

    await server.stop();
    const queued = await app.ok('mail.test', { to: 'zenon@zaklady.pl', language: 'en' });
    expect(queued).toMatchObject({ status: 'queued', attempts: 1, subject: 'Signet: test e-mail' });
    expect(queued.lastError).toMatch(/ECONNREFUSED/);
    expect(queued.nextAttemptAt).toBeDefined();
  });
});

describe('the SMTP settings', () => {
  it('keep the password in the keychain only, say whether one is stored, and are for administrators', async () => {
    const password = 'hasło-SMTP-żółw-42';
    const saved = await configure(2525, { user: 'biuro@zaklady.pl', password, security: 'starttls' });
    expect(saved).toEqual({
      config: { host: '127.0.0.1', port: 2525, security: 'starttls', user: 'biuro@zaklady.pl', fromAddress: 'biuro@zaklady.pl', fromName: 'Zakłady Łódzkie', attachLimitMb: 10 },
      passwordSet: true,
    });
    // Saving without a password keeps it; null removes it.
    expect((await configure(2526, { user: 'biuro@zaklady.pl' })).passwordSet).toBe(true);
    expect(await app.ok('mail.settings.get', {})).toMatchObject({ passwordSet: true, config: { port: 2526 } });
    app.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    for (const file of fs.readdirSync(app.dataDir, { recursive: true }) as string[]) {
      const full = path.join(app.dataDir, file);
      if (fs.statSync(full).isFile()) expect(fs.readFileSync(full).includes(Buffer.from(password)), file).toBe(false);
    }
    expect((await configure(2526, { user: 'biuro@zaklady.pl', password: null })).passwordSet).toBe(false);

    const bad = await app.call('mail.settings.save', { host: 'smtp example', port: 0, security: 'ssl', fromAddress: 'nie-adres' } as never);
    expect(bad.ok || bad.error.details?.issues).toEqual([
      { path: 'host', messageKey: 'validation.host' },
      { path: 'port', messageKey: 'validation.port' },
      { path: 'security', messageKey: 'validation.choice' },
      { path: 'fromAddress', messageKey: 'validation.email' },
    ]);

    const clerk = await app.ok('users.add', { name: 'Łucja Nowak', isAdmin: false, isSigner: false });
    await app.ok('users.switch', { id: clerk.id });
    for (const call of [app.call('mail.settings.get', {}), app.call('mail.test', { to: 'a@example.pl', language: 'pl' })]) {
      const r = await call;
      expect(r.ok || [r.error.messageKey, r.error.details]).toEqual(['permissions.forbidden', { action: 'settings.manage' }]);
    }
  });
});

async function waitUntil(predicate: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
