import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resourcesDir, startTestApp, type TestApp } from '../../test-support/temp-services';

let app: TestApp;
let admin: string;

beforeEach(async () => {
  app = await startTestApp();
  admin = (await app.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Zenon Adamski', userEmail: 'Zenon@Zaklady.pl' })).user.id;
});
afterEach(async () => {
  await app.close();
});

const refusal = async (result: Promise<{ ok: boolean; error?: { code: string; messageKey: string; details?: Record<string, unknown> } }>) => {
  const r = await result;
  if (r.ok || !r.error) throw new Error('expected a refusal');
  return r.error;
};

describe('employees', () => {
  it('are listed for everyone by name as people read it, with their rights; an e-mail is checked and lower-cased', async () => {
    const added = await app.ok('users.add', { name: '  Łucja Nowak ', email: ' L.Nowak@Zaklady.PL ', isAdmin: false, isSigner: true });
    expect(added).toEqual({ id: expect.any(String), name: 'Łucja Nowak', email: 'l.nowak@zaklady.pl', isAdmin: false, isSigner: true });
    await app.ok('users.add', { name: 'Anna Zielińska', isAdmin: false, isSigner: false });
    const list = await app.ok('users.list', {});
    expect(list.map((u) => [u.name, u.isAdmin, u.isSigner])).toEqual([
      ['Anna Zielińska', false, false],
      ['Łucja Nowak', false, true],
      ['Zenon Adamski', true, true],
    ]);
    expect(list.find((u) => u.name === 'Anna Zielińska')).not.toHaveProperty('email');

    const bad = await refusal(app.call('users.add', { name: ' ', email: 'not-an-address', isAdmin: false, isSigner: false }));
    expect(bad.details?.issues).toEqual([
      { path: 'name', messageKey: 'validation.required' },
      { path: 'email', messageKey: 'validation.email' },
    ]);
    const missing = await refusal(app.call('users.add', { name: 'Jan' } as never));
    expect((missing.details?.issues as { path: string }[]).map((i) => i.path).sort()).toEqual(['isAdmin', 'isSigner']);
  });

  it('refuses an e-mail another employee has, whatever its case, but lets an employee keep their own', async () => {
    const taken = await refusal(app.call('users.add', { name: 'Zenon Drugi', email: 'zenon@zaklady.pl', isAdmin: false, isSigner: false }));
    expect(taken).toMatchObject({ code: 'VALIDATION', details: { issues: [{ path: 'email', messageKey: 'employees.emailTaken' }] } });
    const ewa = await app.ok('users.add', { name: 'Ewa', email: 'ewa@zaklady.pl', isAdmin: false, isSigner: false });
    expect(await app.ok('users.update', { id: ewa.id, name: 'Ewa Kowalska', email: 'EWA@zaklady.pl', isAdmin: false, isSigner: true })).toMatchObject({ name: 'Ewa Kowalska', email: 'ewa@zaklady.pl', isSigner: true });
    expect((await refusal(app.call('users.update', { id: ewa.id, name: 'Ewa', email: 'zenon@zaklady.pl', isAdmin: false, isSigner: false }))).details?.issues).toEqual([{ path: 'email', messageKey: 'employees.emailTaken' }]);
    // Cleared: an employee without an address.
    expect(await app.ok('users.update', { id: ewa.id, name: 'Ewa', isAdmin: false, isSigner: false })).not.toHaveProperty('email');
  });

  it('the last administrator keeps the right; with a second one, either may give it up', async () => {
    const last = await refusal(app.call('users.update', { id: admin, name: 'Zenon Adamski', isAdmin: false, isSigner: true }));
    expect(last).toEqual({ code: 'VALIDATION', messageKey: 'employees.lastAdmin' });
    expect((await app.ok('app.info', {})).user.isAdmin).toBe(true);

    const second = await app.ok('users.add', { name: 'Maria', isAdmin: true, isSigner: false });
    expect(await app.ok('users.update', { id: admin, name: 'Zenon Adamski', isAdmin: false, isSigner: true })).toMatchObject({ isAdmin: false });
    // No longer an administrator: the employee list is read-only for him now.
    expect(await refusal(app.call('users.update', { id: second.id, name: 'Maria', isAdmin: false, isSigner: false }))).toEqual({ code: 'FORBIDDEN', messageKey: 'permissions.forbidden', details: { action: 'permissions.manage' } });
    await app.ok('users.switch', { id: second.id });
    expect(await refusal(app.call('users.update', { id: second.id, name: 'Maria', isAdmin: false, isSigner: false }))).toMatchObject({ messageKey: 'employees.lastAdmin' });
  });

  it('only an administrator adds or changes employees', async () => {
    const clerk = await app.ok('users.add', { name: 'Kasia', isAdmin: false, isSigner: false });
    await app.ok('users.switch', { id: clerk.id });
    expect(await refusal(app.call('users.add', { name: 'Intruz', isAdmin: true, isSigner: true }))).toEqual({ code: 'FORBIDDEN', messageKey: 'permissions.forbidden', details: { action: 'permissions.manage' } });
    expect(await refusal(app.call('users.update', { id: clerk.id, name: 'Kasia', isAdmin: true, isSigner: true }))).toEqual({ code: 'FORBIDDEN', messageKey: 'permissions.forbidden', details: { action: 'permissions.manage' } });
    expect((await app.ok('users.list', {})).map((u) => u.name)).toEqual(['Kasia', 'Zenon Adamski']);
  });

  it('an unknown employee is neither changed nor switched to', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(await refusal(app.call('users.update', { id: unknown, name: 'X', isAdmin: false, isSigner: false }))).toEqual({ code: 'NOT_FOUND', messageKey: 'employees.notFound' });
    expect(await refusal(app.call('users.switch', { id: unknown }))).toEqual({ code: 'NOT_FOUND', messageKey: 'employees.notFound' });
    expect((await refusal(app.call('users.switch', { id: 'admin' }))).details?.issues).toEqual([{ path: 'id', messageKey: 'validation.id' }]);
    expect((await app.ok('app.info', {})).user.id).toBe(admin);
  });
});

describe('switching the employee', () => {
  it('returns the new app info, tells open windows, and survives a restart', async () => {
    const ewa = await app.ok('users.add', { name: 'Ewa', isAdmin: false, isSigner: true });
    const { cursor } = await app.ok('events.wait', { after: -1 });
    const info = await app.ok('users.switch', { id: ewa.id });
    expect(info).toMatchObject({ firstRun: false, user: { id: ewa.id, name: 'Ewa', isAdmin: false }, company: { name: 'Zakłady Łódzkie Sp. z o.o.' } });
    expect((await app.ok('events.wait', { after: cursor, timeoutMs: 0 })).events).toEqual([{ type: 'usersChanged' }]);

    const dataDir = app.dataDir;
    await app.close();
    app = await startTestApp({ dataDir });
    expect((await app.ok('app.info', {})).user.id).toBe(ewa.id);
  });

  it("gives each employee their own board view; a switch back finds the first one's as it was left", async () => {
    const [first] = await app.ok('stages.list', {});
    const ewa = await app.ok('users.add', { name: 'Ewa', isAdmin: false, isSigner: false });
    const mine = { hiddenStageIds: [first!.id], cardFields: ['number' as const, 'owner' as const], density: 'compact' as const };
    const saved = await app.ok('board.view.save', { view: mine });

    await app.ok('users.switch', { id: ewa.id });
    const fresh = await app.ok('board.view.get', {});
    expect(fresh).toMatchObject({ hiddenStageIds: [], cardFields: ['number', 'counterparty', 'amount', 'dueDate', 'nextAction', 'signers'], density: 'comfortable' });
    await app.ok('board.view.save', { view: { ...fresh, mode: 'list' } });

    await app.ok('users.switch', { id: admin });
    expect(await app.ok('board.view.get', {})).toEqual(saved);
    await app.ok('users.switch', { id: ewa.id });
    expect((await app.ok('board.view.get', {})).mode).toBe('list');
  });

  it('a document created after the switch belongs to the new employee, and the owner filter finds it', async () => {
    const ewa = await app.ok('users.add', { name: 'Ewa', isAdmin: false, isSigner: false });
    const { sha256 } = await app.ok('pdf.import', { data: fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf')).toString('base64') });
    await app.ok('documents.create', { fileSha256: sha256, originalName: 'a.pdf', title: 'Umowa Zenona' });
    await app.ok('users.switch', { id: ewa.id });
    const hers = await app.ok('documents.create', { fileSha256: sha256, originalName: 'b.pdf', title: 'Umowa Ewy' });
    expect(hers).toMatchObject({ ownerId: ewa.id, ownerName: 'Ewa' });
    const owned = async (ownerId: string) => (await app.ok('documents.list', { filter: { ownerId } })).items.map((d) => d.title);
    expect(await owned(ewa.id)).toEqual(['Umowa Ewy']);
    // An employee (the role a new non-administrator starts with) sees her own documents only.
    expect(await owned(admin)).toEqual([]);
    await app.ok('users.switch', { id: admin });
    expect(await owned(admin)).toEqual(['Umowa Zenona']);
    expect(await owned(ewa.id)).toEqual(['Umowa Ewy']);
  });
});
