import { randomUUID } from 'node:crypto';
import { startStandIn, takeOutage, type Outage, type StandIn } from './stand-in-server';

export interface WebhookStandInOptions {
  /** The bearer token the gateway expects; none means it takes requests without one. */
  token?: string;
  path?: string;
}

export interface WebhookReceived {
  id: string;
  to: string;
  text: string;
  idempotencyKey: string;
  encoding: string;
  segments: number;
}

export interface WebhookStandIn extends StandIn {
  /** Messages accepted, once each: a repeated idempotency key is answered with the first id and not kept again. */
  messages: WebhookReceived[];
  outages: Outage[];
}

/**
 * A company SMS gateway as Signet's generic webhook provider expects one: JSON `{to, text, idempotencyKey, encoding,
 * segments}`, an optional bearer token, 200 `{id}` when accepted, 401 / 422 when refused. Imports nothing of the
 * project's but the server helper, so the e2e spec starts one in its own process.
 */
export async function startWebhookStandIn(options: WebhookStandInOptions = {}): Promise<WebhookStandIn> {
  const messages: WebhookReceived[] = [];
  const outages: Outage[] = [];
  const path = options.path ?? '/sms';
  const standIn = await startStandIn((request, problem) => {
    const outage = takeOutage(outages);
    if (outage) return outage;
    if (request.path !== path || request.method !== 'POST') return { status: 404, json: { message: 'Not found' } };
    if (options.token && request.headers.authorization !== `Bearer ${options.token}`) return { status: 401, json: { message: 'invalid token' } };
    if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) problem(`content-type ${request.headers['content-type'] ?? '(none)'} instead of application/json`);
    let body: Partial<WebhookReceived>;
    try {
      body = JSON.parse(request.body) as Partial<WebhookReceived>;
    } catch {
      return { status: 400, json: { message: 'body is not JSON' } };
    }
    if (typeof body.to !== 'string' || !/^\+[1-9]\d{6,14}$/.test(body.to)) return { status: 422, json: { message: `not an E.164 number: ${String(body.to)}` } };
    if (typeof body.text !== 'string' || typeof body.idempotencyKey !== 'string' || typeof body.segments !== 'number' || typeof body.encoding !== 'string') {
      return { status: 422, json: { message: 'to, text, idempotencyKey, encoding and segments are required' } };
    }
    if (request.headers['idempotency-key'] !== body.idempotencyKey) problem('Idempotency-Key header differs from the body');
    const earlier = messages.find((m) => m.idempotencyKey === body.idempotencyKey);
    if (earlier) return { status: 200, json: { id: earlier.id, duplicate: true } };
    const message: WebhookReceived = { id: randomUUID(), to: body.to, text: body.text, idempotencyKey: body.idempotencyKey, encoding: body.encoding, segments: body.segments };
    messages.push(message);
    return { status: 200, json: { id: message.id } };
  });
  return { ...standIn, messages, outages };
}
