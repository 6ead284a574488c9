import { isCallName, type CallName } from '../../src-shared/contract/calls';
import type { ProgressListener } from '../../src-shared/contract/progress';
import type { CallResult } from '../../src-shared/contract/result';
import type { SignetBridge } from '../../src-shared/contract/types';
import { transportFailure, type Transport } from './transport';

declare global {
  interface Window {
    /** Exposed by the Electron preload (contextBridge); absent in the browser host. */
    readonly signet?: SignetBridge;
  }
}

/** Electron: every call goes through the one `window.signet` object the preload exposes. */
export function createIpcTransport(bridge: SignetBridge): Transport {
  return {
    kind: 'ipc',
    async send(name: CallName, input: unknown, onProgress?: ProgressListener): Promise<CallResult<unknown>> {
      // The type already limits `name` to the contract; the run-time check keeps a cast elsewhere from reaching other members.
      if (!isCallName(name) || typeof bridge[name] !== 'function') return transportFailure();
      try {
        const method = bridge[name] as (input: unknown, onProgress?: ProgressListener) => Promise<CallResult<unknown>>;
        return await (onProgress ? method(input, onProgress) : method(input));
      } catch {
        return transportFailure();
      }
    },
  };
}
