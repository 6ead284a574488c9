import type { CallName } from '../../src-shared/contract/calls';
import type { ProgressListener } from '../../src-shared/contract/progress';
import type { CallResult } from '../../src-shared/contract/result';

/**
 * How one call reaches the services: the Electron preload bridge or the browser host's WebSocket.
 * A transport only carries; it never throws for an application failure (those come back as `{ ok: false }`),
 * and it turns its own failures (no bridge, socket dropped) into a TRANSPORT result as well.
 */
export interface Transport {
  readonly kind: 'ipc' | 'websocket';
  /** `onProgress` receives the reports the main side sends for this call only, until it settles. */
  send(name: CallName, input: unknown, onProgress?: ProgressListener): Promise<CallResult<unknown>>;
}

export const transportFailure = (): CallResult<never> => ({
  ok: false,
  error: { code: 'TRANSPORT', messageKey: 'errors.transport' },
});
