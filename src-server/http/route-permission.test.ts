import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../../src-shared/company-server/api';
import { desktopSignaturePath, unlockCodePath } from '../../src-shared/company-server/events';
import { builtinRoleId } from '../../src-shared/permissions/roles';
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
    expect(await codeOf(await cancel(ewa, theirs))).toBe('FORBIDDEN');
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
