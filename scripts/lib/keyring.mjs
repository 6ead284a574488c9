/**
 * Runs a command inside its own D-Bus session with a freshly created, unlocked GNOME Keyring, so the keychain tests
 * (keytar → libsecret → Secret Service) work on a headless machine and never touch the developer's own keyring:
 *
 *   dbus-run-session -- sh -c 'printf %s "$PW" | gnome-keyring-daemon --unlock --components=secrets; exec "$@"'
 *
 * The keyring files live in a throwaway XDG_DATA_HOME (HOME is left alone, so npm and browser caches stay where they
 * are) and the daemon's sockets in a throwaway XDG_RUNTIME_DIR; both are removed afterwards. The daemon ends with its
 * D-Bus session. On macOS and Windows the command runs as is: keytar uses the logged-in user's keychain there.
 *
 * As a command: `node scripts/lib/keyring.mjs npx vitest run src-main/secrets/keytar-store.test.ts`.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { has, root } from './run.mjs';

/** Set inside the wrapper, so a test that finds no keychain can tell "not started through the wrapper" from "broken". */
export const keyringMarker = 'SIGNET_TEST_KEYRING';

export function keyringTools() {
  if (process.platform !== 'linux') return { needed: false };
  const missing = ['dbus-run-session', 'gnome-keyring-daemon'].filter((c) => !has(c));
  return { needed: true, missing };
}

const script = [
  // The password arrives in the environment (not in argv, which `ps` shows) and is dropped before the command runs.
  // If the daemon fails, the other tests still run; the keychain test then fails and says why.
  'printf %s "$SIGNET_KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >/dev/null ||',
  '  echo "keyring: gnome-keyring-daemon could not start an unlocked keyring; the keychain test will fail" >&2',
  'unset SIGNET_KEYRING_PASSWORD',
  'exec "$@"',
].join('\n');

/** Runs `command args…` in the project root with inherited output, inside a keyring session where one is needed; resolves with its exit code. */
export async function withKeyring(command, args = [], options = {}) {
  const tools = keyringTools();
  const baseEnv = { ...process.env, ...options.env };
  if (!tools.needed) return spawnAndWait(command, args, baseEnv);
  if (tools.missing.length > 0) {
    console.warn(
      `keyring: ${tools.missing.join(' and ')} not found, so the tests run without a test keyring and the keychain test will fail.\n` +
        '         Install the Debian packages gnome-keyring and dbus-x11 (npm test does this when run as root).',
    );
    return spawnAndWait(command, args, baseEnv);
  }

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-keyring-'));
  const dataHome = path.join(dir, 'data');
  const runtimeDir = path.join(dir, 'run');
  fs.mkdirSync(dataHome, { mode: 0o700 });
  fs.mkdirSync(runtimeDir, { mode: 0o700 });
  const env = {
    ...baseEnv,
    XDG_DATA_HOME: dataHome,
    XDG_RUNTIME_DIR: runtimeDir,
    SIGNET_KEYRING_PASSWORD: randomBytes(16).toString('hex'),
    [keyringMarker]: '1',
  };
  // A desktop session's own keyring and bus must not leak in: dbus-run-session sets its own address.
  for (const name of ['DBUS_SESSION_BUS_ADDRESS', 'GNOME_KEYRING_CONTROL']) delete env[name];
  try {
    return await spawnAndWait('dbus-run-session', ['--', 'sh', '-c', script, 'signet-keyring', command, ...args], env);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  }
}

function spawnAndWait(command, args, env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
    // Pass SIGTERM/SIGINT on instead of dying first, so the folder above is still removed.
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    const done = (code) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code);
    };
    child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
    child.on('error', (error) => {
      console.error(`cannot run ${command}: ${error.message}`);
      done(127);
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [command, ...args] = process.argv.slice(2);
  if (!command) {
    console.error('usage: node scripts/lib/keyring.mjs COMMAND [ARGS…]   e.g. npx vitest run src-main/secrets');
    process.exit(2);
  }
  process.exit(await withKeyring(command, args));
}
