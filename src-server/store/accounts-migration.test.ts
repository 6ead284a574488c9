import { describe, expect, it } from 'vitest';
import { tempDir } from '../../src-main/test-support/temp-services';
import { builtinAdministratorId } from '../accounts/builtin-administrator';
import { sha256Hex } from '../pairing/secrets';
import { startTestServer } from '../test-support/test-server';
import { serverMigrations } from './migrations';
import { openServerStore } from './open-server-store';

const at = '2026-05-04T08:00:00.000Z';

describe('migration 010 (accounts)', () => {
  it('gives the devices of a server upgraded from issue 6 to a built-in Administrator, whose tokens keep working and may administer', async () => {
    const dataDir = tempDir('signet-server-store-');
    const before = await openServerStore(dataDir, { migrations: serverMigrations.slice(0, 8) });
    for (const [id, revoked] of [['dev-a', null], ['dev-b', at]] as const) {
      await before.db.insertInto('devices').values({ id, name: id, token_hash: sha256Hex(`token-${id}`.padEnd(43, 'x')), created_at: at, last_seen_at: null, revoked_at: revoked }).execute();
    }
    await before.close();

    const server = await startTestServer({ dataDir });
    try {
      expect(server.store.sqlite!.pragma('user_version', { simple: true })).toBe(serverMigrations.length);
      const adminId = await builtinAdministratorId(server.store.db);
      expect(await server.store.db.selectFrom('accounts').select(['id', 'name', 'is_admin', 'disabled_at']).execute()).toEqual([{ id: adminId, name: 'Administrator', is_admin: 1, disabled_at: null }]);
      expect(await server.store.db.selectFrom('devices').select(['id', 'account_id']).orderBy('id').execute()).toEqual([
        { id: 'dev-a', account_id: adminId },
        { id: 'dev-b', account_id: adminId },
      ]);
      const as = (id: string) => ({ headers: { authorization: `Bearer ${`token-${id}`.padEnd(43, 'x')}` } });
      const me = await fetch(`${server.url}/api/v1/me`, as('dev-a'));
      expect(await me.json()).toMatchObject({ account: { id: adminId, isAdmin: true }, deviceId: 'dev-a' });
      expect((await fetch(`${server.url}/api/v1/accounts`, as('dev-a'))).status).toBe(200);
      expect(await (await fetch(`${server.url}/api/v1/me`, as('dev-b'))).json()).toMatchObject({ error: { code: 'DEVICE_REVOKED' } });
    } finally {
      await server.close();
    }
  });
});
