import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { apiPrefix } from '../../src-shared/company-server/api';
import { eventsPath, serverEventName, serverEventSchema, type ServerEvent } from '../../src-shared/company-server/events';
import { createSseParser, type SseMessage } from '../../src-main/services/company-server/sse-parser';
import { resourcesDir } from '../../src-main/test-support/temp-services';
import { appendFeed } from '../feed/feed';
import { pairDevice, type PairedDevice } from '../test-support/paired-device';
import { publishNda } from '../test-support/published-document';
import { startTestServer, type TestServer } from '../test-support/test-server';
import { registerAuthentication } from './authenticate';
import { registerErrorHandling } from './error-handler';
import { registerEventsRoute } from './events-route';

/*
 * The desktops' live feed over real HTTP: the real server on a loopback port, two paired devices each with a document
 * published, feed rows appended as the signing routes append them (appendFeed), read back as Server-Sent Events.
 */
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const pdf = new Uint8Array(fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf')));

interface Published {
  device: PairedDevice;
  desktopDocumentId: string;
  publishedId: string;
  /** The server's id of the desktop's signer '31'. */
  signerId: string;
}

async function publishedBy(server: TestServer, deviceName: string): Promise<Published> {
  const device = await pairDevice(server, deviceName);
  const desktopDocumentId = randomUUID();
  const answer = await publishNda(device, pdf, desktopDocumentId);
  const signer = await server.store.db.selectFrom('published_signers').select('id').where('document_id', '=', answer.publishedId).executeTakeFirstOrThrow();
  return { device, desktopDocumentId, publishedId: answer.publishedId, signerId: signer.id };
}

async function world() {
  const server = await startTestServer({ linkOutbox: async () => {} });
  cleanup.push(() => server.close());
  return { server, mine: await publishedBy(server, 'Recepcja'), theirs: await publishedBy(server, 'Księgowość') };
}

/** A feed row as the signing routes write it (in a transaction of their own). */
const append = (server: TestServer, doc: Published, type: ServerEvent['type'], details: ServerEvent['details'] = {}) =>
  server.store.db.transaction().execute((trx) => appendFeed(trx, { documentId: doc.publishedId, signerId: doc.signerId, type, at: new Date().toISOString(), details }));

interface Reader {
  response: Response;
  /** Resolves with the messages read once there are at least `count` of them in all. */
  messages(count: number): Promise<SseMessage[]>;
  comments(): number;
  /** Resolves once the server ended the stream. */
  ended: Promise<void>;
  close(): void;
}

async function openStream(base: string, token: string | undefined, query = '', headers: Record<string, string> = {}): Promise<Reader> {
  const abort = new AbortController();
  const response = await fetch(`${base}${eventsPath}${query}`, { headers: { accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers }, signal: abort.signal });
  const parser = createSseParser();
  const read: SseMessage[] = [];
  let wake = () => {};
  const ended = (async () => {
    if (!response.body || !response.headers.get('content-type')?.startsWith('text/event-stream')) return;
    try {
      for await (const chunk of response.body) {
        read.push(...parser.push(chunk as Uint8Array));
        wake();
      }
    } catch (error) {
      if (!abort.signal.aborted) throw error;
    }
    wake();
  })();
  let done = false;
  void ended.finally(() => (done = true));
  cleanup.push(async () => {
    abort.abort();
    await ended;
  });
  return {
    response,
    messages: async (count) => {
      while (read.length < count && !done) await new Promise<void>((resolve) => (wake = resolve));
      return read.slice(0, count);
    },
    comments: () => parser.comments,
    ended,
    close: () => abort.abort(),
  };
}

const events = (messages: SseMessage[]) => messages.map((m) => serverEventSchema.parse(JSON.parse(m.data)));

describe('GET /api/v1/events', () => {
  it('sends the backlog after ?after=N as Server-Sent Events in the desktop’s ids, with the headers a proxy must not buffer', async () => {
    const { server, mine } = await world();
    await append(server, mine, 'viewed', { ip: '127.0.0.1' });
    await append(server, mine, 'codeSent', { channel: 'email' });
    await append(server, mine, 'codePassed');
    const seqs = (await server.store.db.selectFrom('document_feed').select('seq').orderBy('seq').execute()).map((r) => r.seq);

    const stream = await openStream(server.url, mine.device.token, `?after=${seqs[0]}`);
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(stream.response.headers.get('cache-control')).toBe('no-store');
    expect(stream.response.headers.get('x-accel-buffering')).toBe('no');
    const got = await stream.messages(2);
    expect(got.map((m) => [m.id, m.event])).toEqual([
      [String(seqs[1]), serverEventName],
      [String(seqs[2]), serverEventName],
    ]);
    expect(events(got)).toEqual([
      { seq: seqs[1], type: 'codeSent', documentId: mine.desktopDocumentId, publishedId: mine.publishedId, signerId: '31', at: expect.any(String), details: { channel: 'email' } },
      { seq: seqs[2], type: 'codePassed', documentId: mine.desktopDocumentId, publishedId: mine.publishedId, signerId: '31', at: expect.any(String), details: {} },
    ]);
  });

  it('starts after the Last-Event-ID header of a reconnect, which wins over ?after', async () => {
    const { server, mine } = await world();
    for (const type of ['viewed', 'codeSent', 'codePassed', 'signed'] as const) await append(server, mine, type);
    const seqs = (await server.store.db.selectFrom('document_feed').select('seq').orderBy('seq').execute()).map((r) => r.seq);
    const stream = await openStream(server.url, mine.device.token, '?after=0', { 'last-event-id': String(seqs[2]) });
    expect(events(await stream.messages(1)).map((e) => [e.seq, e.type])).toEqual([[seqs[3], 'signed']]);
    const bad = await openStream(server.url, mine.device.token, '', { 'last-event-id': 'ten' });
    expect(bad.response.status).toBe(400);
  });

  it('delivers a row appended after connecting, live, and never another device’s rows', async () => {
    const { server, mine, theirs } = await world();
    await append(server, theirs, 'viewed');
    await append(server, mine, 'viewed');
    const stream = await openStream(server.url, mine.device.token);
    expect(events(await stream.messages(1)).map((e) => e.type)).toEqual(['viewed']);

    await append(server, theirs, 'signed', { method: 'drawn' });
    await append(server, mine, 'signed', { method: 'typed', identity: 'emailCode' });
    await append(server, theirs, 'declined', { reason: 'Nie' });
    await append(server, mine, 'sealed', { sha256: 'a'.repeat(64), size: 1234 });
    const got = events(await stream.messages(3));
    expect(got.map((e) => [e.type, e.documentId, e.details])).toEqual([
      ['viewed', mine.desktopDocumentId, {}],
      ['signed', mine.desktopDocumentId, { method: 'typed', identity: 'emailCode' }],
      ['sealed', mine.desktopDocumentId, { sha256: 'a'.repeat(64), size: 1234 }],
    ]);
    const other = await openStream(server.url, theirs.device.token);
    expect(events(await other.messages(3)).map((e) => [e.type, e.documentId])).toEqual([
      ['viewed', theirs.desktopDocumentId],
      ['signed', theirs.desktopDocumentId],
      ['declined', theirs.desktopDocumentId],
    ]);
  });

  it('is 401 without a device token, with a made-up one and with a revoked one', async () => {
    const { server, mine } = await world();
    expect((await openStream(server.url, undefined)).response.status).toBe(401);
    expect((await openStream(server.url, 'made-up-token')).response.status).toBe(401);
    await server.store.db.updateTable('devices').set({ revoked_at: new Date().toISOString() }).where('id', '=', mine.device.deviceId).execute();
    const revoked = await openStream(server.url, mine.device.token);
    expect(revoked.response.status).toBe(401);
    expect(await revoked.response.json()).toMatchObject({ error: { code: 'DEVICE_REVOKED' } });
  });

  it('is ended by the server’s close, so a graceful stop does not wait on open streams', async () => {
    const { server, mine, theirs } = await world();
    const streams = [await openStream(server.url, mine.device.token), await openStream(server.url, theirs.device.token)];
    await append(server, mine, 'viewed');
    expect(await streams[0]!.messages(1)).toHaveLength(1);
    await server.close();
    await Promise.all(streams.map((s) => s.ended));
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });

  it('sends a keep-alive comment each time a wait passes with nothing, and the backlog page by page, in order', async () => {
    const { server, mine } = await world();
    for (let i = 0; i < 5; i++) await append(server, mine, i % 2 ? 'codeSent' : 'viewed');
    // The route alone on an app of its own, with a short wait and small pages; the same store and tokens.
    const app = Fastify();
    registerErrorHandling(app);
    await app.register(
      async (api) => {
        registerAuthentication(api, server.store, () => new Date());
        await registerEventsRoute(api, { db: server.store.db, keepAliveMs: 20, pageSize: 2 });
      },
      { prefix: apiPrefix },
    );
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    cleanup.push(() => app.close());
    const stream = await openStream(base, mine.device.token);
    const seqs = (await server.store.db.selectFrom('document_feed').select('seq').orderBy('seq').execute()).map((r) => r.seq);
    expect(events(await stream.messages(5)).map((e) => e.seq)).toEqual(seqs);
    while (stream.comments() < 3) await new Promise((r) => setTimeout(r, 10));
    await append(server, mine, 'signed');
    expect(events(await stream.messages(6)).at(-1)?.type).toBe('signed');
  });
});
