import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CallName } from '../../src-shared/contract/calls';
import type { CallResult } from '../../src-shared/contract/result';
import type { CallInput, CallOutput } from '../../src-shared/contract/types';
import { startServices, type RunningServices, type StartOptions } from '../app/bootstrap';
import { silentLog, type Log } from '../app/log';
import { createKeytarStore } from '../secrets/keytar-store';
import type { SafeStorageLike } from '../secrets/safe-storage-store';
import type { SecretStore } from '../secrets/secret-store';

/** The repository's shipped assets, as the hosts pass them. */
export const resourcesDir = path.resolve(import.meta.dirname, '../../resources');

export function tempDir(prefix = 'signet-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestApp extends RunningServices {
  dataDir: string;
  /** A call through the real dispatcher (schema validation included), as a transport would make it. */
  call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallResult<CallOutput<K>>>;
  /** The same, expecting success. */
  ok<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>>;
}

export interface TestAppOptions {
  dataDir?: string;
  demo?: boolean;
  demoDocuments?: number;
  /** Default: the real keychain (the test keyring under `npm test`) under a service name of this app's own. */
  keychain?: SecretStore;
  safeStorage?: SafeStorageLike;
  /** The outbox worker's options; `autoStart: false` leaves it to the test (a fixed clock, `runDue`). */
  outbox?: StartOptions['outbox'];
  /** The company server publisher's options; `autoStart: false` leaves it to the test. */
  publish?: StartOptions['publish'];
  /** The signature reports' options, likewise. */
  reports?: StartOptions['reports'];
  /** The company server feed follower's options; off unless a test turns it on (`{ autoStart: true }`, or `follower.start()`). */
  follow?: StartOptions['follow'];
  /** Sync with the company server; off unless a test turns it on (`{ autoStart: true }`, or `sync.start()` / `sync.runNow()`). */
  sync?: StartOptions['sync'];
  /** The automation worker; off unless a test turns it on (`{ autoStart: true }`, or drives `automation.runDue()`). */
  automation?: StartOptions['automation'];
  /** The services' clock (default: the real one). */
  now?: StartOptions['now'];
  /** Where the services log; default: nowhere. */
  log?: Log;
  /** The managed policy; default: none (not this machine's). */
  policy?: StartOptions['policy'];
  /** The app's updates; default: off, as in the browser host. */
  updates?: StartOptions['updates'];
  /** PDFs "opened with the app"; default: none. */
  openedFiles?: StartOptions['openedFiles'];
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = options.dataDir ?? tempDir();
  const services = await startServices({
    policy: options.policy ?? { source: { kind: 'none' }, policy: {}, problems: [] },
    dataDir,
    appVersion: '0.0.0-test',
    log: options.log ?? silentLog,
    demo: options.demo ?? false,
    demoDocuments: options.demoDocuments ?? 0,
    resourcesDir,
    keychain: options.keychain ?? createKeytarStore({ service: `Signet test ${randomUUID()}`, timeoutMs: 15_000 }),
    safeStorage: options.safeStorage,
    outbox: options.outbox,
    publish: options.publish,
    follow: { autoStart: false, ...options.follow },
    reports: options.reports,
    sync: { autoStart: false, ...options.sync },
    automation: { autoStart: false, ...options.automation },
    now: options.now,
    updates: options.updates,
    openedFiles: options.openedFiles,
  });
  const call = <K extends CallName>(name: K, input: CallInput<K>) =>
    services.dispatch(name, input, { transport: 'test' }) as Promise<CallResult<CallOutput<K>>>;
  return {
    ...services,
    dataDir,
    call,
    ok: async (name, input) => {
      const result = await call(name, input);
      if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
      return result.value;
    },
  };
}

/** base64 of UTF-8 text, the way the renderer sends an uploaded file. */
export function base64(text: string | Uint8Array): string {
  return Buffer.from(text).toString('base64');
}
