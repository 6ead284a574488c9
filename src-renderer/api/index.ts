import { createApiClient, type ApiClient } from './client';
import { createIpcTransport } from './ipc-transport';
import { createLiveEvents } from './live-events';
import { takeToken } from './token';
import { createWebSocketTransport } from './ws-transport';

/** Electron's preload bridge when it is there, otherwise the browser host's WebSocket. */
function createDefaultClient(): ApiClient {
  const bridge = window.signet;
  return createApiClient(bridge ? createIpcTransport(bridge) : createWebSocketTransport({ token: takeToken() }));
}

export const api: ApiClient = createDefaultClient();

/** What changed on the main side, for the open views (the board) to follow without a reload. */
export const liveEvents = createLiveEvents(api);
export { AppError } from '../../src-shared/contract/errors';
export type { ApiClient } from './client';
