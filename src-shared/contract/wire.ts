import type { CallProgress } from './progress';
import type { CallResult } from './result';

/**
 * The browser host's WebSocket framing of the contract: one JSON text frame per request and per response.
 * The socket lives at `wsPath` and must be opened with `?token=` carrying the per-launch token
 * (the page receives it in its URL fragment: `http://127.0.0.1:PORT/#token=…`).
 */
export const wsPath = '/rpc';
export const tokenParam = 'token';

export interface WireRequest {
  id: number;
  name: string;
  input: unknown;
  /** Ask for progress frames for this call. */
  progress?: boolean;
}

/** Sent before the response, to the socket that made request `id`, while the call runs. */
export interface WireProgress {
  id: number;
  progress: CallProgress;
}

export interface WireResponse {
  id: number;
  result: CallResult<unknown>;
}
