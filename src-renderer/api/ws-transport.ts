import type { CallName } from '../../src-shared/contract/calls';
import { isAppErrorData } from '../../src-shared/contract/errors';
import type { CallResult } from '../../src-shared/contract/result';
import type { CallProgress, ProgressListener } from '../../src-shared/contract/progress';
import { tokenParam, wsPath, type WireProgress, type WireRequest, type WireResponse } from '../../src-shared/contract/wire';
import { transportFailure, type Transport } from './transport';

interface Pending {
  resolve(result: CallResult<unknown>): void;
  onProgress?: ProgressListener | undefined;
}

export interface WebSocketTransportOptions {
  /** The per-launch token; without one every call fails UNAUTHORIZED and no socket is opened. */
  token: string | null;
  /** Defaults to the page's own host at `wsPath`. */
  url?: string;
  /** Injected by tests; the browser's WebSocket otherwise. */
  createSocket?: (url: string) => WebSocket;
}

/** `ws(s)://<host>/rpc?token=…`: the same origin as the page (the CSP's connect-src 'self' allows nothing else). */
export function socketUrl(location: Pick<Location, 'protocol' | 'host'>, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${wsPath}?${tokenParam}=${encodeURIComponent(token)}`;
}

/**
 * Browser host: the contract over one WebSocket, one JSON frame per request and per response, matched by id.
 * The socket opens lazily on the first call; when it drops, every pending call ends with a TRANSPORT error and
 * the next call opens a new one.
 */
export function createWebSocketTransport(options: WebSocketTransportOptions): Transport {
  const { token } = options;
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url));
  let socket: WebSocket | null = null;
  let opened: Promise<WebSocket> | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const url = () => options.url ?? socketUrl(window.location, token ?? '');

  const failAll = () => {
    for (const p of pending.values()) p.resolve(transportFailure());
    pending.clear();
  };

  const connect = (): Promise<WebSocket> => {
    if (opened) return opened;
    opened = new Promise<WebSocket>((resolve, reject) => {
      const ws = createSocket(url());
      let isOpen = false;
      ws.addEventListener('open', () => {
        isOpen = true;
        socket = ws;
        resolve(ws);
      });
      ws.addEventListener('message', (event) => onMessage(event.data));
      ws.addEventListener('close', () => {
        if (socket === ws) socket = null;
        opened = null;
        failAll();
        if (!isOpen) reject(new Error('closed before open'));
      });
      // An 'error' is always followed by 'close', which does the clean-up.
    });
    return opened;
  };

  const onMessage = (data: unknown) => {
    if (typeof data !== 'string') return;
    let frame: Partial<WireResponse & WireProgress>;
    try {
      frame = JSON.parse(data) as Partial<WireResponse & WireProgress>;
    } catch {
      return;
    }
    if (typeof frame.id !== 'number') return;
    const waiting = pending.get(frame.id);
    if (!waiting) return;
    if ('progress' in frame && !('result' in frame)) {
      waiting.onProgress?.(frame.progress as CallProgress);
      return;
    }
    pending.delete(frame.id);
    waiting.resolve(isCallResult(frame.result) ? frame.result : transportFailure());
  };

  return {
    kind: 'websocket',
    async send(name: CallName, input: unknown, onProgress?: ProgressListener): Promise<CallResult<unknown>> {
      if (!token) return { ok: false, error: { code: 'UNAUTHORIZED', messageKey: 'errors.unauthorized' } };
      let ws: WebSocket;
      try {
        ws = socket ?? (await connect());
      } catch {
        return transportFailure();
      }
      const id = nextId++;
      const request: WireRequest = onProgress ? { id, name, input, progress: true } : { id, name, input };
      return new Promise<CallResult<unknown>>((resolve) => {
        pending.set(id, { resolve, onProgress });
        try {
          ws.send(JSON.stringify(request));
        } catch {
          pending.delete(id);
          resolve(transportFailure());
        }
      });
    },
  };
}

function isCallResult(value: unknown): value is CallResult<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (v.ok === true) return 'value' in v;
  return v.ok === false && isAppErrorData(v.error);
}
