import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../../src-shared/company-server/api';
import { desktopSignaturePath, unlockCodePath } from '../../src-shared/company-server/events';
import { levelsOf, permissionActionNames, type AccessLevel, type PermissionAction } from '../../src-shared/permissions/actions';
import { reaches, type Owned } from '../../src-shared/permissions/policy';
import { builtinRoleId, builtinRoles, defaultRoleLevels, type RoleLevels } from '../../src-shared/permissions/roles';
import type { SyncValue } from '../../src-shared/sync/merge';
import { resourcesDir } from '../../src-main/test-support/temp-services';
import { enrolAccountDevice, type AccountDevice } from '../test-support/account-device';
import { publishNda } from '../test-support/published-document';
import { startTestServer, type TestServer } from '../test-support/test-server';

/*
 * The authorization step over real HTTP: accounts' devices enrolled as employees get them, the synced facts it reads
 * (documents' owners and departments, roles, holdings) put in sync_entries as a desktop's push leaves them.
 */
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const pdf = new Uint8Array(fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf')));

let seq = 0;
/** A record's fields as the server keeps them after a push (each field's winning entry, its value as JSON). */
async function synced(server: TestServer, entity: string, id: string, fields: Record<string, SyncValue>): Promise<void> {
  const at = new Date().toISOString();
  for (const [key, value] of Object.entries(fields)) {
    const entry = { value: JSON.stringify(value), stamp: `${at}-${++seq}`, seq, device_id: 'a-desktop', accepted_at: at };
    await server.store.db
      .insertInto('sync_entries')
      .values({ kind: 'field', entity, entity_id: id, key, ...entry })
      .onConflict((oc) => oc.columns(['kind', 'entity', 'entity_id', 'key']).doUpdateSet(entry))
      .execute();
  }
}

const ownedBy = (server: TestServer, documentId: string, ownerId: string, department: string) => synced(server, 'document', documentId, { owner_id: ownerId, department });
const hold = (server: TestServer, accountId: string, roleId: string) => synced(server, 'role_assignment', `user|${roleId}|${accountId}`, { subject_kind: 'user', subject: accountId, role_id: roleId });

interface World {
  server: TestServer;
  admin: AccountDevice;
  /** An Employee (neither administrator nor signer) of Kadry. */
  ewa: AccountDevice;
}

async function world(): Promise<World> {
  const server = await startTestServer({ linkOutbox: async () => {} });
  cleanup.push(() => server.close());
  return {
    server,
    admin: await enrolAccountDevice(server, { name: 'Adam Zieliński', email: 'adam@zaklady.pl', isAdmin: true }),
    ewa: await enrolAccountDevice(server, { name: 'Ewa Wójcik', email: 'ewa@zaklady.pl', department: 'Kadry' }),
  };
}

const post = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const signature = { signedAt: '2026-05-04T08:15:00Z', method: 'drawn', identityCheck: 'appLogin', image: 'iVBORw0KGgo=' };

const signFor = (device: AccountDevice, publishedId: string) => device.fetch(desktopSignaturePath(publishedId, '31'), post(signature));
const sealedOf = (device: AccountDevice, publishedId: string) => device.fetch(`/api/v1/documents/${publishedId}/sealed`);
const unlock = (device: AccountDevice, publishedId: string) => device.fetch(unlockCodePath(publishedId, '31'), { method: 'POST' });
const cancel = (device: AccountDevice, documentId: string) => device.fetch(`/api/v1/documents/${documentId}/cancel`, { method: 'POST' });
const codeOf = async (response: Response) => apiErrorSchema.parse(await response.json()).error.code;

function refusals(server: TestServer) {
  return server.logLines
    .map((line) => JSON.parse(line) as { msg: string; accountId?: string; action?: string; route?: string })
    .filter((entry) => entry.msg === 'refused by access permissions')
    .map(({ accountId, action, route }) => ({ accountId, action, route }));
}

describe('the authorization step of the API', () => {
  it("refuses an Employee publishing, signing for the company, the sealed file, unlocking and cancelling another department's document, and logs each", async () => {
    const { server, admin, ewa } = await world();
    const theirs = randomUUID();
    await ownedBy(server, theirs, 'olga-id', 'Sprzedaż');

    await expect(publishNda(ewa, pdf, theirs)).rejects.toThrow(/HTTP 403 .*FORBIDDEN/);
    expect(await server.store.db.selectFrom('published_documents').select('id').where('device_id', '=', ewa.deviceId).execute()).toEqual([]);
    // Published from the administrator's desktop, it is found by its published id however it is asked for.
    const { publishedId } = await publishNda(admin, pdf, theirs);
    expect(await codeOf(await signFor(ewa, publishedId))).toBe('FORBIDDEN');
    expect(await codeOf(await sealedOf(ewa, publishedId))).toBe('FORBIDDEN');
    expect(await codeOf(await unlock(ewa, publishedId))).toBe('FORBIDDEN');
    const refused = apiErrorSchema.parse(await (await cancel(ewa, theirs)).json()).error;
    expect(refused).toMatchObject({ code: 'FORBIDDEN', messageKey: 'permissions.forbidden', values: { action: 'documents.cancelResend' } });
    expect((await server.store.db.selectFrom('published_signers').select('status').where('document_id', '=', publishedId).executeTakeFirstOrThrow()).status).toBe('waiting');

    const accountId = ewa.account.id;
    expect(refusals(server)).toEqual([
      { accountId, action: 'documents.send', route: '/api/v1/documents' },
      { accountId, action: 'documents.signForCompany', route: '/api/v1/documents/:publishedId/signers/:signerId/signature' },
      { accountId, action: 'documents.view', route: '/api/v1/documents/:id/sealed' },
      { accountId, action: 'documents.send', route: '/api/v1/documents/:publishedId/signers/:signerId/unlock-code' },
      { accountId, action: 'documents.cancelResend', route: '/api/v1/documents/:id/cancel' },
    ]);
  });

  it("lets an administrator's account through: the routes answer as they do for a document that is not there", async () => {
    const { server, admin } = await world();
    const missing = randomUUID();
    await ownedBy(server, missing, 'olga-id', 'Sprzedaż');
    for (const response of [await signFor(admin, missing), await sealedOf(admin, missing), await cancel(admin, missing)]) {
      expect(response.status).toBe(404);
      expect(await codeOf(response)).toBe('NOT_FOUND');
    }
    expect((await unlock(admin, missing)).status).not.toBe(403);
    expect(refusals(server)).toEqual([]);
  });

  it("lets an Employee granted documents.send at department level publish her department's document, not another's", async () => {
    const { server, ewa } = await world();
    const ours = randomUUID();
    const theirs = randomUUID();
    await ownedBy(server, ours, 'piotr-id', 'Kadry');
    await ownedBy(server, theirs, 'olga-id', 'Sprzedaż');
    await expect(publishNda(ewa, pdf, ours)).rejects.toThrow(/HTTP 403/);

    await synced(server, 'role', 'role-dispatch', { name: 'Wysyłka', builtin: null, levels: JSON.stringify({ 'documents.send': 'department' }), stage_moves: '{}' });
    await hold(server, ewa.account.id, builtinRoleId('employee'));
    await hold(server, ewa.account.id, 'role-dispatch');
    expect((await publishNda(ewa, pdf, ours)).state).toBe('open');
    await expect(publishNda(ewa, pdf, theirs)).rejects.toThrow(/HTTP 403 .*FORBIDDEN/);
  });

  it('decides a document no desktop pushed by the action at any level', async () => {
    const { server, ewa } = await world();
    expect((await publishNda(ewa, pdf, randomUUID())).state).toBe('open');
    expect(await codeOf(await sealedOf(ewa, randomUUID()))).toBe('NOT_FOUND');

    await hold(server, ewa.account.id, builtinRoleId('viewer'));
    await expect(publishNda(ewa, pdf, randomUUID())).rejects.toThrow(/HTTP 403 .*FORBIDDEN/);
  });
});

/*
 * Table-driven (issue 8): every level of every action a route is guarded by, and every built-in role, held alone by
 * one employee, against each route on a document of her own, one of her department's and another department's. The
 * step refuses exactly where the level does not reach; where it lets the request through, the route answers as it
 * does for a request that is not the document's device's (not 403).
 */
describe('the authorization step, every route action at every level', () => {
  const routeActions = ['documents.send', 'documents.cancelResend', 'documents.signForCompany', 'documents.view'] as const satisfies readonly PermissionAction[];
  const none = Object.fromEntries(permissionActionNames.map((a) => [a, 'none'])) as RoleLevels;
  const cases: { label: string; levels: RoleLevels; role?: string }[] = [
    ...routeActions.flatMap((action) => levelsOf(action).map((level) => ({ label: `${action} = ${level}`, levels: { ...none, [action]: level } }))),
    ...builtinRoles.map((role) => ({ label: `built-in ${role}`, levels: defaultRoleLevels[role], role: builtinRoleId(role) })),
  ];
  type Place = 'own' | 'department' | 'other';
  let w: World;
  const docs: Record<Place, { documentId: string; publishedId: string; owned: Owned }> = {} as never;
  let held: string | null = null;
  // One server for the whole table, closed after it (not after each case, as the file's other tests are).
  let close: () => Promise<void>;

  beforeAll(async () => {
    w = await world();
    close = cleanup.pop()!;
    const owners: Record<Place, Owned> = { own: { ownerId: w.ewa.account.id, department: null }, department: { ownerId: 'piotr-id', department: 'Kadry' }, other: { ownerId: 'olga-id', department: 'Sprzedaż' } };
    for (const place of ['own', 'department', 'other'] as const) {
      const documentId = randomUUID();
      await synced(w.server, 'document', documentId, { owner_id: owners[place].ownerId, department: owners[place].department });
      docs[place] = { documentId, publishedId: (await publishNda(w.admin, pdf, documentId)).publishedId, owned: owners[place] };
    }
  });
  afterAll(() => close());

  /** Ewa holds exactly this role from now on (the last one taken away, as a desktop's sync would). */
  async function holdOnly(roleId: string): Promise<void> {
    if (held) await synced(w.server, 'role_assignment', `user|${held}|${w.ewa.account.id}`, { deleted: true });
    await synced(w.server, 'role_assignment', `user|${roleId}|${w.ewa.account.id}`, { subject_kind: 'user', subject: w.ewa.account.id, role_id: roleId, deleted: false });
    held = roleId;
  }

  it.each(cases)('$label', async (c) => {
    const roleId = c.role ?? 'role-probe';
    if (!c.role) await synced(w.server, 'role', roleId, { name: 'Próba', builtin: null, levels: JSON.stringify(c.levels), stage_moves: '{}' });
    await holdOnly(roleId);
    const subject = { userId: w.ewa.account.id, department: 'Kadry' };
    const level = (action: PermissionAction): AccessLevel => c.levels[action];
    const outcome: Record<string, boolean> = {};
    const expected: Record<string, boolean> = {};
    for (const place of ['own', 'department', 'other'] as const) {
      const d = docs[place];
      const passes = async (response: Response) => response.status !== 403;
      // A body without the rest of a publish: past the step, the route refuses it as malformed (nothing published).
      outcome[`send ${place}`] = await passes(await w.ewa.fetch('/api/v1/documents', post({ documentId: d.documentId })));
      outcome[`unlock ${place}`] = await passes(await unlock(w.ewa, d.publishedId));
      expected[`send ${place}`] = expected[`unlock ${place}`] = reaches(level('documents.send'), subject, d.owned);
      outcome[`cancel ${place}`] = await passes(await cancel(w.ewa, d.documentId));
      expected[`cancel ${place}`] = reaches(level('documents.cancelResend'), subject, d.owned);
      outcome[`sign ${place}`] = await passes(await signFor(w.ewa, d.publishedId));
      expected[`sign ${place}`] = reaches(level('documents.signForCompany'), subject, d.owned);
      outcome[`sealed ${place}`] = await passes(await sealedOf(w.ewa, d.publishedId));
      expected[`sealed ${place}`] = reaches(level('documents.view'), subject, d.owned);
    }
    expect(outcome).toEqual(expected);
    // Nothing let through changed the administrator's documents.
    for (const place of ['own', 'department', 'other'] as const) {
      expect((await w.server.store.db.selectFrom('published_signers').select('status').where('document_id', '=', docs[place].publishedId).executeTakeFirstOrThrow()).status).toBe('waiting');
    }
  });
});
