import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { base64, tempDir } from '../test-support/temp-services';
import { waitFor } from '../test-support/wait-for';

/**
 * Kills the real browser host (the built out/main/web-host.js, as `npm run web` runs it) with SIGKILL while it imports
 * 5,000 contacts, at points it announces in its log, and checks after each crash that the store is intact and holds
 * all or none of that import. Needs `npm run build` first (npm test builds before it runs the tests).
 */
const hostScript = path.resolve(import.meta.dirname, '../../out/main/web-host.js');
const rows = 5000;
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

function startHost(dataDir: string): Promise<{ child: ChildProcess; url: URL; token: string; stderr: { text: string } }> {
  if (!fs.existsSync(hostScript)) throw new Error(`${hostScript} is missing: run npm run build first`);
  const child = spawn(process.execPath, [hostScript, '--data', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const stderr = { text: '' };
  child.stderr!.on('data', (d: Buffer) => (stderr.text += d.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/#token=([0-9a-f]+)/.exec(out);
      if (match) resolve({ child, url: new URL(match[0]), token: match[1]!, stderr });
    });
    child.once('exit', (code) => reject(new Error(`host exited with ${code}: ${stderr.text}`)));
  });
}

function connect(url: URL, token: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://${url.host}/rpc?token=${token}`);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function contactCsv(batch: number): string {
  const lines = Array.from({ length: rows }, (_, i) => `Osoba${batch}x${i} Testowa,o${batch}.${i}@example.pl,Firma ${i % 50}`);
  return `Imię i nazwisko,E-mail,Firma\n${lines.join('\n')}\n`;
}

function countContacts(file: string): { count: number; integrity: string } {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return {
      count: (db.prepare('select count(*) as n from contacts').get() as { n: number }).n,
      integrity: db.pragma('integrity_check', { simple: true }) as string,
    };
  } finally {
    db.close();
  }
}

describe('crash during a 5,000-contact import', () => {
  it('leaves an intact store with none of the import when killed mid-way, and all of it when killed after the commit', async () => {
    const dataDir = tempDir('signet-crash-');
    const storeFile = path.join(dataDir, 'signet.sqlite');
    // Kill points read from the host's own log: before its transaction begins, after the first chunk of rows went in
    // (the transaction is open: about 24 more chunks are to come), and after the commit.
    const killPoints = [
      { after: 'contacts.import started', expect: 'none' },
      { after: 'contacts.import progress', expect: 'none' },
      { after: 'contacts.import committed', expect: 'all' },
    ] as const;
    let expected = 0;

    for (const [batch, point] of killPoints.entries()) {
      const { child, url, token, stderr } = await startHost(dataDir);
      const ws = await connect(url, token);
      ws.on('error', () => {});
      ws.send(JSON.stringify({ id: 1, name: 'contacts.import', input: { format: 'csv', data: base64(contactCsv(batch)), mapping: ['fullName', 'email', 'companyName'] } }));
      await waitFor(() => stderr.text.includes(point.after), point.after);
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;

      const { count, integrity } = countContacts(storeFile);
      expect(integrity).toBe('ok');
      expect(count, `killed after "${point.after}"`).toBe(point.expect === 'all' ? expected + rows : expected);
      expected = count;
    }

    // The host starts again on the crashed store and serves what was committed.
    const { url, token } = await startHost(dataDir);
    const ws = await connect(url, token);
    const total = await new Promise<number>((resolve) => {
      ws.once('message', (d) => resolve((JSON.parse(d.toString()) as { result: { value: { total: number } } }).result.value.total));
      ws.send(JSON.stringify({ id: 2, name: 'contacts.list', input: { limit: 1 } }));
    });
    ws.close();
    expect(total).toBe(expected);
  }, 120_000);
});
