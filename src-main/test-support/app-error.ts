import { expect } from 'vitest';
import { AppError, type AppErrorData } from '../../src-shared/contract/errors';
import type { CallResult } from '../../src-shared/contract/result';

/** The AppError `work` rejects with; the test fails if it resolves or rejects with anything else. */
export async function appErrorOf(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** The error a call through the dispatcher answered with; the test fails if the call succeeded. */
export async function refusalOf(result: Promise<CallResult<unknown>>): Promise<AppErrorData> {
  const r = await result;
  if (r.ok) throw new Error(`expected a refusal, got ${JSON.stringify(r.value)}`);
  return r.error;
}
