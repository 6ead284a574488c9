import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from '@playwright/test';
import { hostScript } from './host';
import { callHost } from './rpc';

const cliScript = path.join(path.dirname(hostScript), 'signet-cli.js');

/**
 * A sealed PDF as a recipient checks it: `signet verify` trusting the company CA of the desktop at `hostUrl` exits 0
 * and calls it intact and sealed by a trusted certificate, and poppler's pdfsig says "Signature is Valid" (pdfsig
 * exits 0 even for a broken signature: its words count).
 */
export async function expectSealedValid(hostUrl: string, bytes: Uint8Array, filename = 'sealed.pdf'): Promise<void> {
  const dir = fs.mkdtempSync(path.join(tmpdir(), 'signet-e2e-sealed-'));
  try {
    const file = path.join(dir, filename);
    fs.writeFileSync(file, bytes);
    const caFile = path.join(dir, 'company-ca.pem');
    fs.writeFileSync(caFile, (await callHost(hostUrl, 'identity.exportCa', {})).pem);
    const verify = spawnSync(process.execPath, [cliScript, 'verify', file, '--trust', caFile], { encoding: 'utf8', env: { ...process.env, LANG: 'en_GB.UTF-8' } });
    expect(verify.status, `signet verify:\n${verify.stdout}${verify.stderr}`).toBe(0);
    expect(verify.stdout).toContain('Intact and sealed by a trusted certificate.');
    const pdfsig = spawnSync('pdfsig', [file], { encoding: 'utf8' });
    expect(`${pdfsig.stdout}${pdfsig.stderr}`).toContain('Signature is Valid');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
