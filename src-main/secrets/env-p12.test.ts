import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/contract/errors';
import { tempDir } from '../test-support/temp-services';
import { loadP12FromEnv, type P12FromEnvOptions } from './env-p12';

async function refusal(options: P12FromEnvOptions): Promise<ReturnType<AppError['toData']>> {
  const error = await loadP12FromEnv(options).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).toData();
}

describe('PKCS#12 file + password from a named environment variable', () => {
  const dir = tempDir('signet-p12-');
  const p12 = path.join(dir, 'seal.p12');
  // DER starts with a SEQUENCE tag; the content does not matter here, parsing is the seal's job.
  fs.writeFileSync(p12, Buffer.from([0x30, 0x82, 0x01, 0x00, 0x02, 0x01, 0x03]));
  const env = { SIGNET_P12_PASSWORD: 'hasło ze spacją ' };
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('loads the bytes and the exact password (spaces and diacritics kept)', async () => {
    const loaded = await loadP12FromEnv({ path: 'seal.p12', cwd: dir, passwordEnv: 'SIGNET_P12_PASSWORD', env });
    expect(loaded.path).toBe(p12);
    expect(Buffer.from(loaded.bytes)).toEqual(fs.readFileSync(p12));
    expect(loaded.password).toBe('hasło ze spacją ');
    expect(loaded.passwordEnv).toBe('SIGNET_P12_PASSWORD');
  });

  it('says which variable is unset or empty', async () => {
    expect(await refusal({ path: p12, passwordEnv: 'SIGNET_NOPE', env })).toEqual({
      code: 'VALIDATION',
      messageKey: 'errors.p12PasswordEnvUnset',
      details: { variable: 'SIGNET_NOPE' },
    });
    expect(await refusal({ path: p12, passwordEnv: 'EMPTY', env: { EMPTY: '' } })).toEqual({
      code: 'VALIDATION',
      messageKey: 'errors.p12PasswordEnvEmpty',
      details: { variable: 'EMPTY' },
    });
  });

  it('does not repeat back a password given where the variable name belongs', async () => {
    const data = await refusal({ path: p12, passwordEnv: 'Tajne!Hasło#1', env });
    expect(data.messageKey).toBe('errors.p12PasswordEnvName');
    expect(JSON.stringify(data)).not.toContain('Tajne');
    expect((await refusal({ path: p12, passwordEnv: '', env })).messageKey).toBe('errors.p12PasswordEnvName');
  });

  it('refuses a missing file, a folder, an empty file, a huge file and a file that is not DER', async () => {
    expect(await refusal({ path: path.join(dir, 'missing.p12'), passwordEnv: 'SIGNET_P12_PASSWORD', env })).toEqual({
      code: 'NOT_FOUND',
      messageKey: 'errors.p12FileMissing',
      details: { path: path.join(dir, 'missing.p12') },
    });
    expect((await refusal({ path: path.join(p12, 'inside'), passwordEnv: 'SIGNET_P12_PASSWORD', env })).messageKey).toBe('errors.p12FileMissing');
    expect((await refusal({ path: '', passwordEnv: 'SIGNET_P12_PASSWORD', env })).messageKey).toBe('errors.p12FileMissing');
    expect((await refusal({ path: dir, passwordEnv: 'SIGNET_P12_PASSWORD', env })).messageKey).toBe('errors.p12NotAFile');

    const empty = path.join(dir, 'empty.p12');
    fs.writeFileSync(empty, '');
    expect((await refusal({ path: empty, passwordEnv: 'SIGNET_P12_PASSWORD', env })).messageKey).toBe('errors.p12Empty');

    const big = path.join(dir, 'big.p12');
    fs.writeFileSync(big, Buffer.alloc(2048, 0x30));
    expect(await refusal({ path: big, passwordEnv: 'SIGNET_P12_PASSWORD', env, maxBytes: 1024 })).toEqual({
      code: 'IMPORT_FAILED',
      messageKey: 'errors.p12TooLarge',
      details: { path: big, bytes: 2048, max: 1024 },
    });

    const pem = path.join(dir, 'seal.pem');
    fs.writeFileSync(pem, '-----BEGIN CERTIFICATE-----\n');
    expect((await refusal({ path: pem, passwordEnv: 'SIGNET_P12_PASSWORD', env })).messageKey).toBe('errors.p12NotPkcs12');
  });

  it('reads process.env by default', async () => {
    process.env.SIGNET_TEST_P12_PW = 'z-env';
    try {
      expect((await loadP12FromEnv({ path: p12, passwordEnv: 'SIGNET_TEST_P12_PW' })).password).toBe('z-env');
    } finally {
      delete process.env.SIGNET_TEST_P12_PW;
    }
  });
});
