import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * A local HTTP server standing in for an SMS provider in tests: it binds 127.0.0.1 on a free port, keeps every request
 * it received, and answers what the handler says. Plain node:http and nothing of the project's, so an e2e spec can
 * start one in its own process.
 */

export interface ReceivedRequest {
  method: string;
  /** The path without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface StandInReply {
  status: number;
  json?: unknown;
  /** Answer only after this long (a provider that hangs). */
  delayMs?: number;
}

export interface StandIn {
  /** `http://127.0.0.1:PORT` */
  url: string;
  received: ReceivedRequest[];
  /** What the handler found wrong with a request (a header, a parameter): tests expect none. */
  problems: string[];
  /**
   * Handles the next request as usual but answers it only after `ms`: the request got through and was acted on, the
   * answer is what a client waiting less than that never sees.
   */
  delayNextAnswer(ms: number): void;
  close(): Promise<void>;
}

export type StandInHandler = (request: ReceivedRequest, problem: (text: string) => void) => StandInReply;

export async function startStandIn(handler: StandInHandler): Promise<StandIn> {
  const received: ReceivedRequest[] = [];
  const problems: string[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let nextDelayMs = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      const request: ReceivedRequest = { method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(request);
      let reply: StandInReply;
      try {
        reply = handler(request, (text) => problems.push(text));
      } catch (error) {
        problems.push(`handler failed: ${String(error)}`);
        reply = { status: 500, json: { message: 'stand-in failed' } };
      }
      const delayMs = (reply.delayMs ?? 0) + nextDelayMs;
      nextDelayMs = 0;
      if (!delayMs) return answer(res, reply);
      const timer = setTimeout(() => {
        timers.delete(timer);
        answer(res, reply);
      }, delayMs);
      timers.add(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    problems,
    delayNextAnswer: (ms) => {
      nextDelayMs = ms;
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function answer(res: ServerResponse, reply: StandInReply): void {
  if (res.destroyed) return;
  const body = reply.json === undefined ? '' : JSON.stringify(reply.json);
  res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** A form body as the provider reads it, or a problem when it is not sent as one. */
export function formOf(request: ReceivedRequest, problem: (text: string) => void): URLSearchParams {
  const type = request.headers['content-type'] ?? '';
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) problem(`${request.path}: content-type ${type || '(none)'} instead of application/x-www-form-urlencoded`);
  return new URLSearchParams(request.body);
}

/** Fails the request the next `times` times with this reply, before any other check (a provider having a bad hour). */
export interface Outage {
  times: number;
  reply: StandInReply;
}

export function takeOutage(outages: Outage[]): StandInReply | undefined {
  const outage = outages[0];
  if (!outage) return undefined;
  if (--outage.times <= 0) outages.shift();
  return outage.reply;
}
