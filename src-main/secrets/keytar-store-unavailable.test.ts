import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { appErrorOf } from '../test-support/app-error';
import type { Log } from '../app/log';
import { tempDir } from '../test-support/temp-services';
import { createKeytarStore, probeKeychain, type KeytarModule } from './keytar-store';
import { isKeychainUnavailable, keychainUnavailableKey } from './secret-store';

const root = path.resolve(import.meta.dirname, '../..');

/** An in-memory keytar for the paths a real keychain cannot be made to take on demand. */
function fakeKeytar(overrides: Partial<KeytarModule> = {}): KeytarModule & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    getPassword: async (s, a) => entries.get(`${s}/${a}`) ?? null,
    setPassword: async (s, a, p) => void entries.set(`${s}/${a}`, p),
    deletePassword: async (s, a) => entries.delete(`${s}/${a}`),
    ...overrides,
  };
}

function filesContaining(dir: string, needle: string): string[] {
  const hits: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if (entry.isFile() && fs.readFileSync(file).includes(needle)) hits.push(file);
  }
  return hits;
}

describe('keychain unavailable', () => {
  it('a real keytar with no D-Bus session behind it gives the clear error, and nothing is written anywhere', () => {
    // A child process, so libsecret's per-process bus connection is the dead one. HOME, the XDG folders and TMPDIR all
    // point into one temporary folder: any plain-text fallback would have to land there.
    const dir = tempDir('signet-nokeychain-');
    for (const sub of ['home', 'data', 'config', 'cache', 'run', 'tmp']) fs.mkdirSync(path.join(dir, sub), { mode: 0o700 });
    const secret = `-----BEGIN PRIVATE KEY-----\nzażółć-${randomUUID()}\n-----END PRIVATE KEY-----\n`;
    // The module runner used to load TypeScript closes after the import, so the child hands keytar in itself.
    const script = `
      import { createRequire } from 'node:module';
      const { runnerImport } = await import('vite');
      const { module } = await runnerImport(${JSON.stringify(path.join(root, 'src-main/secrets/keytar-store.ts'))});
      const keytar = createRequire(${JSON.stringify(`${root}/`)})('keytar');
      const options = { service: 'Signet test', timeoutMs: 10000, load: async () => keytar };
      const out = { probe: await module.probeKeychain(options) };
      const store = module.createKeytarStore(options);
      for (const [op, run] of [['set', () => store.set('seal-key', process.env.TEST_SECRET)], ['get', () => store.get('seal-key')]]) {
        try { out[op] = { ok: await run() }; } catch (e) { out[op] = { error: typeof e.toData === 'function' ? e.toData() : String(e) }; }
      }
      process.stdout.write(JSON.stringify(out));
    `;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(dir, 'run', 'no-bus-here')}`,
      HOME: path.join(dir, 'home'),
      XDG_DATA_HOME: path.join(dir, 'data'),
      XDG_CONFIG_HOME: path.join(dir, 'config'),
      XDG_CACHE_HOME: path.join(dir, 'cache'),
      XDG_RUNTIME_DIR: path.join(dir, 'run'),
      TMPDIR: path.join(dir, 'tmp'),
      TEST_SECRET: secret,
    };
    delete env.DISPLAY; // no X11 autolaunch of a bus either
    delete env.GNOME_KEYRING_CONTROL;
    onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, env, encoding: 'utf8', timeout: 30_000 });
    expect(child.status, child.stderr).toBe(0);
    const out = JSON.parse(child.stdout) as Record<string, { ok?: unknown; error?: { code: string; messageKey: string; details: { reason: string } } }> & {
      probe: { available: boolean; reason?: string };
    };

    expect(out.probe.available).toBe(false);
    expect(out.probe.reason).toMatch(/connect/i);
    for (const op of ['set', 'get']) {
      expect(out[op]!.ok).toBeUndefined();
      expect(out[op]!.error).toMatchObject({ messageKey: keychainUnavailableKey, details: { reason: expect.stringMatching(/connect/i) } });
      expect(JSON.stringify(out[op]!.error)).not.toContain('zażółć');
    }
    expect(filesContaining(dir, 'zażółć')).toEqual([]);
  });

  it('a keytar that cannot load (no native module) is an error at first use, not at start-up', async () => {
    let loads = 0;
    const store = createKeytarStore({
      load: () => {
        loads++;
        return Promise.reject(new Error("Cannot find module '../build/Release/keytar.node'"));
      },
    });
    expect(loads).toBe(0);
    expect(store.describe()).toContain('service "Signet"');
    const error = await appErrorOf(store.set('seal-key', 'secret'));
    expect(isKeychainUnavailable(error)).toBe(true);
    expect(error.toData()).toEqual({
      code: 'KEYCHAIN_UNAVAILABLE',
      messageKey: 'errors.keychainUnavailable',
      details: { reason: "the keytar native module cannot be loaded: Cannot find module '../build/Release/keytar.node'" },
    });
    expect(loads).toBe(1);
  });

  it('a keychain that throws is reported with its own words, logged without the secret, and no fallback keeps the secret', async () => {
    const lines: string[] = [];
    const log: Log = { info: () => {}, warn: (msg, fields) => lines.push(JSON.stringify({ msg, fields })), error: () => {} };
    const keytar = fakeKeytar({
      setPassword: async () => {
        throw new Error('Cannot create an item in a locked collection');
      },
    });
    const store = createKeytarStore({ load: async () => keytar, log });
    const error = await appErrorOf(store.set('seal-key', 'TOP-SECRET-KEY'));
    expect(error.messageKey).toBe('errors.keychainUnavailable');
    expect(error.details).toEqual({ reason: 'Cannot create an item in a locked collection' });
    expect(keytar.entries.size).toBe(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('locked collection');
    expect(lines.join('\n')).not.toContain('TOP-SECRET-KEY');
  });

  it('a keychain that never answers (locked, no prompter) times out with the clear error', async () => {
    const hang = () => new Promise<never>(() => {});
    const store = createKeytarStore({ load: async () => fakeKeytar({ getPassword: hang, setPassword: hang }), timeoutMs: 150 });
    const t0 = Date.now();
    const error = await appErrorOf(store.get('seal-key'));
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(error.messageKey).toBe('errors.keychainUnavailable');
    expect(String(error.details?.reason)).toMatch(/did not answer within 0\.1 s \(get\)/);

    const probe = await probeKeychain({ load: async () => fakeKeytar({ setPassword: hang }), timeoutMs: 150 });
    expect(probe.available).toBe(false);
    expect(probe.available === false && probe.reason).toMatch(/did not answer/);
  });

  it('while a timed-out call is still stuck, further calls fail at once instead of tying up more threads', async () => {
    let release: (value: string) => void = () => {};
    const stuckGet = new Promise<string>((resolve) => (release = resolve));
    let calls = 0;
    const keytar = fakeKeytar({
      getPassword: () => {
        calls++;
        return calls === 1 ? stuckGet : Promise.resolve('later');
      },
    });
    const load = async () => keytar;
    const store = createKeytarStore({ load, timeoutMs: 100 });
    expect(String((await appErrorOf(store.get('a'))).details?.reason)).toMatch(/did not answer/);
    // Another store over the same keytar shares the stuck state: the threads are the process's.
    const other = createKeytarStore({ load, timeoutMs: 100 });
    expect(String((await appErrorOf(other.get('a'))).details?.reason)).toMatch(/has not returned yet/);
    expect(calls).toBe(1);
    release('finally');
    await stuckGet;
    await new Promise((resolve) => setImmediate(resolve));
    expect(await store.get('a')).toBe('later');
  });

  it('the probe notices a keychain that loses or alters what it was given', async () => {
    const lossy = fakeKeytar({ getPassword: async () => null });
    expect(await probeKeychain({ load: async () => lossy })).toEqual({
      available: false,
      reason: 'the keychain returned a different value than was stored',
    });
    const ok = fakeKeytar();
    expect(await probeKeychain({ load: async () => ok, service: 'S' })).toMatchObject({ available: true, backend: expect.stringContaining('service "S"') });
    expect(ok.entries.size).toBe(0); // the probe cleans up after itself
  });

  it('refuses secrets a keychain would silently truncate or reject, before touching it', async () => {
    const keytar = fakeKeytar();
    const store = createKeytarStore({ load: async () => keytar, maxSecretBytes: 2560 });
    expect((await appErrorOf(store.set('seal-key', 'abc\0def'))).code).toBe('VALIDATION');
    expect((await appErrorOf(store.set('seal-key', ''))).code).toBe('VALIDATION');
    expect((await appErrorOf(store.set('', 'x'))).code).toBe('VALIDATION');
    expect((await appErrorOf(store.get(''))).code).toBe('VALIDATION');
    // Windows Credential Manager's limit: 2,560 bytes of UTF-8 (ą is two bytes).
    expect((await appErrorOf(store.set('seal-key', 'ą'.repeat(1281)))).toData()).toEqual({
      code: 'VALIDATION',
      messageKey: 'errors.secretTooLarge',
      details: { bytes: 2562, max: 2560 },
    });
    await store.set('seal-key', 'ą'.repeat(1280));
    expect(keytar.entries.size).toBe(1);
  });
});
