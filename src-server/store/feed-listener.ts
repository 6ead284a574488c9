import pg from 'pg';
import { emitterWake, feedChannel, type FeedWake } from './feed-wake';

export interface FeedListener {
  wake: FeedWake;
  close(): Promise<void>;
}

const retryMs = 1_000;

/**
 * One dedicated connection per server process that LISTENs on the feed's channel and wakes this process's streams
 * on every notice, whichever instance appended. A lost connection is made again after a second; it wakes every
 * stream once connected, for a notice that may have passed meanwhile (a stream re-reads its feed on every wake, and
 * at each keep-alive anyway, so nothing is lost, only late).
 */
export async function listenFeed(connectionString: string): Promise<FeedListener> {
  const wake = emitterWake();
  let client: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async () => {
    const next = new pg.Client({ connectionString });
    next.on('notification', () => wake.wake());
    next.on('error', () => lost(next));
    next.on('end', () => lost(next));
    await next.connect();
    await next.query(`listen ${feedChannel}`);
    if (closed) return void (await next.end());
    client = next;
    wake.wake();
  };
  const lost = (which: pg.Client) => {
    if (closed || client !== which) return;
    client = undefined;
    void which.end().catch(() => undefined);
    const again = () => {
      retry = undefined;
      if (!closed) connect().catch(() => (retry = setTimeout(again, retryMs).unref()));
    };
    retry = setTimeout(again, retryMs).unref();
  };

  await connect();
  return {
    wake,
    close: async () => {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
