import { createPairingCode } from '../pairing/pairing-codes';
import { listDevices, revokeDevice } from '../pairing/devices';
import { databaseUrlOf } from '../store/database-url';
import { openServerStore } from '../store/open-server-store';

export interface PairOutput {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * `signet-server pair`: run on the server's machine by whoever administers it, against the same data folder as the
 * running server (SQLite in WAL mode lets both use it). The code is printed here once; only its hash is kept.
 */
export async function pairCommand(dataDir: string, action: { list: true } | { revoke: string } | { create: true }, now: () => Date = () => new Date()): Promise<PairOutput> {
  const store = await openServerStore(dataDir, { databaseUrl: databaseUrlOf() });
  try {
    if ('list' in action) {
      const devices = await listDevices(store.db);
      if (devices.length === 0) return { exitCode: 0, stdout: 'No desktops are paired with this server.\n', stderr: '' };
      // Whose each device is (its account's e-mail), before its name, which may hold spaces.
      const emails = new Map((await store.db.selectFrom('accounts').select(['id', 'email']).execute()).map((a) => [a.id, a.email]));
      const owner = (d: (typeof devices)[number]) => (d.accountId && emails.has(d.accountId) ? `${emails.get(d.accountId)}  ` : '');
      const lines = devices.map((d) => `${d.id}  ${d.revokedAt ? `revoked ${d.revokedAt}` : 'active'}  paired ${d.pairedAt}  last seen ${d.lastSeenAt ?? 'never'}  ${owner(d)}${d.name}`);
      return { exitCode: 0, stdout: `${lines.join('\n')}\n`, stderr: '' };
    }
    if ('revoke' in action) {
      const revoked = await revokeDevice(store.db, action.revoke, now());
      return revoked
        ? { exitCode: 0, stdout: `Device ${action.revoke} is unlinked: its token no longer works.\n`, stderr: '' }
        : { exitCode: 1, stdout: '', stderr: `signet-server: no paired, unrevoked device has the ID ${action.revoke} (see pair --list)\n` };
    }
    const { code, expiresAt } = await createPairingCode(store.db, now());
    return {
      exitCode: 0,
      stdout:
        `Pairing code: ${code}\n` +
        `Valid until ${expiresAt} (10 minutes), for one desktop. In Signet: Settings > Company server, enter this server's address and the code.\n` +
        'The code is not stored in readable form and is not shown again; run pair again for a new one.\n',
      stderr: '',
    };
  } finally {
    await store.close();
  }
}
