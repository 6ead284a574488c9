import { describe, expect, it } from 'vitest';
import { tempDir } from '../../src-main/test-support/temp-services';
import { openServerStore } from '../store/open-server-store';
import { pairCommand } from './pair-command';

describe('signet-server pair', () => {
  it('prints a code once (only its hash is kept), lists the paired desktops and revokes one', async () => {
    const dataDir = tempDir('signet-server-pair-');
    const now = () => new Date('2026-03-02T09:00:00Z');
    const made = await pairCommand(dataDir, { create: true }, now);
    expect(made.exitCode).toBe(0);
    const code = /Pairing code: ([2-9A-Z]{5}-[2-9A-Z]{5})\n/.exec(made.stdout)?.[1];
    expect(code).toBeDefined();
    expect(made.stdout).toContain('Valid until 2026-03-02T09:10:00.000Z (10 minutes)');

    const store = await openServerStore(dataDir);
    const rows = await store.db.selectFrom('pairing_codes').selectAll().execute();
    expect(rows).toEqual([{ hash: expect.stringMatching(/^[0-9a-f]{64}$/), created_at: '2026-03-02T09:00:00.000Z', expires_at: '2026-03-02T09:10:00.000Z', used_at: null, device_id: null }]);
    await store.db.insertInto('devices').values({ id: 'd-1', name: 'Recepcja', token_hash: 'f'.repeat(64), created_at: '2026-03-02T09:01:00.000Z', last_seen_at: null, revoked_at: null }).execute();
    await store.close();

    expect((await pairCommand(dataDir, { list: true })).stdout).toBe('d-1  active  paired 2026-03-02T09:01:00.000Z  last seen never  Recepcja\n');
    expect(await pairCommand(dataDir, { revoke: 'd-1' }, now)).toEqual({ exitCode: 0, stdout: 'Device d-1 is unlinked: its token no longer works.\n', stderr: '' });
    expect((await pairCommand(dataDir, { list: true })).stdout).toContain('d-1  revoked 2026-03-02T09:00:00.000Z');
    const again = await pairCommand(dataDir, { revoke: 'd-1' }, now);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain('no paired, unrevoked device has the ID d-1');
  });

  it('names the account of each device: a paired one is the built-in Administrator', async () => {
    const dataDir = tempDir('signet-server-pair-');
    const store = await openServerStore(dataDir);
    const admin = await store.db.selectFrom('accounts').select('id').executeTakeFirstOrThrow();
    await store.db.insertInto('devices').values({ id: 'd-2', name: 'Sekretariat 2', token_hash: 'e'.repeat(64), created_at: '2026-03-02T09:01:00.000Z', last_seen_at: null, revoked_at: null, account_id: admin.id }).execute();
    await store.close();
    expect((await pairCommand(dataDir, { list: true })).stdout).toBe('d-2  active  paired 2026-03-02T09:01:00.000Z  last seen never  administrator@signet.invalid  Sekretariat 2\n');
  });

  it('says when no desktop is paired', async () => {
    expect((await pairCommand(tempDir('signet-server-pair-'), { list: true })).stdout).toBe('No desktops are paired with this server.\n');
  });
});
