import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompanyIdentity, keySigner } from '../../pdf/identity';
import { sealPdf } from '../../pdf/seal';
import { base64, resourcesDir, startTestApp, type TestApp } from '../../test-support/temp-services';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

describe('pdf.verify through the contract', () => {
  it('reports a sealed file, an unsigned one, and refuses what is not a PDF with a reason', async () => {
    const original = fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf'));
    const id = await createCompanyIdentity('Verify Service');
    const sealed = await sealPdf(original, keySigner(id.sealPrivateKeyPem, id.sealCertificatePem));
    expect(await app.ok('pdf.verify', { data: base64(sealed) })).toMatchObject({ verdict: 'untrusted', signatures: [{ intact: true }] });
    expect((await app.ok('pdf.verify', { data: base64(original) })).verdict).toBe('unsigned');
    const notPdf = await app.call('pdf.verify', { data: base64('just text') });
    expect(!notPdf.ok && notPdf.error).toEqual({ code: 'PDF_REFUSED', messageKey: 'pdf.notPdf' });
    const badInput = await app.call('pdf.verify', { data: 'not base64!' });
    expect(!badInput.ok && badInput.error.details?.issues).toEqual([{ path: 'data', messageKey: 'validation.base64' }]);
  });
});
