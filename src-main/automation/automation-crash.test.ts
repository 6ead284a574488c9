import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { lockStore } from '../test-support/outbox-rows';
import { SmtpSink } from '../test-support/smtp-sink';
import { resourcesDir, tempDir } from '../test-support/temp-services';
import { waitFor } from '../test-support/wait-for';
import { killHosts, startHost, type Host } from '../test-support/web-host-process';
import { signatureHeader, webhookSignature } from './executors';

afterEach(killHosts);

/**
 * Issue 9's crash test: the real browser host (its automation worker and outbox included) is killed with SIGKILL while
 * a stage's two rules run — call the CRM's webhook, then notify an employee by e-mail — at three points, and started
 * again on the same data folder each time. Killed while the webhook's receiver holds its answer; killed after it
 * answered but before the job could be marked done (the test holds the store's write lock); killed after both jobs
 * were done with the e-mail still on its way (the SMTP server holds its greeting). Afterwards every job is done once,
 * every e-mail arrived once (counted by Message-ID at a real SMTP server on loopback), and the webhook was called once
 * per document as its receiver counts them — by the idempotency key every attempt carries; a call cut off by the kill
 * comes again with the same key and the same signature over the same body, for the receiver to drop.
 */
it('each action runs exactly once across SIGKILL mid-webhook, before "done" is written, and mid-e-mail', async () => {
  const dataDir = tempDir('signet-automation-crash-');
  const storeFile = path.join(dataDir, 'signet.sqlite');
  const sink = await new SmtpSink().start();
  const calls: { key: string; body: string; signature: string }[] = [];
  let onCall: (res: http.ServerResponse) => void = (res) => res.writeHead(204).end();
  const receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      calls.push({ key: String(req.headers['idempotency-key']), body, signature: String(req.headers[signatureHeader]) });
      onCall(res);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/crm`;
  const secret = 'wspólny-sekret-crm-2026';
  const jobs = () => {
    const db = new BetterSqlite3(storeFile, { readonly: true });
    try {
      return db.prepare('select document_id, status, attempts from automation_jobs order by created_at, due_at').all() as { document_id: string; status: string; attempts: number }[];
    } finally {
      db.close();
    }
  };
  const restart = () => {
    onCall = (res) => res.writeHead(204).end();
    sink.onConnect = () => {};
    return startHost(dataDir);
  };

  try {
    let host = await startHost(dataDir);
    await host.call('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Anna Nowak' });
    const director = (await host.call('users.add', { name: 'Piotr Wiśniewski', email: 'dyrektor@zaklady.pl', isAdmin: false, isSigner: true })) as { id: string };
    await host.call('mail.settings.save', { host: '127.0.0.1', port: sink.port, security: 'none', fromAddress: 'biuro@zaklady.pl' });
    await host.call('automation.setWebhookSecret', { name: 'crm', secret });
    const stages = (await host.call('stages.list', {})) as { id: string; key?: string }[];
    const crm = ((await host.call('stages.add', { afterId: stages.find((s) => s.key === 'draft')!.id, name: 'Do CRM', color: '#7c3aed' })) as { id: string; name?: string }[]).find((s) => s.name === 'Do CRM')!.id;
    await host.call('automation.saveRule', { stageId: crm, action: { kind: 'webhook', url: hookUrl, secretName: 'crm' }, timing: { kind: 'immediately' }, enabled: true });
    await host.call('automation.saveRule', { stageId: crm, action: { kind: 'notify', userId: director.id, message: 'Umowa przekazana do CRM', email: true }, timing: { kind: 'immediately' }, enabled: true });
    const { sha256 } = (await host.call('pdf.import', { data: fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf')).toString('base64') })) as { sha256: string };
    const docs: { id: string; version: number }[] = [];
    for (const title of ['Umowa A', 'Umowa B', 'Umowa C']) docs.push((await host.call('documents.create', { fileSha256: sha256, originalName: 'nda-pl.pdf', title })) as { id: string; version: number });
    const enter = (h: Host, doc: { id: string; version: number }) => h.fire('documents.move', { id: doc.id, stageId: crm, version: doc.version });

    // A: the receiver has the call and holds its answer.
    let heldA = false;
    onCall = () => (heldA = true);
    enter(host, docs[0]!);
    await waitFor(() => heldA, "A's webhook call");
    await host.kill();
    host = await restart();
    await waitFor(() => sink.received.length === 1, "A's e-mail after the restart");

    // B: the receiver answers, but the job cannot be marked done: the store's write lock is held.
    let unlock = () => {};
    let answeredB = false;
    onCall = (res) => {
      unlock = lockStore(storeFile);
      res.writeHead(200).end('ok', () => (answeredB = true));
    };
    enter(host, docs[1]!);
    await waitFor(() => answeredB, "B's webhook answered");
    await host.kill();
    unlock();
    host = await restart();
    await waitFor(() => sink.received.length === 2, "B's e-mail after the restart");

    // C: both jobs done; the e-mail's SMTP connection is held at the greeting.
    let connectedC = false;
    sink.onConnect = () => {
      connectedC = true;
      return new Promise<void>(() => {});
    };
    enter(host, docs[2]!);
    await waitFor(() => connectedC, "C's e-mail on its way");
    await host.kill();
    expect(jobs().filter((j) => j.document_id === docs[2]!.id).map((j) => j.status)).toEqual(['done', 'done']);
    host = await restart();
    await waitFor(() => sink.received.length === 3, "C's e-mail after the restart");
    await waitFor(() => jobs().every((j) => j.status === 'done'), 'every job settled');
    await host.kill();

    // Every job done once; A's and B's webhook job took a second attempt, cut off by the kill.
    expect(jobs().map((j) => [j.status, j.attempts])).toEqual([
      ['done', 2],
      ['done', 1],
      ['done', 2],
      ['done', 1],
      ['done', 1],
      ['done', 1],
    ]);
    // Each e-mail once, by Message-ID, to the director; nothing else arrived.
    expect(sink.received).toHaveLength(3);
    expect([...sink.counts().values()]).toEqual([1, 1, 1]);
    expect(sink.received.map((m) => m.to)).toEqual(['dyrektor@zaklady.pl', 'dyrektor@zaklady.pl', 'dyrektor@zaklady.pl']);
    // Once per document by its key: a repeat carries the first call's key, body and signature.
    const byKey = new Map<string, typeof calls>();
    for (const c of calls) byKey.set(c.key, [...(byKey.get(c.key) ?? []), c]);
    expect([...byKey.values()].map((group) => group.length)).toEqual([2, 2, 1]);
    for (const group of byKey.values()) {
      expect(new Set(group.map((c) => c.body)).size).toBe(1);
      for (const c of group) expect(c.signature).toBe(webhookSignature(secret, c.body));
    }
  } finally {
    await sink.stop();
    await new Promise((resolve) => receiver.close(resolve));
  }
}, 120_000);
