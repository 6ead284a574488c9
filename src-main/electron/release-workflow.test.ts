import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { azureSignArgs, unsignedReason } from '../../scripts/lib/signing-env.mjs';

/*
 * The release pipeline's pieces (issue 10, item 6), checked where it cannot run: the workflow's matrix and steps, its
 * secrets only from the repository's secrets, and the rule that says when a build is unsigned.
 */
const root = path.resolve(import.meta.dirname, '../..');
const workflow = parse(fs.readFileSync(path.join(root, '.github/workflows/release.yml'), 'utf8')) as {
  on: { push: { tags: string[] } };
  jobs: { installers: { strategy: { matrix: { os: string[] } }; steps: { run?: string; env?: Record<string, string> }[] } };
};

describe('the release workflow', () => {
  it('builds on every OS from a version tag, tests before it builds', () => {
    expect(workflow.on.push.tags).toEqual(['v*']);
    const job = workflow.jobs.installers;
    expect(job.strategy.matrix.os).toEqual(['windows-latest', 'macos-latest', 'ubuntu-latest']);
    const runs = job.steps.flatMap((s) => (s.run ? [s.run] : []));
    expect(runs.indexOf('npm ci')).toBeLessThan(runs.findIndex((r) => r.includes('test:unit')));
    expect(runs.findIndex((r) => r.includes('test:unit'))).toBeLessThan(runs.indexOf('npm run dist'));
  });

  it('signs with the repository secrets only', () => {
    const dist = workflow.jobs.installers.steps.find((s) => s.run === 'npm run dist')!;
    for (const [name, value] of Object.entries(dist.env!)) expect(value, name).toMatch(/^\$\{\{ (secrets|vars)\.[A-Z_]+ \}\}$/);
    expect(Object.keys(dist.env!)).toEqual(expect.arrayContaining(['WIN_CSC_LINK', 'WIN_CSC_KEY_PASSWORD', 'CSC_LINK', 'APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER']));
  });

  it('says when a build is unsigned, per OS', () => {
    expect(unsignedReason('win32', {})).toMatch(/WIN_CSC_LINK/);
    expect(unsignedReason('win32', { WIN_CSC_LINK: 'cert.pfx' })).toBeNull();
    // macOS's Developer ID (CSC_LINK, set on every runner of the workflow) does not sign for Windows.
    expect(unsignedReason('win32', { CSC_LINK: 'developer-id.p12' })).toMatch(/WIN_CSC_LINK/);
    // Azure's credentials alone would build unsigned (electron-builder needs the account and profile): not enough.
    const credentials = { AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c', AZURE_CLIENT_SECRET: 's' };
    expect(unsignedReason('win32', credentials)).toMatch(/AZURE_CERTIFICATE_PROFILE/);
    expect(azureSignArgs(credentials)).toEqual([]);
    const azure = { ...credentials, AZURE_TRUSTED_SIGNING_ENDPOINT: 'https://weu.codesigning.azure.net', AZURE_CODE_SIGNING_ACCOUNT: 'zaklady', AZURE_CERTIFICATE_PROFILE: 'signet-public', AZURE_PUBLISHER_NAME: 'Zaklady Lodzkie Sp. z o.o.' };
    expect(unsignedReason('win32', azure)).toBeNull();
    expect(azureSignArgs(azure)).toEqual([
      '-c.win.azureSignOptions.endpoint=https://weu.codesigning.azure.net',
      '-c.win.azureSignOptions.codeSigningAccountName=zaklady',
      '-c.win.azureSignOptions.certificateProfileName=signet-public',
      '-c.win.azureSignOptions.publisherName=Zaklady Lodzkie Sp. z o.o.',
    ]);
    expect(unsignedReason('darwin', { CSC_LINK: 'id.p12' })).toBe('not signed and notarised for macOS: APPLE_API_KEY, APPLE_API_KEY_ID, APPLE_API_ISSUER not set');
    expect(unsignedReason('darwin', { CSC_LINK: 'id.p12', APPLE_API_KEY: 'k.p8', APPLE_API_KEY_ID: 'K', APPLE_API_ISSUER: 'I' })).toBeNull();
    expect(unsignedReason('linux', {})).toBeNull();
  });
});
