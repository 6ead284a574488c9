import { lockedSettings, type PolicyState } from '../../src-shared/policy/policy';
import { loadPolicy, thisMachine } from '../policy/load-policy';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { createDispatcher, type Dispatch } from '../rpc/dispatch';
import { ensureFirstRun } from '../services/app/app-service';
import type { ServiceContext } from '../services/context';
import { seedDemo } from '../services/demo/seed-demo';
import { seedDemoDocuments } from '../services/demo/seed-documents';
import { createEventBus } from '../services/events/event-bus';
import { createHandlers } from '../services/handlers';
import { FileStore } from '../store/file-store';
import { openStore, type Store } from '../store/open-store';
import { ensureCompanyIdentity, identityProgress } from '../services/identity/company-identity';
import { createKeytarStore } from '../secrets/keytar-store';
import { checkSafeStorage, createSafeStorageStore, type SafeStorageLike } from '../secrets/safe-storage-store';
import type { SecretStore } from '../secrets/secret-store';
import { deliveryChannels } from '../delivery/channels';
import { createOutboxWorker, type OutboxWorker, type OutboxWorkerOptions } from '../delivery/outbox/worker';
import { createPublisher, type Publisher, type PublisherOptions } from '../services/company-server/publish-job';
import { createEventFollower, type EventFollower, type EventFollowerOptions } from '../services/company-server/event-follower';
import { createSignatureReporter, type SignatureReporter } from '../services/company-server/signature-report';
import type { ServerJobOptions } from '../services/company-server/server-jobs';
import { createLog, type Log } from './log';
import { filesDir, storeFile } from './paths';
import { startExpirySweep } from '../services/signing/expiry-sweep';
import { guardedByKiosk } from '../services/signing/kiosk';
import { authorized } from '../services/permissions/authorize';
import { createSyncWorker, type SyncWorker, type SyncWorkerOptions } from '../sync/sync-worker';
import { appExecutors } from '../automation/app-executors';
import { noteUndelivered } from '../delivery/outbox/undelivered';
import { createAutomationWorker, type AutomationWorker, type AutomationWorkerOptions } from '../automation/automation-worker';
import type { UpdateStatus } from '../../src-shared/updates/update-status';
import { updatesOff, type UpdatesPort } from '../updates/update-controller';
import { offWhereNotInstalled } from '../updates/update-plan';
import type { OpenedFiles } from '../services/pdf/opened-files';

export interface StartOptions {
  dataDir: string;
  appVersion: string;
  /** Fill an empty store with sample companies, people and documents. */
  demo?: boolean;
  /** With `demo`: this many more documents spread over every stage (the board at scale). */
  demoDocuments?: number;
  log?: Log;
  /** Read-only assets shipped with the app (sample contracts, fonts): each host knows where it put them. */
  resourcesDir: string;
  /** better-sqlite3 built for Electron's ABI, when the shell runs from a development checkout. */
  sqliteBinding?: string | undefined;
  /** Where private keys go; the OS keychain (keytar, service "Signet") unless a test names its own. */
  keychain?: SecretStore;
  /** Electron's safeStorage: offered as the fallback when the keychain cannot be used. */
  safeStorage?: SafeStorageLike | undefined;
  /** The outbox worker starts with the services unless a test drives it by hand (`autoStart: false`). */
  outbox?: Partial<Omit<OutboxWorkerOptions, 'channels'>> & { autoStart?: boolean };
  /** The company server publisher, likewise (`autoStart: false` for a test to drive with `runDue`). */
  publish?: PublisherOptions & { autoStart?: boolean };
  /** The company server's live feed follower, likewise (`autoStart: false`: the test starts and stops it). */
  follow?: EventFollowerOptions & { autoStart?: boolean };
  /** The reports of signatures made here to the company server, likewise. */
  reports?: ServerJobOptions & { autoStart?: boolean };
  /** Sync with the company server, likewise. */
  sync?: SyncWorkerOptions & { autoStart?: boolean };
  /** The clock every service reads; a test's own, to move time (delayed automation rules). */
  now?: () => Date;
  /** The automation engine's worker (issue 9), likewise. */
  automation?: Omit<AutomationWorkerOptions, 'executors'> & { autoStart?: boolean };
  /** The managed policy; read from this machine (policy file, Windows registry) when not given. */
  policy?: PolicyState;
  /** The packaged shell's updates, made once the policy is known; off when not given (browser host, tests). */
  updates?: (hooks: { policy: PolicyState; log: Log; onChange(status: UpdateStatus): void }) => UpdatesPort;
  /** Where the shell puts the PDFs the OS opens with the app; none by default. */
  openedFiles?: OpenedFiles;
}

export interface RunningServices {
  dispatch: Dispatch;
  context: ServiceContext;
  store: Store;
  /** Sends what the services put in the outbox. */
  outbox: OutboxWorker;
  /** Publishes sent documents to the company server (publish-job.ts). */
  publisher: Publisher;
  /** Follows the company server's feed of the published documents' steps (event-follower.ts). */
  follower: EventFollower;
  /** Reports signatures made here on published documents to the company server (signature-report.ts). */
  reporter: SignatureReporter;
  /** Keeps this desktop's data in sync with the company server while paired (src-main/sync). */
  sync: SyncWorker;
  /** Runs the automation rules' and triggers' due jobs (src-main/automation). */
  automation: AutomationWorker;
  close(): Promise<void>;
}

/** Opens the store and wires every service behind the contract; shared by the Electron shell and the browser host. */
export async function startServices(options: StartOptions): Promise<RunningServices> {
  const log = options.log ?? createLog();
  const store = await openStore(storeFile(options.dataDir), { nativeBinding: options.sqliteBinding });
  const files = new FileStore(filesDir(options.dataDir));
  const swept = await files.sweepTemp();
  if (swept > 0) log.warn('removed unfinished file writes', { count: swept });
  const policy = options.policy ?? (await loadPolicy(thisMachine()));
  // Reported, not fatal, and not silently ignored: the app runs without a policy it cannot apply.
  for (const problem of policy.problems) log.warn('the managed policy cannot be applied', { ...problem });
  if (policy.source.kind !== 'none' && policy.problems.length === 0) log.info('managed policy applied', { source: policy.source, locked: lockedSettings(policy.policy) });
  const context: ServiceContext = {
    policy,
    db: store.db,
    files,
    dataDir: options.dataDir,
    resourcesDir: options.resourcesDir,
    appVersion: options.appVersion,
    osUserName: safeUserName(),
    log,
    keychain: options.keychain ?? createKeytarStore({ log }),
    safeStorage: options.safeStorage ? safeStorageOption(options.safeStorage, options.dataDir) : undefined,
    events: createEventBus(),
    now: options.now ?? (() => new Date()),
    newId: randomUUID,
    openedFiles: options.openedFiles,
  };
  context.updates = options.updates?.({ policy, log, onChange: (status) => context.events.publish({ type: 'updateStatus', status }) }) ?? updatesOff(offWhereNotInstalled(policy.policy));
  await ensureFirstRun(context);
  if (options.demo && (await seedDemo(context)) && options.demoDocuments) await seedDemoDocuments(context, options.demoDocuments);
  // In the background: a keychain may be showing its unlock prompt, and the window must not wait for it.
  void ensureCompanyIdentity(context);
  const expirySweep = startExpirySweep(context);
  const dispatch = createDispatcher(authorized(context, guardedByKiosk(context, createHandlers(context))), { error: (msg, err) => log.error(msg, err) });
  const { autoStart = true, ...outboxOptions } = options.outbox ?? {};
  const outbox = createOutboxWorker(context, { channels: deliveryChannels(context), onFailed: noteUndelivered, ...outboxOptions });
  if (autoStart) await outbox.start();
  const { autoStart: publishAutoStart = true, ...publishOptions } = options.publish ?? {};
  const publisher = createPublisher(context, publishOptions);
  if (publishAutoStart) await publisher.start();
  const { autoStart: followAutoStart = true, ...followOptions } = options.follow ?? {};
  const follower = createEventFollower(context, followOptions);
  if (followAutoStart) follower.start();
  const { autoStart: reportsAutoStart = true, ...reportOptions } = options.reports ?? {};
  const reporter = createSignatureReporter(context, reportOptions);
  if (reportsAutoStart) await reporter.start();
  const { autoStart: syncAutoStart = true, ...syncOptions } = options.sync ?? {};
  const sync = createSyncWorker(context, syncOptions);
  if (syncAutoStart) sync.start();
  const { autoStart: automationAutoStart = true, ...automationOptions } = options.automation ?? {};
  const automation = createAutomationWorker(context, { executors: appExecutors(context), ...automationOptions });
  if (automationAutoStart) {
    // What a stopped process left running runs again; what came due while the app was closed runs now.
    const requeued = await automation.recover();
    if (requeued > 0) log.warn('automation jobs cut off by the last stop queued again', { count: requeued });
    automation.start();
  }
  const close = async () => {
    context.updates?.stop();
    await automation.stop();
    await sync.stop();
    await follower.stop();
    await publisher.stop();
    await reporter.stop();
    // Before the store closes: a message being sent gets to record its outcome (or is left to the next start).
    await outbox.stop();
    // Keys being stored must reach their certificate rows before the store closes.
    await identityProgress(context).running;
    await expirySweep.stop();
    context.events.close();
    await store.close();
  };
  return { dispatch, context, store, outbox, publisher, follower, reporter, sync, automation, close };
}

function safeStorageOption(safeStorage: SafeStorageLike, dataDir: string): ServiceContext['safeStorage'] {
  return { check: () => checkSafeStorage(safeStorage), store: createSafeStorageStore({ dir: path.join(dataDir, 'secrets'), safeStorage }) };
}

function safeUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return '';
  }
}
