import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../src-shared/contract/errors';

/**
 * The non-keychain key source for the CLI and the server (`signet seal --p12 FILE --password-env VAR`): a PKCS#12 file and
 * its password taken from a *named* environment variable. The password is never accepted on the command line, where
 * `ps` and shell history would show it. This file only loads the two; parsing the PKCS#12 is the seal's business.
 */
export interface P12FromEnvOptions {
  /** Path to the .p12/.pfx file; relative paths resolve against `cwd`. */
  path: string;
  /** Name of the environment variable holding the password, e.g. `SIGNET_P12_PASSWORD`. */
  passwordEnv: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** A PKCS#12 with a long chain is tens of kilobytes; anything far bigger is the wrong file (a PDF, say). */
  maxBytes?: number;
}

export interface P12Material {
  /** Absolute path the bytes came from. */
  path: string;
  bytes: Uint8Array;
  password: string;
  passwordEnv: string;
}

export const defaultMaxP12Bytes = 1024 * 1024;

const envName = /^[A-Za-z_][A-Za-z0-9_]*$/;

export async function loadP12FromEnv(options: P12FromEnvOptions): Promise<P12Material> {
  const env = options.env ?? process.env;
  const maxBytes = options.maxBytes ?? defaultMaxP12Bytes;
  const variable = options.passwordEnv;

  // A value that is not a variable name may be the password itself typed in the wrong place: it is not repeated back.
  if (typeof variable !== 'string' || !envName.test(variable)) {
    throw new AppError('VALIDATION', 'errors.p12PasswordEnvName', { reason: 'expected the NAME of an environment variable (letters, digits, _), not the password' });
  }
  const password = env[variable];
  if (password === undefined) throw new AppError('VALIDATION', 'errors.p12PasswordEnvUnset', { variable });
  if (password.length === 0) throw new AppError('VALIDATION', 'errors.p12PasswordEnvEmpty', { variable });

  if (typeof options.path !== 'string' || options.path.length === 0) throw new AppError('VALIDATION', 'errors.p12FileMissing', { path: '' });
  const file = path.resolve(options.cwd ?? process.cwd(), options.path);
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new AppError('NOT_FOUND', 'errors.p12FileMissing', { path: file });
    throw new AppError('IMPORT_FAILED', 'errors.p12Unreadable', { path: file, reason: code ?? 'unknown' });
  }
  if (!stat.isFile()) throw new AppError('IMPORT_FAILED', 'errors.p12NotAFile', { path: file });
  if (stat.size === 0) throw new AppError('IMPORT_FAILED', 'errors.p12Empty', { path: file });
  if (stat.size > maxBytes) throw new AppError('IMPORT_FAILED', 'errors.p12TooLarge', { path: file, bytes: stat.size, max: maxBytes });

  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    throw new AppError('IMPORT_FAILED', 'errors.p12Unreadable', { path: file, reason: (error as NodeJS.ErrnoException).code ?? 'unknown' });
  }
  // PKCS#12 is DER: a SEQUENCE (0x30). A PEM file or a PDF given by mistake gets a precise message here.
  if (bytes[0] !== 0x30) throw new AppError('IMPORT_FAILED', 'errors.p12NotPkcs12', { path: file });
  return { path: file, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), password, passwordEnv: variable };
}
