import type { Transaction } from 'kysely';
import { eventsPath, serverEventName, serverEventSchema, type ServerEvent } from '../../../src-shared/company-server/events';
import type { CompanyServerFeedState, CompanyServerFeedStatus } from '../../../src-shared/company-server/link';
import { AppError } from '../../../src-shared/contract/errors';
import { retryDelayMs, type RetryPolicy } from '../../delivery/outbox/backoff';
import type { Database } from '../../store/schema';
import { nowIso, type ServiceContext } from '../context';
import { applyServerEvent, type ApplyOutcome, type FailureReason } from './apply-server-event';
import { advanced, readCursor, withoutPending, writeCursor, type FeedCursor, type PendingSeal } from './feed-cursor';
import { readToken, readUsableLink, type StoredLink } from './link-store';
import { fetchSealedFile } from './sealed-file';
import { createSseParser } from './sse-parser';
import { openServerStream } from './server-stream';

/** Reconnecting: 1 s doubling to a minute, with jitter; back to 1 s once a connection opened. */
export const reconnectPolicy: RetryPolicy = { baseMs: 1_000, capMs: 60_000, maxAttempts: Number.POSITIVE_INFINITY };
/** A sealed file refused: a minute doubling to an hour, for as long as it takes (the document waits for it). */
export const sealRetryPolicy: RetryPolicy = { baseMs: 60_000, capMs: 3_600_000, maxAttempts: Number.POSITIVE_INFINITY };

const unpairedLookMs = 60_000;

export interface EventFollowerOptions {
  reconnect?: RetryPolicy;
  sealRetry?: RetryPolicy;
  random?: () => number;
  /** Nothing at all for this long (the server sends a keep-alive every 15 s): the connection is taken for dead. */
  silenceMs?: number;
  /** How often the sealed files waiting are looked at. */
  pendingCheckMs?: number;
}

export interface EventFollower {
  /** Follows while this desktop is paired; idle while it is not. Later calls do nothing. */
  start(): void;
  /** Closes the stream and waits for the event being applied. */
  stop(): Promise<void>;
  /** The pairing changed: the connection is dropped and the loop begins again with the link as it is now. */
  restart(): void;
  /** For Settings; undefined while the follower does not run or nothing is paired. */
  state(): CompanyServerFeedState | undefined;
  /** Tries again the sealed files whose time has come (by `ctx.now()`); resolves with how many it tried. */
  retryPending(): Promise<number>;
}

/** The follower of each running set of services, so pairing (company-server-service.ts) can restart it. */
const followers = new WeakMap<object, EventFollower>();

export function followerOf(ctx: ServiceContext): EventFollower | undefined {
  return followers.get(ctx);
}

function reasonOf(error: unknown): FailureReason {
  if (error instanceof AppError) return { messageKey: error.messageKey, ...(error.details ? { details: error.details } : {}) };
  return { messageKey: 'errors.internal', details: { message: error instanceof Error ? error.message : String(error) } };
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    timer.unref();
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * The desktop's end of the server's live feed (issue 6, item 5): while paired, one Server-Sent Events connection to
 * GET /api/v1/events from the last number applied; each event checked against the shared schema and applied
 * (apply-server-event.ts) in one transaction with the cursor, one after another, so a crash applies nothing twice and
 * skips nothing. A dropped or refused connection is tried again with backoff; a sealed file that cannot be fetched or
 * does not verify waits in the cursor's list and is tried again on its own schedule, the feed going on meanwhile.
 */
export function createEventFollower(ctx: ServiceContext, options: EventFollowerOptions = {}): EventFollower {
  const reconnect = options.reconnect ?? reconnectPolicy;
  const sealRetry = options.sealRetry ?? sealRetryPolicy;
  const random = options.random ?? Math.random;
  const silenceMs = options.silenceMs ?? 45_000;

  let stopping = false;
  let loop: Promise<void> | undefined;
  let round = new AbortController();
  let pendingTimer: NodeJS.Timeout | undefined;
  let status: CompanyServerFeedStatus | undefined;
  let lastEventAt: string | undefined;
  let waitingSeals = 0;
  // One event at a time, whether from the stream or a retried seal: they write the same cursor row.
  let chain: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work);
    chain = next.catch(() => undefined);
    return next;
  };

  const applyOne = (link: StoredLink, token: string, event: ServerEvent, signal: AbortSignal, pending?: PendingSeal): Promise<ApplyOutcome> =>
    applyServerEvent(ctx, event, {
      server: link.serverName ?? link.url,
      fetchSealed: (publishedId) => fetchSealedFile(link.url, token, publishedId, signal),
      signal,
      notes: (reason) => pending?.noted !== reason.messageKey,
      commit: async (trx: Transaction<Database>, outcome) => {
        let cursor: FeedCursor = withoutPending(advanced(await readCursor(trx, link.deviceId), event), event.seq);
        if (outcome.kind === 'sealFailed') {
          const attempts = (pending?.attempts ?? 0) + 1;
          const nextAt = new Date(ctx.now().getTime() + retryDelayMs(sealRetry, attempts, random)).toISOString();
          cursor = { ...cursor, pending: [...cursor.pending, { event, attempts, nextAt, noted: outcome.reason.messageKey }] };
        }
        await writeCursor(trx, cursor);
        waitingSeals = cursor.pending.length;
      },
    });

  /** One connection: open, read until it ends (or is cut), applying as events come. */
  const follow = async (link: StoredLink, signal: AbortSignal): Promise<void> => {
    const token = await readToken(ctx, link);
    if (!token) throw new AppError('UNAUTHORIZED', 'companyServer.errors.tokenMissing');
    const cursor = await readCursor(ctx.db, link.deviceId);
    waitingSeals = cursor.pending.length;
    const connection = new AbortController();
    const cut = () => connection.abort();
    // Stopped or restarted while the link was being read: a listener added now would never hear it.
    if (signal.aborted) return;
    signal.addEventListener('abort', cut, { once: true });
    let silent: NodeJS.Timeout | undefined;
    const listen = () => {
      clearTimeout(silent);
      silent = setTimeout(() => connection.abort(new AppError('TRANSPORT', 'companyServer.feed.silent', { url: link.url, seconds: Math.round(silenceMs / 1000) })), silenceMs);
    };
    try {
      const response = await openServerStream(link.url, `${eventsPath}?after=${cursor.after}`, { token, accept: 'text/event-stream', signal: connection.signal });
      status = { status: 'connected', since: nowIso(ctx) };
      attempts = 0;
      ctx.log.info('company server feed: connected', { url: link.url, after: cursor.after });
      void retryPending();
      listen();
      const parser = createSseParser();
      try {
        for await (const chunk of response.body ?? []) {
          listen();
          for (const message of parser.push(chunk as Uint8Array)) {
            if (message.event !== serverEventName) continue;
            const event = readEvent(message.data, message.id);
            if (!event) continue;
            await serially(() => applyOne(link, token, event, connection.signal));
            lastEventAt = nowIso(ctx);
          }
        }
      } catch (error) {
        if (connection.signal.reason instanceof AppError) throw connection.signal.reason;
        throw error;
      }
    } finally {
      clearTimeout(silent);
      signal.removeEventListener('abort', cut);
    }
  };

  /** An event as the shared schema reads it; one this version cannot read is logged and left (the feed goes on). */
  const readEvent = (data: string, id: string | undefined): ServerEvent | null => {
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      json = undefined;
    }
    const parsed = serverEventSchema.safeParse(json);
    if (parsed.success) return parsed.data;
    ctx.log.warn('company server feed: an event this version cannot read, skipped', { id });
    return null;
  };

  let attempts = 0;
  const run = async () => {
    while (!stopping) {
      const current = (round = new AbortController());
      const link = await readUsableLink(ctx).catch(() => null);
      if (!link) {
        // Pairing restarts the loop; the look now and then is for a link written by anything else (a restore).
        status = undefined;
        await sleep(unpairedLookMs, current.signal);
        continue;
      }
      if (!status) status = { status: 'connecting' };
      let reason: FailureReason;
      try {
        await follow(link, current.signal);
        // The server ended the stream: it is stopping or restarting. Back soon.
        reason = { messageKey: 'companyServer.feed.ended', details: { url: link.url } };
      } catch (error) {
        reason = reasonOf(error);
      }
      if (stopping || current.signal.aborted) continue;
      attempts++;
      const wait = retryDelayMs(reconnect, attempts, random);
      status = { status: 'reconnecting', reason, retryAt: new Date(ctx.now().getTime() + wait).toISOString() };
      ctx.log.warn('company server feed: disconnected, reconnecting', { url: link.url, attempt: attempts, waitMs: wait, reason: reason.messageKey });
      await sleep(wait, current.signal);
    }
  };

  const retryPending = (): Promise<number> =>
    serially(async () => {
      if (stopping) return 0;
      const link = await readUsableLink(ctx);
      const token = link ? await readToken(ctx, link) : null;
      if (!link || !token) return 0;
      const cursor = await readCursor(ctx.db, link.deviceId);
      const due = cursor.pending.filter((p) => p.nextAt <= nowIso(ctx));
      for (const pending of due) {
        if (stopping) break;
        await applyOne(link, token, pending.event, round.signal, pending);
      }
      return due.length;
    }).catch((error: unknown) => {
      if (!stopping) ctx.log.error('company server feed: retrying a sealed file failed', error);
      return 0;
    });

  const follower: EventFollower = {
    start() {
      if (loop) return;
      loop = run().catch((error: unknown) => ctx.log.error('company server feed: the follower stopped', error));
      pendingTimer = setInterval(() => void retryPending(), options.pendingCheckMs ?? 60_000);
      pendingTimer.unref();
    },
    async stop() {
      stopping = true;
      clearInterval(pendingTimer);
      round.abort();
      await loop;
      await chain;
      status = undefined;
    },
    restart() {
      status = undefined;
      lastEventAt = undefined;
      attempts = 0;
      round.abort();
    },
    state() {
      if (!loop || stopping || !status) return undefined;
      return { ...status, ...(lastEventAt ? { lastEventAt } : {}), waitingSeals };
    },
    retryPending,
  };
  followers.set(ctx, follower);
  return follower;
}
