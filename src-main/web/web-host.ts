import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { CallProgress } from '../../src-shared/contract/progress';
import { tokenParam, wsPath, type WireProgress, type WireResponse } from '../../src-shared/contract/wire';
import type { Log } from '../app/log';
import { rendererHeaders } from '../app/renderer-assets';
import type { Dispatch } from '../rpc/dispatch';
import { readStatic } from './static-files';

export interface WebHostOptions {
  dispatch: Dispatch;
  rendererDir: string;
  /** 0 picks any free port. */
  port: number;
  log: Log;
  /** Tests may fix it; otherwise 32 random bytes per launch. */
  token?: string;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Large enough for a PDF at the 100 MB import limit in base64 plus framing. */
const maxPayload = 140 * 1024 * 1024;

/**
 * The browser host: the built renderer over http on 127.0.0.1 and the contract over a WebSocket. Only a client that
 * knows the per-launch token may open the socket, and only pages of this origin (a page from elsewhere would carry its
 * own Origin), so neither another local user's browser tab nor a DNS-rebinding site can reach the services.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(32).toString('hex');
  const expected = Buffer.from(token);
  let allowedHosts: Set<string> = new Set();

  const server = http.createServer((req, res) => {
    if (!allowedHosts.has(req.headers.host ?? '')) {
      res.writeHead(421, { 'Content-Type': 'text/plain' }).end('Misdirected request');
      return;
    }
    void readStatic(options.rendererDir, req.url ?? '/', req.method ?? 'GET').then((file) => {
      if (file.status !== 200 || !('body' in file)) {
        res.writeHead(file.status, rendererHeaders('text/plain; charset=utf-8')).end(http.STATUS_CODES[file.status]);
        return;
      }
      res.writeHead(200, rendererHeaders(file.contentType));
      res.end(req.method === 'HEAD' ? undefined : file.body);
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload });
  wss.on('error', (error) => options.log.error('websocket server error', error));
  server.on('upgrade', (req, socket, head) => {
    const refusal = refuseUpgrade(req, allowedHosts, expected);
    if (refusal) {
      options.log.warn('websocket refused', { reason: refusal.reason, remote: req.socket.remoteAddress });
      rejectUpgrade(socket, refusal.status);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, options));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const url = `http://127.0.0.1:${port}/#${tokenParam}=${token}`;

  return {
    url,
    port,
    token,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function refuseUpgrade(
  req: http.IncomingMessage,
  allowedHosts: Set<string>,
  expected: Buffer,
): { status: number; reason: string } | null {
  const url = new URL(req.url ?? '/', 'http://placeholder');
  if (url.pathname !== wsPath) return { status: 404, reason: 'path' };
  if (!allowedHosts.has(req.headers.host ?? '')) return { status: 421, reason: 'host' };
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedHosts.has(origin.replace(/^http:\/\//, ''))) return { status: 403, reason: 'origin' };
  const given = Buffer.from(url.searchParams.get(tokenParam) ?? '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { status: 401, reason: 'token' };
  return null;
}

function rejectUpgrade(socket: Duplex, status: number): void {
  socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

function serveSocket(ws: WebSocket, options: WebHostOptions): void {
  // A frame that is not valid UTF-8 or is over the size limit makes ws emit 'error' and close the socket (1007, 1009);
  // without a listener that error would end the whole process.
  ws.on('error', (error) => options.log.warn('websocket closed on a bad frame', { reason: error.message }));
  const send = (frame: WireResponse | WireProgress) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };
  ws.on('message', (data: RawData, isBinary: boolean) => {
    void handleFrame(data, isBinary, options, send).then(send);
  });
}

async function handleFrame(data: RawData, isBinary: boolean, options: WebHostOptions, send: (frame: WireProgress) => void): Promise<WireResponse> {
  let frame: unknown;
  try {
    frame = isBinary ? undefined : JSON.parse(data.toString());
  } catch {
    frame = undefined;
  }
  const request = frame as { id?: unknown; name?: unknown; input?: unknown; progress?: unknown } | undefined;
  const id = typeof request?.id === 'number' ? request.id : 0;
  if (!request || typeof request !== 'object' || typeof request.id !== 'number') {
    return { id, result: { ok: false, error: { code: 'VALIDATION', messageKey: 'errors.malformedRequest' } } };
  }
  // Progress goes back on the socket that asked, tagged with its request id; nobody else sees it.
  const progress = request.progress === true ? (p: CallProgress) => send({ id, progress: p }) : undefined;
  return { id, result: await options.dispatch(request.name, request.input, { transport: 'websocket', progress }) };
}
