import type { AppErrorData } from './errors';

/** What every transport carries back for a call: a value or a typed error, never an exception. */
export type CallResult<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };
