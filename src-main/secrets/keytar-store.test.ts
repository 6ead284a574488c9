import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeytarStore, probeKeychain } from './keytar-store';

/**
 * The real thing: keytar → libsecret → a Secret Service keyring (GNOME Keyring under `npm test`). Not skipped when there
 * is no keychain: it fails and says how to run it, because a silently skipped keychain test proves nothing.
 */
const service = `Signet test ${randomUUID()}`;
const store = createKeytarStore({ service, timeoutMs: 15_000 });
const accounts = ['seal-key', 'diacritics', 'other'];

const howToRun =
  'This test needs a D-Bus session with an unlocked Secret Service keyring. `npm test` starts one; for this file alone run\n' +
  '  node scripts/lib/keyring.mjs npx vitest run src-main/secrets/keytar-store.test.ts\n' +
  '(Linux: needs the Debian packages gnome-keyring and dbus-x11, which `npm test` installs when run as root).';

/** A PEM-shaped private key of about 3 KB: 64-character lines of base64, as a real RSA-4096 key looks. */
function pemLike(): string {
  const body = randomBytes(2250).toString('base64').match(/.{1,64}/g)!.join('\n');
  return `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`;
}

/**
 * Probed once and checked at the start of every test (not in `beforeAll`, whose failure vitest reports as skipped tests
 * and which the "N passed, N failed" summary would not count).
 */
let probe: ReturnType<typeof probeKeychain> | undefined;
async function requireKeychain(): Promise<void> {
  probe ??= probeKeychain({ service, timeoutMs: 15_000 });
  const result = await probe;
  if (!result.available) {
    const context = process.env.SIGNET_TEST_KEYRING
      ? 'The test keyring wrapper ran, but the keychain still does not work'
      : 'No usable keychain in this environment';
    throw new Error(`${context}: ${result.reason}\n${howToRun}`);
  }
}

afterAll(async () => {
  if (!(await probe)?.available) return;
  for (const account of accounts) await store.delete(account).catch(() => false);
});

describe('keytar store against the real keychain', () => {
  it('stores a 3 KB PEM key with its newlines and a Polish string, and reads both back identical', { timeout: 60_000 }, async () => {
    await requireKeychain();
    const pem = pemLike();
    expect(pem.length).toBeGreaterThan(3000);
    const polish = 'Zażółć gęślą jaźń — ŁÓDŹ, Żółkiewski, Ęą 🔏';

    const t0 = performance.now();
    await store.set('seal-key', pem);
    const t1 = performance.now();
    const read = await store.get('seal-key');
    const t2 = performance.now();
    expect(read).toBe(pem);
    expect(read!.split('\n')).toHaveLength(pem.split('\n').length);

    await store.set('diacritics', polish);
    expect(await store.get('diacritics')).toBe(polish);

    // Another instance (as after a restart) sees the same entries; another service does not.
    expect(await createKeytarStore({ service }).get('seal-key')).toBe(pem);
    expect(await createKeytarStore({ service: `${service} other` }).get('seal-key')).toBeNull();
    console.log(`keychain: set ${(t1 - t0).toFixed(1)} ms, get ${(t2 - t1).toFixed(1)} ms for ${pem.length} bytes (${store.describe()})`);
  });

  it('overwrites, deletes, and then reads null', async () => {
    await requireKeychain();
    await store.set('other', 'first');
    await store.set('other', 'second — drugi');
    expect(await store.get('other')).toBe('second — drugi');
    expect(await store.delete('other')).toBe(true);
    expect(await store.get('other')).toBeNull();
    expect(await store.delete('other')).toBe(false);
    expect(await store.get('never-stored')).toBeNull();
  });

  it('keeps the secret out of the keyring files in plain text (inside the test keyring)', async (context) => {
    await requireKeychain();
    const dataHome = process.env.XDG_DATA_HOME;
    if (!process.env.SIGNET_TEST_KEYRING || !dataHome) {
      context.skip(); // only meaningful for the throwaway keyring whose files we know; the tests above already ran
      return;
    }
    const dir = path.join(dataHome, 'keyrings');
    const size = () => fs.readdirSync(dir).reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0);
    const before = size();
    const marker = `plain-text-marker-${randomUUID()}-`.repeat(20);
    await store.set('other', marker);
    // The keyring file grew by the entry (it is on disk, not only in memory) and does not contain it readable.
    expect(size()).toBeGreaterThan(before + marker.length / 2);
    for (const f of fs.readdirSync(dir)) expect(fs.readFileSync(path.join(dir, f)).includes(marker.slice(0, 40))).toBe(false);
    await store.delete('other');
  });
});
