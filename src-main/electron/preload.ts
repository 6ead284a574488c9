import { contextBridge, ipcRenderer } from 'electron';
import type { CallName } from '../../src-shared/contract/calls';
import type { CallResult } from '../../src-shared/contract/result';
import type { SignetBridge } from '../../src-shared/contract/types';
import { bridgeCallNames, bridgeChannel } from './bridge-names';

/*
 * The sandboxed preload (bundled to CommonJS). It exposes exactly one object, `window.signet`, with one method per
 * contract call and nothing else: no ipcRenderer, no generic invoke, no channel names as arguments. Each method sends
 * its single argument (structured-cloned by IPC) on its own channel; the main process checks the sender frame and
 * validates the payload against the call's schema before any service runs.
 */

const transportFailure: CallResult<never> = { ok: false, error: { code: 'TRANSPORT', messageKey: 'errors.transport' } };

function method(name: CallName) {
  const channel = bridgeChannel(name);
  return async (input: unknown): Promise<CallResult<unknown>> => {
    try {
      return (await ipcRenderer.invoke(channel, input)) as CallResult<unknown>;
    } catch {
      // No handler yet, a payload that cannot be cloned, or the main process going away: a typed failure, no Error text.
      return transportFailure;
    }
  };
}

const bridge = Object.fromEntries(bridgeCallNames.map((name) => [name, method(name)])) as unknown as SignetBridge;

contextBridge.exposeInMainWorld('signet', bridge);
