import { BrowserWindow, type Session, type WebContents } from 'electron';
import type { Log } from '../app/log';
import { appEntryUrl, isAppUrl } from '../rpc/ipc-handlers';
import { constructMainWindow } from './window-options';

export interface MainWindowOptions {
  preloadPath: string;
  log: Log;
}

/**
 * The one app window. The renderer gets no Node, runs sandboxed and context-isolated, and reaches the services only
 * through the preload's `window.signet`. It is shown once the first paint is ready, to avoid a white flash.
 */
export function createMainWindow({ preloadPath, log }: MainWindowOptions): BrowserWindow {
  const window = constructMainWindow(BrowserWindow, preloadPath);
  window.once('ready-to-show', () => window.show());
  window.webContents.on('render-process-gone', (_event, details) => log.error('renderer process gone', undefined, { ...details }));
  window.webContents.on('did-fail-load', (_event, errorCode, errorDescription, validatedURL, isMainFrame) => {
    if (isMainFrame) log.error('window failed to load', undefined, { errorCode, errorDescription, url: validatedURL });
  });
  void window.loadURL(appEntryUrl).catch((error: unknown) => log.error('could not load the app page', error));
  return window;
}

/**
 * Applied to every webContents the app ever creates (`web-contents-created`), the main window's included:
 * no new windows, no navigation or redirect away from app://signet, no <webview>.
 */
export function hardenWebContents(contents: WebContents, log: Log): void {
  contents.setWindowOpenHandler(({ url }) => {
    log.warn('denied window.open', { url: url.slice(0, 300) });
    return { action: 'deny' };
  });
  const guard = (kind: string) => (event: { url: string; preventDefault(): void }) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    log.warn(`denied ${kind}`, { url: event.url.slice(0, 300) });
  };
  contents.on('will-navigate', guard('navigation'));
  contents.on('will-redirect', guard('redirect'));
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) guard('sub-frame navigation')(event);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('denied a <webview>');
  });
}

/** The app needs no web permission (camera, notifications, geolocation, …): every request and check is refused. */
export function hardenSession(session: Session, log: Log): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn('denied a permission request', { permission });
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
