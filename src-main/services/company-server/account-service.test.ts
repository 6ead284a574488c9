import { afterEach, describe, expect, it } from 'vitest';
import { parseEnrolmentLink } from '../../../src-shared/company-server/account-api';
import { startMailingServer } from '../../../src-server/test-support/mailing-server';
import { refusalOf } from '../../test-support/app-error';
import { startTestApp, type TestApp } from '../../test-support/temp-services';
import { readLink, readToken } from './link-store';

/**
 * Accounts from the desktops' side, end to end: two desktops (real services, real SQLite, the test keyring) and the real
 * company server on loopback with its outbox sending to an SMTP server on loopback. The administrator's desktop is
 * paired with `signet-server pair` (the built-in Administrator); the employee's signs in with her invitation.
 */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function world() {
  const { server, sink, outbox } = await startMailingServer(cleanups, { now: () => new Date() });
  cleanups.push(() => server.close());
  await outbox.start();
  cleanups.push(() => outbox.stop());
  const desktop = async () => {
    const app = await startTestApp({ outbox: { autoStart: false } });
    cleanups.push(() => app.close());
    return app;
  };
  const admin = await desktop();
  await admin.ok('companyServer.pair', { url: server.url, code: await server.newCode(), deviceName: 'Sekretariat' });
  return { server, sink, admin, desktop };
}

async function signedInEmployee(w: Awaited<ReturnType<typeof world>>): Promise<{ app: TestApp; accountId: string }> {
  const { account } = await w.admin.ok('accounts.invite', { name: 'Anna Nowak', email: 'anna@zaklady.pl', department: 'Kadry', isSigner: true, language: 'en' });
  await expect.poll(() => w.sink.received.length).toBe(1);
  const link = parseEnrolmentLink(/signet:\/\/enrol\?\S+/.exec(w.sink.received[0]!.text)![0])!;
  const app = await w.desktop();
  await app.ok('companyServer.enrol', { url: link.server, code: link.code, deviceName: 'Laptop Anny' });
  return { app, accountId: account.id };
}

describe('accounts on the desktop', () => {
  it('an administrator invites, the employee signs in from the e-mail: token in the keychain, the account the current user, /me her account', async () => {
    const w = await world();
    expect(await w.admin.ok('accounts.me', {})).toMatchObject({ account: { name: 'Administrator', isAdmin: true } });
    const before = await w.admin.ok('app.info', {});
    const { app, accountId } = await signedInEmployee(w);

    const link = (await readLink(app.context))!;
    expect(link).toMatchObject({ url: w.server.url, deviceName: 'Laptop Anny', serverId: w.server.serverId });
    const token = (await readToken(app.context, link))!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(await app.context.db.selectFrom('settings').selectAll().execute())).not.toContain(token);

    expect((await app.ok('app.info', {})).user).toMatchObject({ id: accountId, name: 'Anna Nowak', email: 'anna@zaklady.pl', isSigner: true, isAdmin: false });
    expect(await app.ok('accounts.me', {})).toMatchObject({ account: { id: accountId, department: 'Kadry' } });
    // The administrator's desktop keeps its own local user: it owns that desktop's documents.
    expect((await w.admin.ok('app.info', {})).user.id).toBe(before.user.id);

    const list = await w.admin.ok('accounts.list', {});
    expect(list.accounts.map((a) => [a.name, a.activeDevices])).toEqual([
      ['Administrator', 1],
      ['Anna Nowak', 1],
    ]);
    // Her desktop refuses what her role does not allow before asking the server (which would refuse it too).
    const refused = await refusalOf(app.call('accounts.list', {}));
    expect(refused).toMatchObject({ code: 'FORBIDDEN', messageKey: 'permissions.forbidden', details: { action: 'permissions.manage' } });
  });

  it('disabled, the employee works on offline as herself; reset devices refuses her token; the devices list shows it revoked', async () => {
    const w = await world();
    const { app, accountId } = await signedInEmployee(w);
    expect(await w.admin.ok('accounts.setDisabled', { id: accountId, disabled: true })).toMatchObject({ disabledAt: expect.any(String) });
    expect(await app.ok('accounts.me', {})).toMatchObject({ account: { id: accountId, name: 'Anna Nowak' } });
    expect((await app.ok('app.info', {})).user.id).toBe(accountId);
    await w.admin.ok('accounts.setDisabled', { id: accountId, disabled: false });

    // An administrator's rename reaches her desktop's local user at the next look.
    await w.admin.ok('accounts.edit', { id: accountId, name: 'Anna Nowak-Kowalska' });
    expect(await app.ok('accounts.me', {})).toMatchObject({ account: { name: 'Anna Nowak-Kowalska' } });
    expect((await app.ok('app.info', {})).user.name).toBe('Anna Nowak-Kowalska');

    expect(await w.admin.ok('accounts.resetDevices', { id: accountId })).toEqual({ revoked: 1 });
    const token = (await readToken(app.context, (await readLink(app.context))!))!;
    const me = await fetch(`${w.server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(await me.json()).toMatchObject({ error: { code: 'DEVICE_REVOKED' } });
    expect((await w.admin.ok('accounts.devices', { id: accountId })).devices).toEqual([expect.objectContaining({ name: 'Laptop Anny', revokedAt: expect.any(String) })]);

    // A re-sent invitation signs her in again on a fresh desktop; one device revoked alone.
    const again = await w.admin.ok('accounts.resendInvitation', { id: accountId });
    const second = await w.desktop();
    await second.ok('companyServer.enrol', { url: w.server.url, code: again.code, deviceName: 'Laptop 2' });
    const device = (await w.admin.ok('accounts.devices', { id: accountId })).devices.find((d) => d.name === 'Laptop 2')!;
    expect(await w.admin.ok('accounts.revokeDevice', { id: device.id })).toEqual({ ok: true });
    expect(await refusalOf(second.call('companyServer.enrol', { url: w.server.url, code: again.code, deviceName: 'x' }))).toMatchObject({ code: 'IN_USE' });
  });

  it('the employee signs her own desktop out: the server revokes its token, the account is forgotten, she stays the local user', async () => {
    const w = await world();
    const { app, accountId } = await signedInEmployee(w);
    const token = (await readToken(app.context, (await readLink(app.context))!))!;
    expect(await app.ok('companyServer.unpair', {})).toMatchObject({ state: { linked: false }, serverRevoked: true });
    expect(await app.ok('accounts.me', {})).toEqual({ account: null });
    expect((await app.ok('app.info', {})).user.id).toBe(accountId);
    expect(await (await fetch(`${w.server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).json()).toMatchObject({ error: { code: 'DEVICE_REVOKED' } });
    // Not signed in any more and not an administrator here: unlinking is an administrator's again.
    await app.ok('companyServer.enrol', { url: w.server.url, code: (await w.admin.ok('accounts.resendInvitation', { id: accountId })).code, deviceName: 'Laptop Anny' });
    await app.context.db.deleteFrom('settings').where('key', '=', 'companyServer.account').execute();
    expect(await refusalOf(app.call('companyServer.unpair', {}))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('puts a used code on the code field', async () => {
    const w = await world();
    const { account } = await w.admin.ok('accounts.invite', { name: 'Jan', email: 'jan@zaklady.pl' });
    const invitation = await w.admin.ok('accounts.resendInvitation', { id: account.id });
    await (await w.desktop()).ok('companyServer.enrol', { url: w.server.url, code: invitation.code, deviceName: 'A' });
    const refused = await refusalOf((await w.desktop()).call('companyServer.enrol', { url: w.server.url, code: invitation.code, deviceName: 'B' }));
    expect(refused).toMatchObject({ code: 'VALIDATION', details: { issues: [{ path: 'code', messageKey: 'accounts.api.codeUsed' }] } });
  });
});
