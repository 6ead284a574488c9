import { contextBridge, ipcRenderer } from 'electron';
import type { CallName } from '../../src-shared/contract/calls';
import type { CallResult } from '../../src-shared/contract/result';
import type { SignetBridge } from '../../src-shared/contract/types';
import { bridgeCallNames, bridgeChannel, bridgeProgressChannel } from './bridge-names';

/*
 * The sandboxed preload (bundled to CommonJS). It exposes exactly one object, `window.signet`, with one method per
 * contract call and nothing else: no ipcRenderer, no generic invoke, no channel names as arguments. Each method sends
 * its single argument (structured-cloned by IPC) on its own channel, and may take a progress callback; the main process
 * checks the sender frame and validates the payload against the call's schema before any service runs.
 */

const transportFailure: CallResult<never> = { ok: false, error: { code: 'TRANSPORT', messageKey: 'errors.transport' } };

type ProgressListener = (progress: unknown) => void;

function method(name: CallName) {
  const channel = bridgeChannel(name);
  return async (input: unknown, onProgress?: ProgressListener): Promise<CallResult<unknown>> => {
    // Progress comes back on one shared channel, tagged with an id only this call knows; the listener lives as long as the call.
    const progressId = typeof onProgress === 'function' ? crypto.randomUUID() : undefined;
    const listener = (_event: unknown, id: unknown, progress: unknown) => {
      if (id === progressId) onProgress?.(progress);
    };
    if (progressId) ipcRenderer.on(bridgeProgressChannel, listener);
    try {
      return (await ipcRenderer.invoke(channel, input, progressId)) as CallResult<unknown>;
    } catch {
      // No handler yet, a payload that cannot be cloned, or the main process going away: a typed failure, no Error text.
      return transportFailure;
    } finally {
      if (progressId) ipcRenderer.removeListener(bridgeProgressChannel, listener);
    }
  };
}

const bridge = Object.fromEntries(bridgeCallNames.map((name) => [name, method(name)])) as unknown as SignetBridge;

contextBridge.exposeInMainWorld('signet', bridge);
