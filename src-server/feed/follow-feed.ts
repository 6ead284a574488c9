import { eventsPath, serverEventSchema, type ServerEvent } from '../../src-shared/company-server/events';
import { createSseParser } from '../../src-main/services/company-server/sse-parser';

/**
 * For tests: a desktop's live feed held open on `url` (GET /api/v1/events), its events parsed as they come. `close`
 * goes in the test's cleanup.
 */
export async function followFeed(url: string, token: string): Promise<{ next(count: number): Promise<ServerEvent[]>; close(): Promise<void> }> {
  const abort = new AbortController();
  const response = await fetch(`${url}${eventsPath}`, { headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` }, signal: abort.signal });
  if (response.status !== 200 || !response.body) throw new Error(`events: HTTP ${response.status}`);
  const parser = createSseParser();
  const got: ServerEvent[] = [];
  let wake = () => {};
  const reading = (async () => {
    try {
      for await (const chunk of response.body!) {
        for (const message of parser.push(chunk as Uint8Array)) got.push(serverEventSchema.parse(JSON.parse(message.data)));
        wake();
      }
    } catch (error) {
      if (!abort.signal.aborted) throw error;
    }
  })();
  return {
    async next(count) {
      while (got.length < count) await new Promise<void>((resolve) => (wake = resolve));
      return got.slice(0, count);
    },
    async close() {
      abort.abort();
      await reading;
    },
  };
}
