import { callNames, type CallName } from '../../src-shared/contract/calls';
import type { CallProgress } from '../../src-shared/contract/progress';
import type { CallResult } from '../../src-shared/contract/result';
import type { Dispatch } from './dispatch';

/*
 * The Electron IPC side of the contract, kept free of any `electron` import so it runs (and is tested) under plain Node.
 * `src-main/electron/main.ts` passes Electron's real event objects in; here they are only structural types.
 */

/** The renderer is served from this origin by the `app://` protocol (see `src-main/electron/protocol.ts`). */
export const appScheme = 'app';
export const appHost = 'signet';
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;

export type IpcChannel = `signet:${CallName}`;

/** One channel per contract call; the preload invokes exactly these (its own copy is checked against this one by a test). */
export function ipcChannel(name: CallName): IpcChannel {
  return `signet:${name}`;
}

/**
 * True for a URL on the app's own origin, `app://signet/...`. Parsed rather than prefix-matched, so `app://signet.evil/`,
 * `app://user@signet/` or `app://signet:1/` do not pass. (Node's URL reports `origin: "null"` for non-special schemes,
 * hence the comparison of the parts.)
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${appScheme}:` &&
    parsed.hostname === appHost &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** The part of Electron's `WebFrameMain` the trust check reads. */
export interface FrameLike {
  readonly url: string;
  /** Electron ≥ 33: the frame was swapped out by a navigation; IPC from it must not be trusted. */
  readonly detached?: boolean;
}

export interface SenderFrames {
  /** `event.senderFrame`: null once the sending frame navigated away or was destroyed. */
  senderFrame: FrameLike | null | undefined;
  /** `mainWindow.webContents.mainFrame` of the app's own window. */
  mainFrame: FrameLike | null | undefined;
}

/**
 * Only the main frame of the app's own window, showing the app's own origin, may call services. A sub-frame (an
 * iframe, even one on app://signet), another window, or the main frame after it navigated elsewhere is refused.
 * Frames are compared by identity: Electron hands out one `WebFrameMain` object per live frame.
 */
export function isTrustedSender({ senderFrame, mainFrame }: SenderFrames): boolean {
  if (!senderFrame || !mainFrame || senderFrame !== mainFrame) return false;
  try {
    // Reading a disposed frame throws in Electron; that is an untrusted sender, not a crash.
    if (senderFrame.detached === true) return false;
    return isAppUrl(senderFrame.url);
  } catch {
    return false;
  }
}

/** The channel progress reports travel on, main → renderer, tagged with the id the caller chose. */
export const progressChannel = 'signet:progress';

/** The caller's own tag for one call's progress: short, so a hostile page cannot make us echo a megabyte per report. */
const progressIdPattern = /^[A-Za-z0-9-]{8,64}$/;

export type IpcHandler<E> = (event: E, payload: unknown, progressId?: unknown) => Promise<CallResult<unknown>>;

export interface IpcLog {
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, error?: unknown, fields?: Record<string, unknown>): void;
}

export interface IpcHandlerOptions<E> {
  log?: IpcLog;
  /** What to write in the log about a refused sender (e.g. its URL); never sent back to it. */
  describeSender?: (event: E) => string;
  /** Sends one progress report back to the frame that made the call (`event.sender.send(progressChannel, …)`). */
  sendProgress?: (event: E, progressId: string, progress: CallProgress) => void;
}

export const forbiddenSenderResult: CallResult<never> = Object.freeze({
  ok: false,
  error: Object.freeze({ code: 'FORBIDDEN', messageKey: 'errors.forbiddenSender' }),
}) as CallResult<never>;

/**
 * One handler per contract call, keyed by its channel, and nothing else: register each with `ipcMain.handle(channel, h)`.
 * A handler refuses an untrusted sender before anything runs, then hands the payload to the dispatcher, which checks it
 * against the call's zod schema (VALIDATION errors name the field) and turns every failure into typed data.
 */
export function createIpcHandlers<E>(
  dispatch: Dispatch,
  isTrusted: (event: E) => boolean,
  options: IpcHandlerOptions<E> = {},
): ReadonlyMap<IpcChannel, IpcHandler<E>> {
  const log = options.log ?? consoleLog;
  const handlers = new Map<IpcChannel, IpcHandler<E>>();
  for (const name of callNames) {
    const channel = ipcChannel(name);
    handlers.set(channel, async (event, payload, progressId) => {
      if (!safeIsTrusted(isTrusted, event)) {
        log.warn('refused IPC call from an untrusted sender', { call: name, sender: describe(options, event) });
        return forbiddenSenderResult;
      }
      const send = options.sendProgress;
      const progress =
        send && typeof progressId === 'string' && progressIdPattern.test(progressId) ? (p: CallProgress) => send(event, progressId, p) : undefined;
      try {
        return await dispatch(name, payload, { transport: 'ipc', progress });
      } catch (error) {
        // The dispatcher already returns failures as data; this only keeps a stack trace from crossing IPC if it ever throws.
        log.error('IPC dispatch threw', error, { call: name });
        return { ok: false, error: { code: 'INTERNAL', messageKey: 'errors.internal' } };
      }
    });
  }
  return handlers;
}

function safeIsTrusted<E>(isTrusted: (event: E) => boolean, event: E): boolean {
  try {
    return isTrusted(event) === true;
  } catch {
    return false;
  }
}

function describe<E>(options: IpcHandlerOptions<E>, event: E): string {
  if (!options.describeSender) return 'unknown';
  try {
    return options.describeSender(event).slice(0, 300);
  } catch {
    return 'unknown';
  }
}

const consoleLog: IpcLog = {
  warn: (msg, fields) => console.warn(msg, fields ?? ''),
  error: (msg, error, fields) => console.error(msg, error, fields ?? ''),
};
