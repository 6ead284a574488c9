import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { webhookSignature } from '../../src-main/automation/engine/shared-executors';
import { freePort, SmtpSink } from '../../src-main/test-support/smtp-sink';
import { resourcesDir, tempDir } from '../../src-main/test-support/temp-services';
import { waitFor } from '../../src-main/test-support/wait-for';
import { ruleSyncFields, triggerSyncFields } from '../../src-shared/automation/sync-fields';
import { apiPrefix } from '../../src-shared/company-server/api';
import { portalLinkPath } from '../../src-shared/portal/signing-link';
import { encodeStamp } from '../../src-shared/sync/hlc';
import { syncPaths } from '../../src-shared/sync/protocol';
import { serverConfigFile } from '../config/server-config';
import { serverStoreFile } from '../store/open-server-store';
import { killHard, linkTokenFor, pairLive, readStore, startLiveServer } from '../test-support/live-server';
import { publishAs, uploadWhole } from '../test-support/published-document';

/*
 * Issue 9's crash test for the company server's engine: the built server (out/main/signet-server.js; needs
 * `npx electron-vite build` first) killed with SIGKILL while a webhook of a handed-over document is in flight — its
 * receiver has the call and has not answered — and started again on the same data folder. The job is recovered at the
 * start and runs to done once; the cut-off call is repeated with the same idempotency key and signature, for the
 * receiver to drop, and the desktop's feed has the job's outcome once.
 */

const children: ChildProcess[] = [];
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const step of cleanup.splice(0).reverse()) await step();
});

const secret = 'wspólny sekret ERP';
const ala = { id: '31', ref: 'counterparty-1', side: 'counterparty', name: 'Ala Wiśniewska', email: 'ala@klient.example.pl', channel: 'email', language: 'pl' } as const;

it('a webhook in flight when the server is killed is made again with the same key after the restart, and its job is done once', async () => {
  const sink = await new SmtpSink().start();
  cleanup.push(() => sink.stop());
  const calls: { key: string; signature: string; body: string }[] = [];
  const hung: http.ServerResponse[] = [];
  const receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      calls.push({ key: String(req.headers['idempotency-key']), signature: String(req.headers['x-signet-signature']), body });
      // The first call is held unanswered: the server dies while it waits.
      if (calls.length === 1) hung.push(res);
      else res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
  cleanup.push(() => new Promise((resolve) => receiver.close(() => resolve())));
  cleanup.push(() => hung.forEach((r) => r.destroy()));
  const hook = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;

  const dataDir = tempDir('signet-automation-sigkill-');
  cleanup.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  fs.writeFileSync(serverConfigFile(dataDir), JSON.stringify({ smtp: { host: '127.0.0.1', port: sink.port, security: 'none', fromAddress: 'podpisy@zaklady.pl', fromName: 'Zakłady Łódzkie' } }));
  const port = await freePort();
  const env = { ...process.env, SIGNET_WEBHOOK_SECRET_ERP: secret, SIGNET_WEBHOOKS_PRIVATE: 'allow' };
  const args = ['serve', '--data', dataDir, '--port', String(port), '--public-url', `http://127.0.0.1:${port}`];
  const server = await startLiveServer(args, children, env);
  const device = await pairLive(server.url, dataDir, 'Recepcja', env);

  // The pipeline as the desktop syncs it: opening the link moves the card into "Otwarte", whose rule calls the webhook.
  const opened = '3b7f6f0e-0000-4000-8000-0000000000e1';
  const trigger = { id: '7c0e0b1e-0000-4000-8000-0000000000e2', stageId: opened, event: 'viewed' as const, enabled: true };
  const rule = { id: '7c0e0b1e-0000-4000-8000-0000000000e3', stageId: opened, position: 0, action: { kind: 'webhook' as const, url: hook, secretName: 'erp' }, timing: { kind: 'immediately' as const }, enabled: true };
  const records: [string, string, Record<string, unknown>][] = [
    ['stage', opened, { name: 'Otwarte', color: '#7c3aed', position: 3500, phase: 'counterpartySigning', deleted: false }],
    ['automation_trigger', trigger.id, { ...triggerSyncFields(trigger, opened), deleted: false }],
    ['automation_rule', rule.id, { ...ruleSyncFields(rule, opened, rule.action), deleted: false }],
  ];
  const stamp = encodeStamp({ wall: Date.now(), counter: 0, node: device.deviceId });
  const fields = records.flatMap(([entity, id, f]) => Object.entries(f).map(([field, value]) => ({ entity, id, field, value, stamp })));
  expect((await device.fetch(`${apiPrefix}${syncPaths.push}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fields, events: [] }) })).status).toBe(200);

  const pdf = new Uint8Array(fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf')));
  const published = await publishAs(device, {
    documentId: randomUUID(),
    title: 'Umowa dostawy',
    number: 'UD/2026/12/0009',
    companyName: 'Zakłady Łódzkie Sp. z o.o.',
    fileSha256: await uploadWhole(device, pdf),
    layout: { fields: [{ id: 'sigAla', kind: 'signature', page: 0, rect: { x: 72, y: 100, width: 180, height: 40 }, signerId: ala.ref, required: true }] },
    signers: [ala],
    order: 'parallel',
    expiresAt: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
    automation: { stage: 'key:sentCounterparty', since: new Date(Date.now() - 60_000).toISOString() },
  });
  expect(published.automation).toBe('server');
  const token = await linkTokenFor(sink, ala.email);
  expect((await fetch(`${server.url}${portalLinkPath(token)}`)).status).toBe(200);

  // The webhook is in flight: the receiver has it, unanswered. Power goes.
  await waitFor(() => calls.length === 1, 'the webhook call', 30_000);
  await killHard(server);
  const storeFile = serverStoreFile(dataDir);
  const job = () => readStore<{ status: string; attempts: number; idempotency_key: string }>(storeFile, 'select status, attempts, idempotency_key from automation_jobs where source_id = ?', rule.id);
  expect(job().map((j) => j.status)).toEqual(['running']);

  await startLiveServer(args, children, env);
  await waitFor(() => calls.length === 2, 'the webhook made again after the restart', 30_000);
  await waitFor(() => job()[0]?.status === 'done', 'the job done', 30_000);
  expect(job()).toEqual([{ status: 'done', attempts: 2, idempotency_key: calls[0]!.key }]);
  // The same key both times, each signed with the secret over its own body: the receiver drops the repeat by its key.
  expect(calls[1]!.key).toBe(calls[0]!.key);
  for (const call of calls) expect(call.signature).toBe(webhookSignature(secret, call.body));
  const outcomes = readStore<{ details: string }>(storeFile, "select details from document_feed where document_id = ? and type = 'automationRan'", published.publishedId).map((r) => JSON.parse(r.details) as { automation: { rule?: string; trigger?: string; outcome: string } });
  expect(outcomes.filter((o) => o.automation.rule === rule.id).map((o) => o.automation.outcome)).toEqual(['done']);
  expect(outcomes.filter((o) => o.automation.trigger === trigger.id).map((o) => o.automation.outcome)).toEqual(['done']);
  const moves = readStore<{ n: number }>(storeFile, "select count(*) as n from document_feed where document_id = ? and type = 'stageMoved'", published.publishedId);
  expect(moves[0]!.n).toBe(1);
});
