import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../src-shared/contract/errors';
import type { CallName } from '../../src-shared/contract/calls';
import type { CallResult } from '../../src-shared/contract/result';
import type { SignetBridge } from '../../src-shared/contract/types';
import type { WireRequest } from '../../src-shared/contract/wire';
import { createApiClient } from './client';
import { createIpcTransport } from './ipc-transport';
import { takeToken } from './token';
import type { Transport } from './transport';
import { createWebSocketTransport, socketUrl } from './ws-transport';

/** A stand-in for the browser's WebSocket: records frames, lets the test open, answer and drop it. */
class FakeSocket extends EventTarget {
  static made: FakeSocket[] = [];
  sent: WireRequest[] = [];
  constructor(readonly url: string) {
    super();
    FakeSocket.made.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data) as WireRequest);
  }
  open() {
    this.dispatchEvent(new Event('open'));
  }
  reply(id: number, result: CallResult<unknown>) {
    this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify({ id, result }) }));
  }
  raw(data: string) {
    this.dispatchEvent(new MessageEvent('message', { data }));
  }
  drop() {
    this.dispatchEvent(new Event('close'));
  }
}

const tick = () => new Promise((r) => setTimeout(r, 0));

function wsTransport(token: string | null = 'abc123') {
  FakeSocket.made = [];
  return createWebSocketTransport({
    token,
    url: 'ws://127.0.0.1:1234/rpc?token=abc123',
    createSocket: (url) => new FakeSocket(url) as unknown as WebSocket,
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('api client', () => {
  const fixed = (result: CallResult<unknown>): Transport => ({ kind: 'websocket', send: () => Promise.resolve(result) });

  it('returns the value of an ok result', async () => {
    const api = createApiClient(fixed({ ok: true, value: { items: [], total: 0 } }));
    await expect(api.call('contacts.list', {})).resolves.toEqual({ items: [], total: 0 });
  });

  it('throws an AppError carrying code, message key and details for a failed result', async () => {
    const api = createApiClient(
      fixed({ ok: false, error: { code: 'VALIDATION', messageKey: 'errors.validation', details: { issues: [{ path: 'fields.email', messageKey: 'validation.email' }] } } }),
    );
    const error = await api.call('contacts.create', { fields: { kind: 'client', firstName: 'A', lastName: 'B' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'VALIDATION', messageKey: 'errors.validation', details: { issues: [{ path: 'fields.email' }] } });
  });

  it('accepts only contract call names (checked by the compiler)', () => {
    const api = createApiClient(fixed({ ok: true, value: null }));
    // @ts-expect-error 'fs.readFile' is not a call of the contract.
    void api.call('fs.readFile', {});
    // @ts-expect-error the input must match the call's schema.
    void api.call('contacts.get', { nope: 1 });
  });
});

describe('IPC transport', () => {
  it('calls the matching bridge method and passes its result through', async () => {
    const get = vi.fn().mockResolvedValue({ ok: true, value: { id: 'x' } });
    const transport = createIpcTransport({ 'contacts.get': get } as unknown as SignetBridge);
    await expect(transport.send('contacts.get', { id: 'x' })).resolves.toEqual({ ok: true, value: { id: 'x' } });
    expect(get).toHaveBeenCalledWith({ id: 'x' });
  });

  it('refuses a name outside the contract even if the bridge object had such a member', async () => {
    const evil = vi.fn();
    const transport = createIpcTransport({ constructor: evil, toString: evil } as unknown as SignetBridge);
    await expect(transport.send('toString' as CallName, {})).resolves.toMatchObject({ ok: false, error: { code: 'TRANSPORT' } });
    expect(evil).not.toHaveBeenCalled();
  });

  it('hands a progress callback to the bridge method only when the caller asked for progress', async () => {
    const verify = vi.fn().mockResolvedValue({ ok: true, value: {} });
    const transport = createIpcTransport({ 'pdf.verify': verify } as unknown as SignetBridge);
    await transport.send('pdf.verify', { data: '' });
    expect(verify.mock.calls[0]).toHaveLength(1);
    const listener = vi.fn();
    await transport.send('pdf.verify', { data: '' }, listener);
    expect(verify.mock.calls[1]![1]).toBe(listener);
  });

  it('turns a throwing bridge into a TRANSPORT error', async () => {
    const transport = createIpcTransport({ 'app.info': () => Promise.reject(new Error('gone')) } as unknown as SignetBridge);
    await expect(transport.send('app.info', {})).resolves.toEqual({ ok: false, error: { code: 'TRANSPORT', messageKey: 'errors.transport' } });
  });
});

describe('WebSocket transport', () => {
  it('builds the socket URL on the page origin with the token', () => {
    expect(socketUrl({ protocol: 'http:', host: '127.0.0.1:5000' }, 'ab12')).toBe('ws://127.0.0.1:5000/rpc?token=ab12');
    expect(socketUrl({ protocol: 'https:', host: 'signet.example' }, 'ab12')).toBe('wss://signet.example/rpc?token=ab12');
  });

  it('opens one socket lazily, numbers requests and matches answers by id, in any order', async () => {
    const transport = wsTransport();
    expect(FakeSocket.made).toHaveLength(0);
    const first = transport.send('contacts.list', { query: 'a' });
    const second = transport.send('app.info', {});
    expect(FakeSocket.made).toHaveLength(1);
    const socket = FakeSocket.made[0]!;
    socket.open();
    await tick();
    expect(socket.sent.map((r) => r.name)).toEqual(['contacts.list', 'app.info']);
    const [a, b] = socket.sent;
    socket.reply(b!.id, { ok: true, value: 'info' });
    socket.reply(a!.id, { ok: true, value: 'list' });
    await expect(first).resolves.toEqual({ ok: true, value: 'list' });
    await expect(second).resolves.toEqual({ ok: true, value: 'info' });
  });

  it('ignores frames it cannot read, and answers a malformed result with a TRANSPORT error', async () => {
    const transport = wsTransport();
    const call = transport.send('app.info', {});
    const socket = FakeSocket.made[0]!;
    socket.open();
    await tick();
    socket.raw('not json');
    socket.raw(JSON.stringify({ id: 999, result: { ok: true, value: 1 } }));
    socket.raw(JSON.stringify({ id: socket.sent[0]!.id, result: { ok: false, error: { stack: 'x' } } }));
    await expect(call).resolves.toEqual({ ok: false, error: { code: 'TRANSPORT', messageKey: 'errors.transport' } });
  });

  it('fails pending calls with errors.transport when the socket drops, and reconnects on the next call', async () => {
    const transport = wsTransport();
    const pending = transport.send('app.info', {});
    FakeSocket.made[0]!.open();
    await tick();
    FakeSocket.made[0]!.drop();
    await expect(pending).resolves.toEqual({ ok: false, error: { code: 'TRANSPORT', messageKey: 'errors.transport' } });

    const next = transport.send('app.info', {});
    expect(FakeSocket.made).toHaveLength(2);
    const socket = FakeSocket.made[1]!;
    socket.open();
    await tick();
    socket.reply(socket.sent[0]!.id, { ok: true, value: 'back' });
    await expect(next).resolves.toEqual({ ok: true, value: 'back' });
  });

  it('reports a socket refused before it opened (wrong token, host gone) as TRANSPORT', async () => {
    const transport = wsTransport();
    const call = transport.send('app.info', {});
    FakeSocket.made[0]!.drop();
    await expect(call).resolves.toMatchObject({ ok: false, error: { code: 'TRANSPORT' } });
  });

  it('routes progress frames to the call that asked for them, and only well-formed ones through the client', async () => {
    const transport = wsTransport();
    const api = createApiClient(transport);
    const seen: unknown[] = [];
    const call = api.call('pdf.verify', { data: 'JVBERg==' }, { onProgress: (p) => seen.push(p) });
    const other = transport.send('app.info', {});
    const socket = FakeSocket.made[0]!;
    socket.open();
    await tick();
    const [verify, info] = socket.sent;
    expect(verify).toMatchObject({ name: 'pdf.verify', progress: true });
    expect(info).not.toHaveProperty('progress');
    socket.raw(JSON.stringify({ id: verify!.id, progress: { phase: 'hash', done: 10, total: 100 } }));
    socket.raw(JSON.stringify({ id: verify!.id, progress: { phase: 'hash', done: 'lots', total: 100 } }));
    socket.raw(JSON.stringify({ id: info!.id, progress: { phase: 'hash', done: 50, total: 100 } }));
    socket.reply(verify!.id, { ok: true, value: { verdict: 'unsigned' } });
    socket.raw(JSON.stringify({ id: verify!.id, progress: { phase: 'hash', done: 99, total: 100 } }));
    await expect(call).resolves.toEqual({ verdict: 'unsigned' });
    expect(seen).toEqual([{ phase: 'hash', done: 10, total: 100 }]);
    socket.reply(info!.id, { ok: true, value: 'info' });
    await expect(other).resolves.toEqual({ ok: true, value: 'info' });
  });

  it('without a token, fails UNAUTHORIZED and opens nothing', async () => {
    const transport = wsTransport(null);
    await expect(transport.send('app.info', {})).resolves.toEqual({ ok: false, error: { code: 'UNAUTHORIZED', messageKey: 'errors.unauthorized' } });
    expect(FakeSocket.made).toHaveLength(0);
  });
});

describe('token from the URL fragment', () => {
  function stubPage(hash: string) {
    const store = new Map<string, string>();
    const replaceState = vi.fn();
    vi.stubGlobal('sessionStorage', {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    });
    vi.stubGlobal('window', { location: { hash, pathname: '/', search: '' }, history: { state: null, replaceState } });
    return { store, replaceState };
  }

  it('takes #token=HEX, keeps it in sessionStorage and removes it from the visible URL', () => {
    const { store, replaceState } = stubPage('#token=deadbeef');
    expect(takeToken()).toBe('deadbeef');
    expect([...store.values()]).toEqual(['deadbeef']);
    expect(replaceState).toHaveBeenCalledWith(null, '', '/');
  });

  it('after a reload (no fragment) reads it back from sessionStorage', () => {
    const { store } = stubPage('');
    store.set('signet.token', 'cafe01');
    expect(takeToken()).toBe('cafe01');
  });

  it('ignores a token that is not hex', () => {
    stubPage('#token=<script>');
    expect(takeToken()).toBeNull();
  });
});
