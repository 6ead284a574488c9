import { createHash, X509Certificate } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { sealedFilePath } from '../../src-shared/company-server/events';
import { verifyPdf } from '../../src-main/pdf/verify';
import { waitFor } from '../../src-main/test-support/wait-for';
import { sealPasswordEnv } from '../seal/sealer';
import { spawnServer } from '../test-support/server-process';
import { anna, emma, jan, sealPassword, signedWorld } from '../test-support/signed-world';

/*
 * The built program (out/main/signet-server.js, as `npm run server` runs it; needs `npx electron-vite build` first) on a
 * data folder a server left with every signature in and no seal, as a SIGKILL between the last signature and the seal
 * would, or a start without --seal-p12: started with the seal, its first sweep seals. The certificate's fonts are
 * found from the built file, the desktop fetches the sealed PDF, the signed copies go out, and SIGTERM stops cleanly.
 */
const cleanup: (() => Promise<void>)[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe('signet-server serve --seal-p12', () => {
  it('seals at start what was left signed and unsealed; the desktop downloads it, the parties get it, SIGTERM exits 0', async () => {
    const w = await signedWorld(cleanup);
    await w.sign(anna);
    await w.sign(jan);
    await w.sign(emma);
    await w.stop();

    const server = spawnServer(['serve', '--data', w.server.dataDir, '--port', '0', '--seal-p12', w.sealP12File], children, { ...process.env, [sealPasswordEnv]: sealPassword });
    await waitFor(() => server.lines.some((l) => l.msg === 'document sealed'), 'the document to be sealed', 60_000);
    const startedLine = server.lines.find((l) => l.msg === 'company server started')!;
    // The built server seals on its worker thread (seal-thread.ts), which opened the seal itself.
    expect(startedLine).toMatchObject({ sealThread: true });
    const address = startedLine.address!;
    const sealed = server.lines.find((l) => l.msg === 'document sealed')!;
    expect(sealed).toMatchObject({ publishedId: w.publishedId });

    const response = await fetch(`${address}${sealedFilePath(w.publishedId)}`, { headers: { authorization: `Bearer ${w.device.token}` } });
    expect(response.status).toBe(200);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(response.headers.get('x-signet-sha256'));
    expect(response.headers.get('x-signet-sha256')).toBe(sealed.sha256);
    const report = await verifyPdf(bytes, { company: [new X509Certificate(w.pki.caPem)], imported: [] });
    expect(report.verdict).toBe('valid');

    await expect.poll(() => w.sink.received.filter((m) => m.attachments.length > 0).map((m) => m.to).sort(), { timeout: 20_000 }).toEqual([anna.email, emma.email, jan.email]);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.lines.find((l) => l.msg === 'stopped')).toMatchObject({ failed: [] });
  });
});
