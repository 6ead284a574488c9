import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { desktopSignaturePath } from '../../src-shared/company-server/events';
import { resourcesDir, tempDir } from '../../src-main/test-support/temp-services';
import { pairLive, startLiveServer } from '../test-support/live-server';
import { createPostgresDatabase } from '../test-support/postgres';
import { publishAs, uploadWhole } from '../test-support/published-document';
import { drawnSignature } from '../test-support/signing-world';
import { serverStoreFile } from '../store/open-server-store';
import { followFeed } from './follow-feed';

/*
 * The built server as two processes on one PostgreSQL database (DATABASE_URL), as behind a load balancer: `pair`
 * on one data folder, the desktop publishing and reporting its signature through the first process, its live feed
 * held open on the second, which hears of the signature through LISTEN/NOTIFY. Neither writes an SQLite file.
 */
const children: ChildProcess[] = [];
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

const pdf = new Uint8Array(fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf')));

describe('two server processes on one PostgreSQL', () => {
  it('share the pairing and the documents, and a signature reported to one reaches a feed held open on the other', { timeout: 60_000 }, async () => {
    const env = { ...process.env, DATABASE_URL: await createPostgresDatabase('processes') };
    const dirs = [tempDir('signet-pg-a-'), tempDir('signet-pg-b-')];
    const [first, second] = await Promise.all(dirs.map((dir) => startLiveServer(['serve', '--data', dir, '--port', '0', '--public-url', 'http://127.0.0.1:8080'], children, env)));
    for (const server of [first!, second!]) expect(server.process.lines.find((l) => l.msg === 'company server started')).toMatchObject({ store: 'postgres' });

    const device = await pairLive(first!.url, dirs[0]!, 'Recepcja', env);
    const published = await publishAs(device, {
      documentId: randomUUID(),
      title: 'Umowa o zachowaniu poufności',
      number: 'UM/2026/03/0007',
      companyName: 'Zakłady Łódzkie Sp. z o.o.',
      fileSha256: await uploadWhole(device, pdf),
      layout: { fields: [] },
      signers: [
        { id: '11', ref: 'company-1', side: 'company', name: 'Anna Nowak', channel: 'app', language: 'pl' },
        { id: '21', ref: 'counterparty-1', side: 'counterparty', name: 'Jan Kowalski', email: 'jan@example.pl', channel: 'email', language: 'pl' },
      ],
      order: 'companyFirst',
      expiresAt: new Date(Date.now() + 14 * 86_400_000).toISOString(),
    });

    // The token the first process made works on the second: the feed, from the start.
    const stream = await followFeed(second!.url, device.token);
    cleanup.push(() => stream.close());
    const report = await device.fetch(desktopSignaturePath(published.publishedId, '11'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ signedAt: new Date().toISOString(), method: 'drawn', identityCheck: 'appLogin', image: drawnSignature, values: {} }),
    });
    expect(report.status).toBe(200);
    const [signed] = await stream.next(1);
    expect(signed).toMatchObject({ type: 'signed', publishedId: published.publishedId, signerId: '11' });

    for (const dir of dirs) expect(fs.existsSync(serverStoreFile(dir))).toBe(false);
  });
});
