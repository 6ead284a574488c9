import { afterEach, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../../src-shared/company-server/api';
import { accountListSchema, accountSchema, enrolResponseSchema, invitationSchema, meSchema, parseEnrolmentLink, type Account } from '../../src-shared/company-server/account-api';
import type { SmtpSink } from '../../src-main/test-support/smtp-sink';
import { startMailingServer } from '../test-support/mailing-server';
import { pairDevice, type PairedDevice } from '../test-support/paired-device';
import type { TestServer } from '../test-support/test-server';

/** Accounts over real HTTP: the real store in a temporary folder, the real outbox sending to an SMTP server on loopback. */
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

interface World {
  server: TestServer;
  sink: SmtpSink;
  /** Paired with `signet-server pair`: the built-in Administrator's device. */
  admin: PairedDevice;
  advance(ms: number): void;
}

async function world(): Promise<World> {
  let at = new Date('2026-06-01T08:00:00Z').getTime();
  const now = () => new Date(at);
  const { server, sink, outbox } = await startMailingServer(cleanup, { now });
  cleanup.push(() => server.close());
  await outbox.start();
  cleanup.push(() => outbox.stop());
  return { server, sink, admin: await pairDevice(server, 'Serwerownia'), advance: (ms) => void (at += ms) };
}

const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const errorOf = async (response: Response) => apiErrorSchema.parse(await response.json()).error;

async function create(w: World, body: Record<string, unknown>): Promise<Account> {
  const response = await w.admin.fetch('/api/v1/accounts', json(body));
  expect(response.status).toBe(201);
  return accountSchema.parse(((await response.json()) as { account: unknown }).account);
}

async function invite(w: World, accountId: string) {
  const response = await w.admin.fetch(`/api/v1/accounts/${accountId}/invitation`, { method: 'POST' });
  expect(response.status).toBe(200);
  return invitationSchema.parse(await response.json());
}

function enrol(w: World, code: string, deviceName = 'Laptop Anny') {
  return fetch(`${w.server.url}/api/v1/enrol`, json({ code, deviceName }));
}

async function enrolled(w: World, code: string): Promise<PairedDevice> {
  const response = await enrol(w, code);
  expect(response.status).toBe(200);
  const { token, deviceId } = enrolResponseSchema.parse(await response.json());
  return { token, deviceId, fetch: (path, init = {}) => fetch(`${w.server.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string> | undefined) } }) };
}

/** A signer invited, enrolled from her e-mail's code. */
async function anna(w: World): Promise<{ account: Account; device: PairedDevice }> {
  const account = await create(w, { name: 'Anna Nowak', email: 'Anna.Nowak@Zaklady.pl', department: 'Kadry', isSigner: true });
  const { code } = await invite(w, account.id);
  return { account, device: await enrolled(w, code) };
}

describe('accounts', () => {
  it('invite: the e-mail arrives in the account language with a code and a signet://enrol link; enrolment gives a token whose /me is that account', async () => {
    const w = await world();
    const account = await create(w, { name: 'Anna Nowak', email: 'Anna.Nowak@Zaklady.pl', department: 'Kadry', isSigner: true });
    expect(account).toMatchObject({ email: 'anna.nowak@zaklady.pl', language: 'pl', isSigner: true, isAdmin: false, disabledAt: null });
    const shown = await invite(w, account.id);

    await expect.poll(() => w.sink.received.length).toBe(1);
    const mail = w.sink.received[0]!;
    expect(mail.to).toBe('anna.nowak@zaklady.pl');
    expect(mail.subject).toBe('Twoje konto Signet w firmie Signet');
    expect(mail.text).toContain(shown.code);
    const link = /signet:\/\/enrol\?\S+/.exec(mail.text)![0];
    expect(parseEnrolmentLink(link)).toEqual({ server: w.server.url, code: shown.code });
    // The code is not kept readable anywhere in the store but the outbox's copy of the e-mail.
    expect(JSON.stringify(await w.server.store.db.selectFrom('enrolment_codes').selectAll().execute())).not.toContain(shown.code.replaceAll('-', ''));

    const response = await enrol(w, parseEnrolmentLink(link)!.code.toLowerCase());
    expect(response.status).toBe(200);
    const answer = enrolResponseSchema.parse(await response.json());
    expect(answer.account).toEqual(account);
    const me = await fetch(`${w.server.url}/api/v1/me`, { headers: { authorization: `Bearer ${answer.token}` } });
    expect(meSchema.parse(await me.json())).toEqual({ account, deviceId: answer.deviceId, serverId: w.server.serverId });
  });

  it('refuses a code used twice, an expired one, one replaced by a new invitation, and a duplicate address', async () => {
    const w = await world();
    const account = await create(w, { name: 'Jan Kowalski', email: 'jan@zaklady.pl', language: 'en' });
    const first = await invite(w, account.id);
    const second = await invite(w, account.id);
    expect((await errorOf(await enrol(w, first.code))).code).toBe('ENROLMENT_CODE_EXPIRED');
    expect((await enrol(w, second.code)).status).toBe(200);
    const again = await enrol(w, second.code, 'Another');
    expect(again.status).toBe(401);
    expect((await errorOf(again)).code).toBe('ENROLMENT_CODE_USED');

    const third = await invite(w, account.id);
    w.advance(7 * 24 * 3600_000);
    expect((await errorOf(await enrol(w, third.code))).code).toBe('ENROLMENT_CODE_EXPIRED');
    expect((await errorOf(await enrol(w, 'ABCDE-FGHJK-MNPQR-STWXY'))).code).toBe('ENROLMENT_CODE_INVALID');

    const taken = await w.admin.fetch('/api/v1/accounts', json({ name: 'Jan 2', email: 'JAN@zaklady.pl' }));
    expect(taken.status).toBe(409);
    expect((await errorOf(taken)).code).toBe('EMAIL_TAKEN');
    await expect.poll(() => w.sink.received.length).toBe(3);
    expect(w.sink.received[0]!.subject).toBe('Your Signet account at Signet');
  });

  it('gives a non-administrator 403 FORBIDDEN on every administrator route, and /me still works', async () => {
    const w = await world();
    const { account, device } = await anna(w);
    const calls: [string, RequestInit?][] = [
      ['/api/v1/accounts'],
      ['/api/v1/accounts', json({ name: 'X', email: 'x@zaklady.pl' })],
      [`/api/v1/accounts/${account.id}`, json({ isAdmin: true })],
      [`/api/v1/accounts/${account.id}/disable`, { method: 'POST' }],
      [`/api/v1/accounts/${account.id}/enable`, { method: 'POST' }],
      [`/api/v1/accounts/${account.id}/reset-devices`, { method: 'POST' }],
      [`/api/v1/accounts/${account.id}/devices`],
      [`/api/v1/accounts/${account.id}/invitation`, { method: 'POST' }],
      [`/api/v1/devices/${w.admin.deviceId}/revoke`, { method: 'POST' }],
    ];
    for (const [path, init] of calls) {
      const response = await device.fetch(path, init);
      expect(response.status, path).toBe(403);
      expect((await errorOf(response)).code).toBe('FORBIDDEN');
    }
    expect((await device.fetch('/api/v1/me')).status).toBe(200);
    // Made an administrator, the same device may.
    expect((await w.admin.fetch(`/api/v1/accounts/${account.id}`, json({ isAdmin: true }))).status).toBe(200);
    expect((await device.fetch('/api/v1/accounts')).status).toBe(200);
  });

  it('disable: every request from the account devices is 403 ACCOUNT_DISABLED, its tokens kept; enable lets them in again', async () => {
    const w = await world();
    const { account, device } = await anna(w);
    expect((await w.admin.fetch(`/api/v1/accounts/${account.id}/disable`, { method: 'POST' })).status).toBe(200);
    for (const path of ['/api/v1/me', '/api/v1/whoami', '/api/v1/sync/pull?after=0']) {
      const response = await device.fetch(path);
      expect(response.status, path).toBe(403);
      expect((await errorOf(response)).code).toBe('ACCOUNT_DISABLED');
    }
    expect(await w.server.store.db.selectFrom('devices').select('revoked_at').where('id', '=', device.deviceId).executeTakeFirstOrThrow()).toEqual({ revoked_at: null });
    expect((await w.admin.fetch(`/api/v1/accounts/${account.id}/enable`, { method: 'POST' })).status).toBe(200);
    expect((await device.fetch('/api/v1/me')).status).toBe(200);
    // The administrator cannot lock themselves out.
    const me = meSchema.parse(await (await w.admin.fetch('/api/v1/me')).json());
    expect((await w.admin.fetch(`/api/v1/accounts/${me.account.id}/disable`, { method: 'POST' })).status).toBe(400);
  });

  it('reset devices: each of the account devices is 401 DEVICE_REVOKED, other accounts untouched; one device revoked alone', async () => {
    const w = await world();
    const { account, device } = await anna(w);
    const second = await enrolled(w, (await invite(w, account.id)).code);
    const devices = async () => ((await (await w.admin.fetch(`/api/v1/accounts/${account.id}/devices`)).json()) as { devices: { id: string; revokedAt: string | null }[] }).devices;
    expect((await devices()).map((d) => d.id).sort()).toEqual([device.deviceId, second.deviceId].sort());

    expect((await w.admin.fetch(`/api/v1/devices/${second.deviceId}/revoke`, { method: 'POST' })).status).toBe(204);
    expect((await errorOf(await second.fetch('/api/v1/me'))).code).toBe('DEVICE_REVOKED');
    expect((await device.fetch('/api/v1/me')).status).toBe(200);

    const reset = await w.admin.fetch(`/api/v1/accounts/${account.id}/reset-devices`, { method: 'POST' });
    expect(await reset.json()).toEqual({ revoked: 1 });
    const refused = await device.fetch('/api/v1/me');
    expect(refused.status).toBe(401);
    expect((await errorOf(refused)).code).toBe('DEVICE_REVOKED');
    expect((await errorOf(await fetch(`${w.server.url}/api/v1/me`, { headers: { authorization: `Bearer ${'x'.repeat(43)}` } }))).code).toBe('UNAUTHENTICATED');
    expect((await w.admin.fetch('/api/v1/me')).status).toBe(200);
    expect((await devices()).every((d) => d.revokedAt !== null)).toBe(true);

    const list = accountListSchema.parse(await (await w.admin.fetch('/api/v1/accounts')).json());
    expect(list.accounts.map((a) => [a.name, a.isAdmin, a.activeDevices])).toEqual([
      ['Administrator', true, 1],
      ['Anna Nowak', false, 0],
    ]);
  });
});
