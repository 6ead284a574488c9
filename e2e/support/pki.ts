import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';
import type * as OpensslPki from '../../src-main/test-support/openssl-pki';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type TestPki = OpensslPki.TestPki & { dispose(): void };

/**
 * A CA and PKCS#12 files made by openssl, with the same commands the service tests use (src-main/test-support), loaded
 * through Vite's runner because that module imports the project's TypeScript, which the spec's loader cannot follow.
 */
export async function makeTestPki(caSubject?: string): Promise<TestPki> {
  const { module } = await runnerImport<typeof OpensslPki>(path.join(projectRoot, 'src-main/test-support/openssl-pki.ts'));
  const pki = module.makeTestPki(caSubject);
  return { ...pki, dispose: () => rmSync(pki.dir, { recursive: true, force: true }) };
}
