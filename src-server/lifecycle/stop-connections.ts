import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

/**
 * Every connection closed when the server stops, so that a graceful stop ends when its requests do. Node's
 * `server.close()` is meant to close the idle keep-alive connections, but it misses some: one that connected and sent
 * nothing yet (a browser's preconnect, a client that gave up before writing), and in practice one kept alive after a
 * streamed answer (a sealed PDF); the stop then waits for their clients, which keep them 72 s. So here a connection
 * with no request in flight is cut (nothing is lost), and one with a request in flight finishes its answer and is then
 * closed instead of being kept for another request.
 */
export function closeConnectionsOnStop(app: FastifyInstance): void {
  const inFlight = new Map<Socket, Set<ServerResponse>>();
  app.server.on('connection', (socket: Socket) => {
    inFlight.set(socket, new Set());
    socket.once('close', () => inFlight.delete(socket));
  });
  app.server.on('request', (request: { socket: Socket }, response: ServerResponse) => {
    const answering = inFlight.get(request.socket);
    answering?.add(response);
    response.once('close', () => answering?.delete(response));
  });
  app.addHook('preClose', async () => {
    for (const [socket, answering] of inFlight) {
      if (answering.size === 0) socket.destroy();
      for (const response of answering) {
        if (!response.headersSent) response.setHeader('connection', 'close');
        else response.once('finish', () => socket.end());
      }
    }
  });
}
