import type { z } from 'zod';
import type { CallName, Contract } from './calls';
import type { ProgressListener } from './progress';
import type { CallResult } from './result';

/** What a caller passes (before defaults and normalisation). */
export type CallInput<K extends CallName> = z.input<Contract[K]['input']>;
/** What a service receives (after the schema parsed it). */
export type ParsedInput<K extends CallName> = z.output<Contract[K]['input']>;
export type CallOutput<K extends CallName> = NonNullable<Contract[K]['__output']>;

/**
 * The object the preload exposes as `window.signet`: each call returns a result envelope, never throws across the bridge.
 * A long call may report how far it has got to `onProgress`.
 */
export type SignetBridge = { [K in CallName]: (input: CallInput<K>, onProgress?: ProgressListener) => Promise<CallResult<CallOutput<K>>> };

/** Who is calling; filled by the transport (later issues add the authenticated user and device). */
export interface CallContext {
  transport: 'ipc' | 'websocket' | 'test';
  /** Reports progress to this caller only; absent when the caller did not ask for it. */
  progress?: ProgressListener | undefined;
}

/** The services side: one function per call, given the parsed input. */
export type Handlers = { [K in CallName]: (input: ParsedInput<K>, ctx: CallContext) => Promise<CallOutput<K>> | CallOutput<K> };
