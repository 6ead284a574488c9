import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { apiPrefix } from '../../src-shared/company-server/api';
import { eventsPath, serverEventName, type ServerEvent } from '../../src-shared/company-server/events';
import { readFeed, waitForFeed } from '../feed/feed';
import type { FeedWake } from '../store/feed-wake';
import type { ServerDatabase } from '../store/schema';
import { deviceOf } from './authenticate';
import { parseBody } from './error-handler';

export interface EventsRouteOptions {
  db: Kysely<ServerDatabase>;
  /** What a stream waits on for new rows: the store's (on PostgreSQL, every instance's appends). */
  wake?: FeedWake;
  /** How long the stream waits for a new row before it sends a keep-alive comment (a proxy closes a silent one). */
  keepAliveMs?: number;
  /** Rows read at a time from the backlog. */
  pageSize?: number;
}

/** How long a stop waits for the open streams to end at their next step before it cuts them. */
const closeGraceMs = 2_000;

const seqText = z.string().regex(/^(0|[1-9][0-9]{0,15})$/).transform(Number);
const eventsQuery = z.object({ after: seqText.optional() });

/** One row as Server-Sent Events frames it: its number as the id, so a reconnect says where it got to. */
export function sseFrame(event: ServerEvent): string {
  return `id: ${event.seq}\nevent: ${serverEventName}\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * The paired desktop's live feed (issue 6, item 5): `GET /api/v1/events` with the device token, as Server-Sent Events.
 * It starts after `?after=N`, or after the Last-Event-ID header a reconnecting EventSource sends (which wins: it is
 * newer than the address the stream was first opened with), sends the backlog page by page, then waits for new rows,
 * sending a `: keep-alive` comment whenever one wait passes with nothing. Only this device's rows (readFeed is scoped).
 *
 * A stream never finishes on its own, so a graceful stop cannot wait for it as for other requests in flight: on the
 * server's close (preClose, before the listener closes) every open stream is ended and awaited (one that cannot end
 * within 2 s is cut), and its connection, idle then, is closed with the rest. The desktop reconnects to wherever the
 * server comes back.
 */
export async function registerEventsRoute(api: FastifyInstance, options: EventsRouteOptions): Promise<void> {
  const keepAliveMs = options.keepAliveMs ?? 15_000;
  const pageSize = options.pageSize ?? 500;
  const open = new Set<{ stop: AbortController; ended: Promise<void>; response: ServerResponse }>();

  api.addHook('preClose', async () => {
    const streams = [...open];
    for (const stream of streams) stream.stop.abort();
    // Each ends at its next step; one whose desktop stopped reading (its socket full) cannot, and is cut.
    const grace = new Promise((resolve) => setTimeout(resolve, closeGraceMs).unref());
    await Promise.race([Promise.all(streams.map((s) => s.ended)), grace]);
    for (const stream of streams) if (open.has(stream)) stream.response.destroy();
    await Promise.all(streams.map((s) => s.ended));
  });

  api.get(eventsPath.slice(apiPrefix.length), async (request, reply) => {
    const device = deviceOf(request);
    const { after } = parseBody(eventsQuery, request.query);
    const lastId = request.headers['last-event-id'];
    const from = typeof lastId === 'string' && lastId !== '' ? parseBody(seqText, lastId) : (after ?? 0);
    const stop = new AbortController();
    let ended: () => void = () => {};
    const stream = { stop, ended: new Promise<void>((resolve) => (ended = resolve)), response: reply.raw };
    open.add(stream);
    // The desktop went away, the stream was destroyed before it began, or it ended: the wait below wakes, the loop ends.
    const finish = () => {
      stop.abort();
      open.delete(stream);
      ended();
    };
    reply.raw.once('close', finish);
    if (reply.raw.destroyed) finish();

    async function* frames(): AsyncGenerator<string> {
      let cursor = from;
      let waited = false;
      try {
        // Headers go out with the first bytes: without them now, a desktop with nothing to catch up on would not
        // know the stream is open until the first event.
        yield ': connected\n\n';
        while (!stop.signal.aborted) {
          // Listening before the read: a row appended while it runs wakes the wait at once instead of being missed.
          const pass = new AbortController();
          const next = waitForFeed(keepAliveMs, AbortSignal.any([stop.signal, pass.signal]), options.wake);
          const page = await readFeed(options.db, device.id, cursor, pageSize);
          if (page.length === 0 && waited) yield ': keep-alive\n\n';
          for (const event of page) yield sseFrame(event);
          cursor = page.at(-1)?.seq ?? cursor;
          if (page.length === pageSize) {
            pass.abort();
            waited = false;
            continue;
          }
          await next;
          waited = true;
        }
      } finally {
        finish();
      }
    }

    request.log.info({ deviceId: device.id, after: from }, 'event stream opened');
    return reply
      .header('content-type', 'text/event-stream; charset=utf-8')
      .header('cache-control', 'no-store')
      // nginx buffers a proxied answer unless told not to; a buffered event stream is no live channel.
      .header('x-accel-buffering', 'no')
      // Not kept alive for another request once it ends: a stream ended by the server's stop must take its socket with it.
      .header('connection', 'close')
      .send(Readable.from(frames(), { objectMode: false }).once('close', finish));
  });
}
