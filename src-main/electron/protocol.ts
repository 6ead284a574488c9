import { protocol } from 'electron';
import type { Log } from '../app/log';
import { appScheme } from '../rpc/ipc-handlers';
import { createAppRequestHandler } from './app-protocol-handler';

/**
 * `app://` must be declared before the `ready` event. Standard + secure makes `app://signet` a real origin (relative
 * URLs, localStorage, a secure context like https); `supportFetchAPI` lets the page fetch its own assets (pdf.js
 * workers and fonts later). It does not bypass the CSP, and it is not CORS-enabled: no other origin may read it.
 */
export function registerAppSchemeAsPrivileged(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/**
 * Serves the built renderer (`out/renderer`) on `app://signet/`, instead of `file://` (which would give the page
 * the whole disk as its origin). Every response, errors included, carries the renderer CSP.
 */
export function serveAppProtocol(rendererDir: string, log: Log): void {
  protocol.handle(appScheme, createAppRequestHandler(rendererDir, log));
}
