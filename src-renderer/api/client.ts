import type { CallName } from '../../src-shared/contract/calls';
import { AppError } from '../../src-shared/contract/errors';
import { isCallProgress, type ProgressListener } from '../../src-shared/contract/progress';
import type { CallInput, CallOutput } from '../../src-shared/contract/types';
import type { Transport } from './transport';

/**
 * The renderer's one way to reach the services. It accepts only names of the contract, with their input types,
 * and resolves to the call's output type; an `{ ok: false }` result becomes a thrown `AppError`.
 */
export interface ApiClient {
  readonly transport: Transport['kind'];
  call<K extends CallName>(name: K, input: CallInput<K>, options?: CallOptions): Promise<CallOutput<K>>;
}

export interface CallOptions {
  /** How far a long call has got (checking a large PDF); reports that are not well-formed never reach it. */
  onProgress?: ProgressListener;
}

export function createApiClient(transport: Transport): ApiClient {
  return {
    transport: transport.kind,
    async call<K extends CallName>(name: K, input: CallInput<K>, options: CallOptions = {}): Promise<CallOutput<K>> {
      const { onProgress } = options;
      const result = await transport.send(name, input, onProgress && ((p: unknown) => isCallProgress(p) && onProgress(p)));
      if (!result.ok) throw AppError.fromData(result.error);
      return result.value as CallOutput<K>;
    },
  };
}
