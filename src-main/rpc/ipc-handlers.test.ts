import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { callNames } from '../../src-shared/contract/calls';
import type { CallResult } from '../../src-shared/contract/result';
import { startServices, type RunningServices } from '../app/bootstrap';
import { silentLog } from '../app/log';
import { resourcesDir } from '../test-support/temp-services';
import type { Dispatch } from './dispatch';
import {
  createIpcHandlers,
  ipcChannel,
  isAppUrl,
  isTrustedSender,
  type FrameLike,
  type IpcChannel,
  type IpcHandler,
  type IpcLog,
} from './ipc-handlers';

/** What Electron's IpcMainInvokeEvent offers the trust check, reduced to the two frames it compares. */
interface FakeEvent {
  senderFrame: FrameLike | null;
}

const mainFrame: FrameLike = { url: 'app://signet/index.html', detached: false };
const trustedEvent: FakeEvent = { senderFrame: mainFrame };
const isTrusted = (event: FakeEvent) => isTrustedSender({ senderFrame: event.senderFrame, mainFrame });

function handler(handlers: ReadonlyMap<IpcChannel, IpcHandler<FakeEvent>>, channel: IpcChannel): IpcHandler<FakeEvent> {
  const h = handlers.get(channel);
  if (!h) throw new Error(`no handler for ${channel}`);
  return h;
}

function recordingLog(): IpcLog & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, warn: (msg) => warnings.push(msg), error: () => {} };
}

function issuesOf(result: CallResult<unknown>): { path: string; messageKey: string }[] {
  if (result.ok) throw new Error('expected a failure');
  return (result.error.details?.issues ?? []) as { path: string; messageKey: string }[];
}

describe('IPC channels', () => {
  it('registers one handler per contract call and nothing else', () => {
    const handlers = createIpcHandlers<FakeEvent>(vi.fn<Dispatch>(), isTrusted, { log: silentLog });
    const expected = callNames.map(ipcChannel);
    expect(new Set(expected).size).toBe(callNames.length);
    expect([...handlers.keys()].sort()).toEqual([...expected].sort());
  });

  it('names each channel after its call', () => {
    expect(ipcChannel('contacts.create')).toBe('signet:contacts.create');
  });
});

describe('isAppUrl', () => {
  it.each([
    ['app://signet/index.html', true],
    ['app://signet/', true],
    ['app://signet', true],
    ['app://signet/assets/index-abc.js?x=1#y', true],
    ['app://signet.evil/index.html', false],
    ['app://evil/index.html', false],
    ['app://user@signet/index.html', false],
    ['app://signet:8080/index.html', false],
    ['https://signet/index.html', false],
    ['file:///index.html', false],
    ['about:blank', false],
    ['', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });
});

describe('isTrustedSender', () => {
  it('trusts the main frame of the app window on the app origin', () => {
    expect(isTrustedSender({ senderFrame: mainFrame, mainFrame })).toBe(true);
  });

  it('refuses a sub-frame even when it shows the app origin', () => {
    const subFrame: FrameLike = { url: 'app://signet/index.html' };
    expect(isTrustedSender({ senderFrame: subFrame, mainFrame })).toBe(false);
  });

  it('refuses the main frame once it shows another origin', () => {
    const navigated: FrameLike = { url: 'https://example.com/' };
    expect(isTrustedSender({ senderFrame: navigated, mainFrame: navigated })).toBe(false);
  });

  it('refuses a missing, detached or disposed frame', () => {
    expect(isTrustedSender({ senderFrame: null, mainFrame })).toBe(false);
    expect(isTrustedSender({ senderFrame: mainFrame, mainFrame: null })).toBe(false);
    const detached: FrameLike = { url: 'app://signet/index.html', detached: true };
    expect(isTrustedSender({ senderFrame: detached, mainFrame: detached })).toBe(false);
    const disposed = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    expect(isTrustedSender({ senderFrame: disposed, mainFrame: disposed })).toBe(false);
  });
});

describe('IPC handlers refuse untrusted senders before anything runs', () => {
  const untrusted: [string, FakeEvent][] = [
    ['a sub-frame on the app origin', { senderFrame: { url: 'app://signet/index.html' } }],
    ['a sub-frame on a foreign origin', { senderFrame: { url: 'https://evil.example/' } }],
    ['a frame that is gone', { senderFrame: null }],
  ];

  it.each(untrusted)('%s gets FORBIDDEN on every channel and dispatch is never called', async (_label, event) => {
    const dispatch = vi.fn<Dispatch>();
    const log = recordingLog();
    const handlers = createIpcHandlers<FakeEvent>(dispatch, isTrusted, { log });
    for (const [, h] of handlers) {
      const result = await h(event, {});
      expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN', messageKey: 'errors.forbiddenSender' } });
    }
    expect(dispatch).not.toHaveBeenCalled();
    expect(log.warnings).toHaveLength(callNames.length);
  });

  it('refuses the main frame after it navigated to a foreign origin', async () => {
    const dispatch = vi.fn<Dispatch>();
    const navigatedMain: FrameLike = { url: 'https://evil.example/' };
    const handlers = createIpcHandlers<FakeEvent>(
      dispatch,
      (event) => isTrustedSender({ senderFrame: event.senderFrame, mainFrame: navigatedMain }),
      { log: silentLog },
    );
    const result = await handler(handlers, ipcChannel('app.info'))({ senderFrame: navigatedMain }, {});
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('FORBIDDEN');
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('treats a trust check that throws as untrusted', async () => {
    const dispatch = vi.fn<Dispatch>();
    const handlers = createIpcHandlers<FakeEvent>(
      dispatch,
      () => {
        throw new Error('boom');
      },
      { log: silentLog },
    );
    const result = await handler(handlers, ipcChannel('app.info'))(trustedEvent, {});
    expect(!result.ok && result.error.code).toBe('FORBIDDEN');
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('passes a trusted call to dispatch under its own name with the ipc transport', async () => {
    const dispatch = vi.fn<Dispatch>(async () => ({ ok: true, value: 'x' }));
    const handlers = createIpcHandlers<FakeEvent>(dispatch, isTrusted, { log: silentLog });
    const payload = { id: '7d3c2b0e-4a61-4a55-9b7e-2f7f2a0b9c11' };
    await expect(handler(handlers, ipcChannel('contacts.get'))(trustedEvent, payload)).resolves.toEqual({ ok: true, value: 'x' });
    expect(dispatch).toHaveBeenCalledTimes(1);
    expect(dispatch).toHaveBeenCalledWith('contacts.get', payload, { transport: 'ipc' });
  });

  it('turns a dispatcher that throws into INTERNAL without a stack trace', async () => {
    const dispatch = vi.fn<Dispatch>(async () => {
      throw new Error('secret stack');
    });
    const handlers = createIpcHandlers<FakeEvent>(dispatch, isTrusted, { log: silentLog });
    const result = await handler(handlers, ipcChannel('app.info'))(trustedEvent, {});
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', messageKey: 'errors.internal' } });
  });
});

describe('IPC handlers over the real services', () => {
  let dataDir: string;
  let services: RunningServices;
  let handlers: ReadonlyMap<IpcChannel, IpcHandler<FakeEvent>>;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'signet-ipc-'));
    services = await startServices({ dataDir, appVersion: 'test', log: silentLog, resourcesDir });
    handlers = createIpcHandlers<FakeEvent>(services.dispatch, isTrusted, { log: silentLog });
  });

  afterAll(async () => {
    await services?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('answers app.info for the main frame', async () => {
    const result = await handler(handlers, ipcChannel('app.info'))(trustedEvent, {});
    expect(result.ok).toBe(true);
    expect(result.ok && (result.value as { version: string }).version).toBe('test');
  });

  it('refuses an invalid payload with issues naming the field, and stores nothing', async () => {
    const create = handler(handlers, ipcChannel('contacts.create'));
    const result = await create(trustedEvent, {
      fields: { kind: 'client', firstName: 'Anna', lastName: 'Nowak', email: 'not-an-email' },
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('VALIDATION');
    expect(issuesOf(result)).toContainEqual({ path: 'fields.email', messageKey: 'validation.email' });

    const list = await handler(handlers, ipcChannel('contacts.list'))(trustedEvent, {});
    expect(list.ok && (list.value as { total: number }).total).toBe(0);
  });

  it('refuses a payload that is not an object, and unknown top-level fields', async () => {
    const create = handler(handlers, ipcChannel('contacts.create'));
    const notObject = await create(trustedEvent, 'DROP TABLE contacts');
    expect(!notObject.ok && notObject.error.code).toBe('VALIDATION');

    const extra = await handler(handlers, ipcChannel('app.info'))(trustedEvent, { debug: true });
    expect(!extra.ok && extra.error.code).toBe('VALIDATION');
    expect(issuesOf(extra).map((i) => i.messageKey)).toContain('validation.unknownField');
  });

  it('creates a contact from a valid payload', async () => {
    const result = await handler(handlers, ipcChannel('contacts.create'))(trustedEvent, {
      fields: { kind: 'client', firstName: 'Anna', lastName: 'Nowak', email: 'Anna.Nowak@Example.PL' },
    });
    expect(result.ok).toBe(true);
    expect(result.ok && (result.value as { email: string }).email).toBe('anna.nowak@example.pl');
  });

  it('refuses a sub-frame on the real services too, and the store is unchanged', async () => {
    const subFrame: FakeEvent = { senderFrame: { url: 'app://signet/index.html' } };
    const result = await handler(handlers, ipcChannel('contacts.create'))(subFrame, {
      fields: { kind: 'client', firstName: 'Jan', lastName: 'Kowalski' },
    });
    expect(!result.ok && result.error.code).toBe('FORBIDDEN');
    const list = await handler(handlers, ipcChannel('contacts.list'))(trustedEvent, { query: 'Kowalski' });
    expect(list.ok && (list.value as { total: number }).total).toBe(0);
  });
});

describe('IPC progress', () => {
  const reporting: Dispatch = async (_name, _payload, ctx) => {
    for (let done = 0; done <= 4; done++) ctx.progress?.({ phase: 'hash', done, total: 4 });
    return { ok: true, value: 'done' };
  };

  it('sends progress to the calling frame under the id it chose; a bad or missing id gets none', async () => {
    const sent: [FakeEvent, string, unknown][] = [];
    const handlers = createIpcHandlers<FakeEvent>(reporting, isTrusted, { log: silentLog, sendProgress: (e, id, p) => sent.push([e, id, p]) });
    const verify = handler(handlers, ipcChannel('pdf.verify'));
    await expect(verify(trustedEvent, {}, 'a1b2c3d4-0000-4000-8000-000000000000')).resolves.toEqual({ ok: true, value: 'done' });
    expect(sent.length).toBeGreaterThanOrEqual(1);
    expect(sent.every(([e, id]) => e === trustedEvent && id === 'a1b2c3d4-0000-4000-8000-000000000000')).toBe(true);
    expect(sent.at(-1)![2]).toEqual({ phase: 'hash', done: 4, total: 4 });
    sent.length = 0;
    for (const bad of [undefined, 42, 'x', 'a'.repeat(65), '../../etc']) await verify(trustedEvent, {}, bad);
    expect(sent).toEqual([]);
  });

  it('an untrusted sender gets neither a result nor progress', async () => {
    const sent: unknown[] = [];
    const handlers = createIpcHandlers<FakeEvent>(reporting, isTrusted, { log: silentLog, sendProgress: (...args) => sent.push(args) });
    const other: FakeEvent = { senderFrame: { url: 'app://signet/index.html' } };
    await expect(handler(handlers, ipcChannel('pdf.verify'))(other, {}, 'a1b2c3d4-0000-4000-8000-000000000000')).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(sent).toEqual([]);
  });
});
