import { AppError, toAppErrorData } from '../../src-shared/contract/errors';
import { throttleProgress } from '../../src-shared/contract/progress';
import type { CallResult } from '../../src-shared/contract/result';
import type { CallContext, Handlers } from '../../src-shared/contract/types';
import { assertCallName, parseCallInput } from '../../src-shared/contract/validate';
import { classifyStorageError } from './storage-errors';

export type Dispatch = (name: unknown, payload: unknown, ctx: CallContext) => Promise<CallResult<unknown>>;

export interface DispatchLog {
  error(message: string, error: unknown): void;
}

/**
 * The one path from any transport to a service: the name must be in the contract, the payload must pass its schema,
 * and whatever goes wrong comes back as typed data. Unexpected failures are logged here; a full disk or a locked database
 * reaches the caller as such, anything else as INTERNAL.
 */
export function createDispatcher(handlers: Handlers, log: DispatchLog = consoleLog): Dispatch {
  return async (name, payload, ctx) => {
    try {
      const callName = assertCallName(name);
      const input = parseCallInput(callName, payload);
      const handler = handlers[callName] as (input: unknown, ctx: CallContext) => unknown;
      // One throttle for every transport: a service may report as often as it likes.
      const progress = ctx.progress ? throttleProgress(ctx.progress) : undefined;
      return { ok: true, value: await handler(input, { ...ctx, progress }) };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toData() };
      log.error(`call ${String(name)} failed`, error);
      return { ok: false, error: toAppErrorData(classifyStorageError(error) ?? error) };
    }
  };
}

const consoleLog: DispatchLog = {
  error: (message, error) => console.error(message, error),
};
