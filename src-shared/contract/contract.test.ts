import { describe, expect, it } from 'vitest';
import { callNames, contract, isCallName } from './calls';
import { AppError, isAppErrorData, toAppErrorData } from './errors';
import { parseCallInput } from './validate';

describe('the contract', () => {
  it('knows only its own names, not inherited object keys', () => {
    expect(callNames.length).toBe(Object.keys(contract).length);
    for (const name of callNames) expect(isCallName(name)).toBe(true);
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'contacts.drop']) expect(isCallName(name)).toBe(false);
  });

  it('refuses unknown fields and non-object payloads on every call', () => {
    for (const name of callNames) {
      expect(() => parseCallInput(name, 'a string')).toThrow(AppError);
      expect(() => parseCallInput(name, null)).toThrow(AppError);
    }
    expect(() => parseCallInput('app.info', { extra: 1 })).toThrow(/unknownField|VALIDATION/);
  });

  it('turns unexpected failures into INTERNAL without leaking their message', () => {
    const data = toAppErrorData(new Error('SQLITE_CORRUPT at /home/user/secret/path'));
    expect(data).toEqual({ code: 'INTERNAL', messageKey: 'errors.internal' });
    expect(isAppErrorData(data)).toBe(true);
    expect(isAppErrorData({ code: 'NOPE', messageKey: 'x' })).toBe(false);
  });
});
