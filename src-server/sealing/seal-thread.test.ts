import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureCompanyIdentity } from '../../src-main/services/identity/company-identity';
import { resourcesDir, startTestApp, tempDir } from '../../src-main/test-support/temp-services';
import { sealPasswordEnv } from '../seal/sealer';
import { startSealThread, type SealThread } from './seal-thread';

/*
 * The seal thread as the built server runs it (out/main/seal-worker.js; needs `npx electron-vite build`): a job that
 * cannot be composed fails with the composer's own message and message key, and the same thread takes the next job;
 * a password the thread cannot open the seal with fails every job with that reason instead of hanging.
 */
const workerFile = path.resolve(import.meta.dirname, '../../out/main/seal-worker.js');
const password = 'hasło pieczęci serwera w wątku';
const threads: SealThread[] = [];
afterEach(async () => {
  await Promise.all(threads.splice(0).map((t) => t.stop()));
  delete process.env[sealPasswordEnv];
});

async function sealFile(): Promise<string> {
  const app = await startTestApp();
  try {
    await app.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Łukasz Żółkiewski' });
    await ensureCompanyIdentity(app.context);
    const exported = await app.ok('identity.exportServerSeal', { password });
    const file = path.join(tempDir('signet-seal-thread-'), 'server-seal.p12');
    fs.writeFileSync(file, Buffer.from(exported.data, 'base64'));
    return file;
  } finally {
    await app.close();
  }
}

const brokenJob = () => ({
  original: new TextEncoder().encode('%PDF-1.7\nnot really a PDF'),
  certificate: {} as never,
  fields: undefined,
  reason: 'Signet: UD/1/2026',
  signingTime: new Date('2026-12-02T08:00:00Z'),
});

describe('the seal thread', () => {
  it('answers a job it cannot compose with the reason, and takes the next one on the same thread', async () => {
    process.env[sealPasswordEnv] = password;
    const thread = startSealThread(workerFile, { p12File: await sealFile(), resourcesDir });
    threads.push(thread);
    const first = await thread.run(brokenJob()).then(() => null, (e: unknown) => e as Error & { messageKey?: string });
    expect(first).toBeInstanceOf(Error);
    expect(first!.message).not.toMatch(/seal thread stopped/);
    const second = await thread.run(brokenJob()).then(() => null, (e: unknown) => e as Error);
    expect(second?.message).toBe(first!.message);
  });

  it('fails every job with the reason when the seal does not open in the thread', async () => {
    process.env[sealPasswordEnv] = 'not the password';
    const thread = startSealThread(workerFile, { p12File: await sealFile(), resourcesDir });
    threads.push(thread);
    const error = await thread.run(brokenJob()).then(() => null, (e: unknown) => e as Error & { messageKey?: string });
    expect(error?.messageKey).toMatch(/^identity\.p12\.|^errors\.p12/);
  });
});
