import { AppError } from '../../src-shared/contract/errors';
import type { SyncStatus } from '../../src-shared/sync/protocol';
import { retryDelayMs, type RetryPolicy } from '../delivery/outbox/backoff';
import type { ServiceContext } from '../services/context';
import { readToken, readUsableLink } from '../services/company-server/link-store';
import { pendingChanges, runSync } from './sync-run';
import { downloadFile, SyncRefused, type SyncTarget } from './sync-transport';

export interface SyncWorkerOptions {
  /** Between rounds while all is well. */
  intervalMs?: number;
  /** While the server cannot be reached: 5 s doubling to 5 minutes, for as long as it takes. */
  retry?: RetryPolicy;
  random?: () => number;
}

export interface SyncWorker {
  start(): void;
  stop(): Promise<void>;
  /** One round now (or the one running), then its status. "Sync now", and tests. */
  runNow(): Promise<SyncStatus>;
  status(): Promise<SyncStatus>;
}

const offlineRetry: RetryPolicy = { baseMs: 5_000, capMs: 300_000, maxAttempts: Number.MAX_SAFE_INTEGER };

/**
 * Keeps this desktop in sync with the company server while it is paired: a round every few seconds, waiting longer
 * while the server is out of reach. A refusal (the device revoked, the account disabled) stops it with the reason
 * until the desktop is paired again; local data is never touched by a failure. Nothing the user does waits for it.
 */
const workers = new WeakMap<object, SyncWorker>();

/** The worker of this install's services, for `sync.status` and `sync.now`; none where nothing syncs (some tests). */
export function syncWorkerOf(ctx: ServiceContext): SyncWorker | undefined {
  return workers.get(ctx);
}

export function createSyncWorker(ctx: ServiceContext, options: SyncWorkerOptions = {}): SyncWorker {
  const intervalMs = options.intervalMs ?? 5_000;
  const retry = options.retry ?? offlineRetry;
  const random = options.random ?? Math.random;
  let state: SyncStatus = { state: 'off' };
  let failures = 0;
  /** The pairing a refusal was for: another pairing starts afresh. */
  let refusedFor: string | null = null;
  let running: Promise<SyncStatus> | null = null;
  /** How long the loop waits after the round that just ended: the interval, or the backoff after a failure. */
  let nextDelayMs = intervalMs;
  let timer: NodeJS.Timeout | undefined;
  let stopping = true;
  let wake: (() => void) | undefined;

  // Windows hear of a change they would show: a round every few seconds that only moves "synced at" within the same
  // minute (what the line shows) tells them nothing.
  const shown = (s: SyncStatus) => JSON.stringify(s.state === 'synced' ? { ...s, at: s.at.slice(0, 16) } : s);
  const set = (next: SyncStatus) => {
    const changed = shown(next) !== shown(state);
    state = next;
    if (changed) ctx.events.publish({ type: 'syncChanged' });
    return next;
  };

  const round = async (): Promise<SyncStatus> => {
    nextDelayMs = intervalMs;
    const link = await readUsableLink(ctx);
    if (!link) {
      ctx.files.fetchMissing = null;
      return set({ state: 'off' });
    }
    const pending = await pendingChanges(ctx.db);
    if (refusedFor === link.pairedAt && state.state === 'error') return set({ ...state, pending });
    const token = await readToken(ctx, link).catch(() => null);
    if (!token) return set({ state: 'error', pending, code: 'NO_TOKEN', reason: { messageKey: 'sync.errors.noToken' } });
    const target: SyncTarget = { url: link.url, token };
    ctx.files.fetchMissing = (sha256) => downloadFile(target, sha256);
    // A round with nothing to send shows no "syncing": it only looks for others' changes.
    if (pending > 0) set({ state: 'syncing', pending });
    try {
      const result = await runSync(ctx, target);
      failures = 0;
      refusedFor = null;
      if (result.documents.length) ctx.events.publish({ type: 'documentsChanged', ids: result.documents });
      // Undone here and listed among the conflicts (refused-changes.ts); the log says so for whoever supports the laptop.
      if (result.refused > 0) ctx.log.warn('sync: changes refused by the company server for want of a permission were undone', { refused: result.refused });
      if (result.pulled > 0) {
        ctx.events.publish({ type: 'stagesChanged' });
        ctx.events.publish({ type: 'usersChanged' });
        // The notices list looks again: one may have come from another desktop, or been read there.
        ctx.events.publish({ type: 'noticesRead' });
      }
      return set({ state: 'synced', at: ctx.now().toISOString(), pending: await pendingChanges(ctx.db) });
    } catch (error) {
      const left = await pendingChanges(ctx.db);
      if (error instanceof SyncRefused && (error.status === 401 || error.status === 403)) {
        refusedFor = link.pairedAt;
        ctx.log.warn('sync refused by the company server', { code: error.code, status: error.status });
        return set({ state: 'error', pending: left, code: error.code, reason: { messageKey: refusalKey(error.code) } });
      }
      failures += 1;
      nextDelayMs = retryDelayMs(retry, failures, random);
      const retryAt = new Date(ctx.now().getTime() + nextDelayMs).toISOString();
      if (error instanceof AppError && error.code === 'TRANSPORT') {
        return set({ state: 'offline', pending: left, reason: { messageKey: error.messageKey, details: stringDetails(error.details) }, retryAt });
      }
      ctx.log.error('sync round failed', error);
      const reason = error instanceof SyncRefused ? error.messageKey : 'sync.errors.failed';
      return set({ state: 'error', pending: left, code: error instanceof SyncRefused ? error.code : 'INTERNAL', reason: { messageKey: reason, details: { reason: error instanceof Error ? error.message : String(error) } } });
    }
  };

  const once = (): Promise<SyncStatus> => {
    running ??= round().finally(() => {
      running = null;
    });
    return running;
  };

  let loop: Promise<void> | undefined;
  const run = async () => {
    while (!stopping) {
      await once().catch((error: unknown) => ctx.log.error('sync round failed', error));
      if (stopping) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, nextDelayMs);
      });
    }
  };

  const worker: SyncWorker = {
    start() {
      if (!stopping) return;
      stopping = false;
      loop = run();
    },
    async stop() {
      stopping = true;
      clearTimeout(timer);
      wake?.();
      await loop;
      await running?.catch(() => undefined);
    },
    runNow: once,
    async status() {
      if (state.state === 'off') return state;
      return { ...state, pending: await pendingChanges(ctx.db) };
    },
  };
  workers.set(ctx, worker);
  return worker;
}

/** The server's refusal codes the desktop explains; any other is shown by its own message key. */
function refusalKey(code: string): string {
  if (code === 'DEVICE_REVOKED' || code === 'UNAUTHENTICATED') return 'sync.errors.deviceRevoked';
  if (code === 'ACCOUNT_DISABLED') return 'sync.errors.accountDisabled';
  return 'sync.errors.refused';
}

function stringDetails(details: unknown): Record<string, string | number> {
  if (!details || typeof details !== 'object') return {};
  return Object.fromEntries(Object.entries(details).filter((e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number'));
}
