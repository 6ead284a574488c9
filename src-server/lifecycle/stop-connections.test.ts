import net from 'node:net';
import { Readable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { closeConnectionsOnStop } from './stop-connections';

/** A raw connection to the server, and when it closed. */
async function connect(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  const closed = new Promise((resolve) => socket.once('close', resolve));
  let received = '';
  socket.on('data', (d: Buffer) => (received += d.toString()));
  await new Promise((resolve) => socket.once('connect', resolve));
  return { socket, closed, received: () => received };
}

/** Without the hook, Node's close waits for such connections for as long as their clients keep them (fetch: the server's 72 s). */
describe('closeConnectionsOnStop', () => {
  it('cuts connections with nothing in flight (none sent, one kept alive after a streamed answer), finishes the answer in flight, then closes its connection', async () => {
    const app = Fastify();
    closeConnectionsOnStop(app);
    let arrived: () => void = () => {};
    const slowArrived = new Promise<void>((resolve) => (arrived = resolve));
    let answer: () => void = () => {};
    const answered = new Promise<void>((resolve) => (answer = resolve));
    app.get('/slow', async () => {
      arrived();
      await answered;
      return { ok: true };
    });
    app.get('/file', async (_request, reply) => reply.type('application/pdf').send(Readable.from([Buffer.from('%PDF-1.7 ')])));
    const port = Number(new URL(await app.listen({ port: 0, host: '127.0.0.1' })).port);

    const silent = await connect(port);
    const keptAlive = await connect(port);
    keptAlive.socket.write(`GET /file HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n`);
    while (!keptAlive.received().includes('%PDF-1.7')) await new Promise((r) => setTimeout(r, 5));
    const slow = fetch(`http://127.0.0.1:${port}/slow`);
    await slowArrived;

    const closing = app.close();
    await Promise.all([silent.closed, keptAlive.closed]);
    answer();
    const response = await slow;
    expect(response.headers.get('connection')).toBe('close');
    expect(await response.json()).toEqual({ ok: true });
    await closing;
  });
});
