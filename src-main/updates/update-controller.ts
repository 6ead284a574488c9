import { AppError } from '../../src-shared/contract/errors';
import type { UpdateChannel } from '../../src-shared/policy/policy';
import type { UpdateStatus, UpdatesOffReason } from '../../src-shared/updates/update-status';
import type { Log } from '../app/log';
import type { UpdatePlan } from './update-plan';

/** The part of electron-updater's AppUpdater (its `autoUpdater`) the app drives: the tests hand in the real class. */
export interface Updater {
  channel: string | null;
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  setFeedURL(options: { provider: 'generic'; url: string; channel?: string | null }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  // Each event's listener takes that event's own arguments (electron-updater's typed emitter).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  on(event: string, listener: (...args: any[]) => void): unknown;
}

/** What the services ask of updates: the status for Settings, a check now, the restart that installs. */
export interface UpdatesPort {
  status(): UpdateStatus;
  check(): Promise<UpdateStatus>;
  install(): UpdateStatus;
  stop(): void;
}

/** The context's updates; off where none were given (a context made by hand, in a test). */
export function updatesOf(ctx: { updates?: UpdatesPort | undefined }): UpdatesPort {
  return ctx.updates ?? updatesOff('notInstalled');
}

/** Where this copy does not update itself (the browser host, a development run, the policy, the MSI). */
export function updatesOff(reason: UpdatesOffReason): UpdatesPort {
  const status: UpdateStatus = { state: 'off', reason };
  return {
    status: () => status,
    check: () => Promise.resolve(status),
    install: () => {
      throw new AppError('VALIDATION', 'updates.notReady');
    },
    stop: () => undefined,
  };
}

export interface ControllerOptions {
  plan: UpdatePlan;
  /** Made only when the plan turns updates on: electron-updater's autoUpdater in the shell. */
  updater: () => Updater;
  log: Log;
  now: () => Date;
  onChange(status: UpdateStatus): void;
  /** How often to look again while the app runs; the first look is `firstCheckMs` after start. */
  intervalMs?: number;
  firstCheckMs?: number;
}

/** electron-updater's channel file for ours: `latest.yml` is its stable one. */
const feedChannel = (channel: UpdateChannel) => (channel === 'stable' ? 'latest' : channel);

/**
 * Drives electron-updater (issue 10, item 5): the channel and feed the plan names, a download checked against the
 * feed's SHA-512 (and on Windows the installer's Authenticode publisher, on macOS the app's code signature, which
 * electron-updater checks itself) before it is offered, never a downgrade, and the install on the next restart or
 * when the user asks. Each step is a status Settings shows, pushed as it changes.
 */
export function createUpdateController(options: ControllerOptions): UpdatesPort {
  const { plan } = options;
  if (!plan.enabled) return updatesOff(plan.reason);
  const { channel } = plan;
  const updater = options.updater();
  if (plan.feedUrl) updater.setFeedURL({ provider: 'generic', url: plan.feedUrl, channel: feedChannel(channel) });
  updater.channel = feedChannel(channel);
  // Setting a channel lets electron-updater downgrade (from beta back to stable); ours waits for stable to catch up.
  updater.allowDowngrade = false;
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;

  let status: UpdateStatus = { state: 'idle', channel };
  const set = (next: UpdateStatus) => {
    status = next;
    options.onChange(next);
  };
  const at = () => options.now().toISOString();
  updater.on('checking-for-update', () => {
    if (status.state !== 'ready') set({ state: 'checking', channel });
  });
  updater.on('update-not-available', () => set({ state: 'upToDate', channel, checkedAt: at() }));
  updater.on('update-available', (info: { version: string }) => set({ state: 'downloading', channel, version: info.version, percent: 0 }));
  updater.on('download-progress', (progress: { percent: number }) => {
    if (status.state === 'downloading') set({ ...status, percent: Math.max(0, Math.min(100, Math.floor(progress.percent))) });
  });
  updater.on('update-downloaded', (info: { version: string }) => {
    options.log.info('update downloaded and checked', { version: info.version, channel });
    set({ state: 'ready', channel, version: info.version });
  });
  const failed = (error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    options.log.warn('update failed', { channel, reason });
    set({ state: 'failed', channel, reason: reason.split('\n')[0]!.slice(0, 300), at: at() });
  };
  // Whether this check's failure was already reported by electron-updater's 'error' event.
  let reported = false;
  updater.on('error', (error: Error) => {
    reported = true;
    failed(error);
  });

  let running: Promise<unknown> | null = null;
  const check = async (): Promise<UpdateStatus> => {
    // A downloaded update waits for its restart; a check under way is the one to wait for.
    if (status.state === 'ready' || status.state === 'downloading') return status;
    if (!running) {
      reported = false;
      running = updater
        .checkForUpdates()
        // The download runs on after the check; its failure comes as an 'error' event, so it is caught here only to
        // keep it from being an unhandled rejection.
        .then((result) => void (result as { downloadPromise?: Promise<unknown> } | null)?.downloadPromise?.catch(() => undefined))
        // electron-updater emits 'error' for most failures; this reports the ones it only rejects with.
        .catch((error: unknown) => {
          if (!reported) failed(error);
        });
    }
    await running.finally(() => (running = null));
    return status;
  };

  const first = setTimeout(() => void check(), options.firstCheckMs ?? 60_000);
  const every = setInterval(() => void check(), options.intervalMs ?? 6 * 3600_000);
  first.unref?.();
  every.unref?.();
  return {
    status: () => status,
    check,
    install: () => {
      if (status.state !== 'ready') throw new AppError('VALIDATION', 'updates.notReady');
      options.log.info('restarting to install the update', { version: status.version });
      updater.quitAndInstall(false, true);
      return status;
    },
    stop: () => {
      clearTimeout(first);
      clearInterval(every);
    },
  };
}
