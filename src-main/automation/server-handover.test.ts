import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { waitUntil } from '../test-support/wait-for';
import { afterEach, describe, expect, it } from 'vitest';
import { createServerAutomation } from '../../src-server/automation/server-automation';
import { loadServerDelivery } from '../../src-server/config/server-config';
import { createServerOutbox } from '../../src-server/delivery/server-outbox';
import { serverFilesOf } from '../../src-server/publishing/server-files';
import { startTestServer, type TestServer } from '../../src-server/test-support/test-server';
import { portalLinkPath } from '../../src-shared/portal/signing-link';
import { silentLog } from '../app/log';
import { createKeytarStore } from '../secrets/keytar-store';
import { readCursor } from '../services/company-server/feed-cursor';
import { readLink } from '../services/company-server/link-store';
import { expireDocument } from '../services/signing/expiry';
import { pairWith, sendThroughServer } from '../test-support/published-desktop';
import { freePort } from '../test-support/smtp-sink';
import { startTestApp, tempDir, type TestApp } from '../test-support/temp-services';

/*
 * A document sent through the company server is automated there (issue 9), and the desktop that sent it takes the
 * server's work in when it is back: a real server with its engine running, a real desktop paired with it, the
 * pipeline synced from that desktop, the counterparty opening the link on the real portal route while the desktop
 * is closed. Nothing runs twice: the desktop does not follow the view itself, and the notice the server hands back
 * is given once.
 */

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

const until = waitUntil;

const follow = { reconnect: { baseMs: 20, capMs: 40, maxAttempts: Infinity }, sealRetry: { baseMs: 0, capMs: 0, maxAttempts: Infinity }, random: () => 1 };

async function world(engineOptions: Partial<Parameters<typeof createServerAutomation>[0]> = {}) {
  const links: { to: string; text: string }[] = [];
  const server: TestServer = await startTestServer({ linkOutbox: async (_trx, m) => void links.push(m) });
  cleanup.push(() => server.close());
  const outbox = createServerOutbox({ store: server.store, dataDir: server.dataDir, delivery: loadServerDelivery(server.dataDir, {}), log: silentLog });
  const engine = createServerAutomation({ store: server.store, files: serverFilesOf(server.store).files, log: silentLog, enqueue: (m, trx) => outbox.enqueue(m, trx), ...engineOptions });
  cleanup.push(() => engine.stop());
  const keychain = createKeytarStore({ service: `Signet test ${randomUUID()}`, timeoutMs: 15_000 });
  const dataDir = tempDir();
  const open = async () => {
    const app = await startTestApp({ dataDir, keychain, outbox: { autoStart: false }, publish: { autoStart: false }, follow });
    cleanup.push(() => app.close());
    return app;
  };
  return { server, links, engine, open, app: await pairWith(await open(), server) };
}

const jobsOf = (app: TestApp, id: string) => app.context.db.selectFrom('automation_jobs').select(['source_id', 'source_kind', 'status', 'last_error', 'idempotency_key']).where('document_id', '=', id).orderBy('created_at').execute();

describe("a document sent through the company server is automated there, and its desktop takes the server's work in", () => {
  it('the counterparty opens the link while the desktop is closed: the server moves the card and tags it, the desktop shows it and gives the notice handed back, once', async () => {
    const { server, links, engine, open, app: first } = await world();
    let app = first;
    const me = (await app.ok('app.info', {})).user.id;
    const stages = await app.ok('stages.list', {});
    const sent = stages.find((s) => s.key === 'sentCounterparty')!.id;
    const opened = (await app.ok('stages.add', { afterId: sent, name: 'Otwarte przez klienta', color: '#7c3aed' })).find((s) => s.name === 'Otwarte przez klienta')!;
    expect(opened.phase).toBe('counterpartySigning');
    await app.ok('automation.saveTrigger', { stageId: opened.id, event: 'viewed', enabled: true });
    await app.ok('automation.saveRule', { stageId: opened.id, action: { kind: 'notify', userId: me, message: 'Klient otworzył umowę', email: true }, timing: { kind: 'immediately' }, enabled: true });
    await app.ok('automation.saveRule', { stageId: opened.id, action: { kind: 'addTag', tag: 'otwarte' }, timing: { kind: 'immediately' }, enabled: true });
    // And on: by the time this desktop gives the notice it has taken the card on too, and gives it all the same.
    const onward = (await app.ok('stages.add', { afterId: opened.id, name: 'Dalej', color: '#0ea5e9' })).find((s) => s.name === 'Dalej')!;
    await app.ok('automation.saveRule', { stageId: opened.id, action: { kind: 'moveTo', stageId: onward.id }, timing: { kind: 'immediately' }, enabled: true });
    // The pipeline reaches the server by sync, as any desktop's edits do.
    expect((await app.sync.runNow()).state).toBe('synced');

    const doc = await sendThroughServer(app);
    const handedOver = await app.context.db.selectFrom('publish_jobs').select(['automation', 'automation_stage']).where('document_id', '=', doc.id).executeTakeFirstOrThrow();
    expect(handedOver).toEqual({ automation: 'server', automation_stage: 'key:sentCounterparty' });
    expect((await server.store.db.selectFrom('published_documents').select(['automation', 'automation_stage']).where('id', '=', doc.publishedId).executeTakeFirstOrThrow())).toEqual({ automation: 'server', automation_stage: 'key:sentCounterparty' });
    // The send's own entry into "Sent to counterparty" was this desktop's (its seed rule); nothing after it is.
    await app.automation.runDue();
    const before = await jobsOf(app, doc.id);
    expect(before.map((j) => [j.source_id, j.status, j.last_error])).toEqual([['default:rule:sendForSignature', 'done', 'automation.send.outAlready']]);
    await app.close();

    // Jan opens his link on the portal: the server's engine moves the card and runs the stage's rules.
    const token = /\/s\/([A-Za-z0-9_-]{43})/.exec(links.find((m) => m.to === doc.email)!.text)![1]!;
    expect((await fetch(`${server.url}${portalLinkPath(token)}`)).status).toBe(200);
    await until(async () => (await engine.runDue()) === 0 && (await server.store.db.selectFrom('automation_jobs').select('id').where('status', '=', 'done').execute()).length === 4, 'the server’s four jobs');
    expect((await server.store.db.selectFrom('published_documents').select('automation_stage').where('id', '=', doc.publishedId).executeTakeFirstOrThrow()).automation_stage).toBe(onward.id);

    // The desktop is back: the feed brings the move, the tag, the outcomes, and the notice to give.
    app = await open();
    app.follower.start();
    await until(async () => (await app.ok('documents.get', { id: doc.id })).stageId === onward.id && (await jobsOf(app, doc.id)).length > before.length, 'the card in its stage and the notice handed back');
    await app.automation.runDue();
    const detail = await app.ok('documents.get', { id: doc.id });
    expect(detail.tags).toEqual(['otwarte']);
    const afterViewed = detail.events.slice(detail.events.findIndex((e) => e.type === 'viewed'));
    expect(afterViewed.map((e) => [e.type, e.details?.action ?? '', e.details?.byServer ?? ''])).toEqual([
      ['viewed', '', ''],
      ['stageMoved', '', 'true'],
      ['automationRan', 'moveTo', 'true'],
      ['automationRan', 'notify', 'true'],
      ['automationRan', 'addTag', 'true'],
      ['stageMoved', '', 'true'],
      ['automationRan', 'moveTo', 'true'],
      ['automationRan', 'notify', ''],
    ]);
    // This desktop ran only what the server handed back: no trigger of its own for the view.
    const after = await jobsOf(app, doc.id);
    expect(after.slice(before.length)).toEqual([expect.objectContaining({ source_kind: 'rule', status: 'done', last_error: null, idempotency_key: expect.stringMatching(/^server:rule:/) })]);
    const notices = await app.ok('notices.list', {});
    expect(notices.filter((n) => n.documentId === doc.id).map((n) => n.text)).toEqual(['Klient otworzył umowę']);
    // Its e-mail went from the server at once; this desktop gives the notice in the app and does not mail again.
    const mailed = async () => ({
      server: await server.store.db.selectFrom('outbox').select('recipient').where('purpose', '=', 'automationNotice').execute(),
      desktop: await app.context.db.selectFrom('outbox').select('recipient').where('purpose', '=', 'automationNotice').execute(),
    });
    expect(await mailed()).toEqual({ server: [{ recipient: 'anna@zaklady.pl' }], desktop: [] });
    // The execution log shows the server's jobs beside this desktop's, marked, without "Try again" there.
    const log = await app.ok('automation.log', { documentId: doc.id, limit: 100 });
    expect(log.filter((r) => r.onServer).map((r) => [r.sourceKind, r.action, r.status, r.reason ?? '']).sort()).toEqual([
      ['rule', 'addTag', 'done', ''],
      ['rule', 'moveTo', 'done', ''],
      ['rule', 'notify', 'done', 'automation.delegated'],
      ['trigger', 'moveTo', 'done', ''],
    ]);
    expect((await app.ok('automation.dryRun', { documentId: doc.id })).onServer).toBe(true);
    const retried = await app.call('automation.retry', { id: log.find((r) => r.onServer)!.id });
    expect(retried.ok ? undefined : retried.error.messageKey).toBe('automation.log.notFailed');

    // Read again (a restored cursor) and run again: nothing is given, moved or written twice.
    const entries = detail.events.length;
    await app.follower.stop();
    await app.context.db.deleteFrom('settings').where('key', '=', 'companyServer.feed').execute();
    await app.close();
    app = await open();
    app.follower.start();
    const { deviceId } = (await readLink(app.context))!;
    const last = Number((await server.store.db.selectFrom('document_feed').select((eb) => eb.fn.max('seq').as('seq')).where('device_id', '=', deviceId).executeTakeFirstOrThrow()).seq);
    await until(async () => (await readCursor(app.context.db, deviceId)).after === last, 'the whole feed read again');
    await app.automation.runDue();
    expect((await app.ok('notices.list', {})).filter((n) => n.documentId === doc.id)).toHaveLength(1);
    expect(await mailed()).toEqual({ server: [{ recipient: 'anna@zaklady.pl' }], desktop: [] });
    expect((await app.ok('documents.get', { id: doc.id })).events).toHaveLength(entries);
  });

  it("a server job that failed is tried again from the desktop's execution log, and its next outcome comes back", async () => {
    const port = await freePort();
    const { server, links, engine, app } = await world({ env: { SIGNET_WEBHOOK_SECRET_ERP: 'wspólny sekret ERP', SIGNET_WEBHOOKS_PRIVATE: 'allow' }, policy: { baseMs: 0, capMs: 0, maxAttempts: 1 } });
    const opened = (await app.ok('stages.add', { afterId: (await app.ok('stages.list', {})).find((s) => s.key === 'sentCounterparty')!.id, name: 'Otwarte', color: '#7c3aed' })).find((s) => s.name === 'Otwarte')!;
    await app.ok('automation.saveTrigger', { stageId: opened.id, event: 'viewed', enabled: true });
    await app.ok('automation.saveRule', { stageId: opened.id, action: { kind: 'webhook', url: `http://127.0.0.1:${port}/hook`, secretName: 'erp' }, timing: { kind: 'immediately' }, enabled: true });
    expect((await app.sync.runNow()).state).toBe('synced');
    const doc = await sendThroughServer(app);
    app.follower.start();
    const token = /\/s\/([A-Za-z0-9_-]{43})/.exec(links.find((m) => m.to === doc.email)!.text)![1]!;
    expect((await fetch(`${server.url}${portalLinkPath(token)}`)).status).toBe(200);
    // Nobody listens at the webhook's address: the call fails, and with one attempt allowed the job fails.
    while ((await engine.runDue()) > 0);
    const failedRun = async () => (await app.ok('automation.log', { documentId: doc.id, limit: 100 })).find((r) => r.onServer && r.action === 'webhook');
    await until(async () => (await failedRun())?.status === 'failed', 'the failed webhook in the log');
    expect((await failedRun())!.reason).toMatch(/^automation\.failedAttempt: /);

    // The receiver is up now; "Try again" here queues it there, and the next outcome arrives.
    const calls: string[] = [];
    const receiver = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        calls.push(String(req.headers['idempotency-key']));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(port, '127.0.0.1', () => resolve()));
    cleanup.push(() => new Promise((resolve) => receiver.close(() => resolve())));
    const again = await app.ok('automation.retry', { id: (await failedRun())!.id });
    expect(again).toMatchObject({ status: 'queued', onServer: true });
    while ((await engine.runDue()) > 0);
    await until(async () => (await failedRun())?.status === 'done', 'the webhook done in the log');
    expect(calls).toHaveLength(1);
    expect((await app.call('automation.retry', { id: (await failedRun())!.id })).ok).toBe(false);
  });

  it('what only this desktop decides on a handed-over document — its deadline — is automated here, and so is all of it once back in Draft', async () => {
    const { server, engine, app } = await world();
    const expired = (await app.ok('stages.list', {})).find((s) => s.key === 'expired')!.id;
    await app.ok('automation.saveRule', { stageId: expired, action: { kind: 'addTag', tag: 'po terminie' }, timing: { kind: 'immediately' }, enabled: true });
    const doc = await sendThroughServer(app);
    await app.automation.runDue();
    await expireDocument(app.context, doc.id);
    await app.automation.runDue();
    expect((await app.ok('documents.get', { id: doc.id })).tags).toEqual(['po terminie']);
    // Decided here, it is this desktop's from now on; the server, hearing by sync where the card went, lets it go too
    // and runs nothing for it.
    expect((await app.context.db.selectFrom('publish_jobs').select('automation').where('document_id', '=', doc.id).executeTakeFirstOrThrow()).automation).toBeNull();
    expect((await app.sync.runNow()).state).toBe('synced');
    expect((await server.store.db.selectFrom('published_documents').select('automation').where('id', '=', doc.publishedId).executeTakeFirstOrThrow()).automation).toBeNull();
    while ((await engine.runDue()) > 0);
    expect(await server.store.db.selectFrom('automation_jobs').select('id').execute()).toEqual([]);
    // Back in Draft, to be sent anew, it is this desktop's again.
    const draft = (await app.ok('stages.list', {})).find((s) => s.key === 'draft')!.id;
    await app.ok('automation.saveRule', { stageId: draft, action: { kind: 'addTag', tag: 'do poprawy' }, timing: { kind: 'immediately' }, enabled: true });
    await app.ok('documents.move', { id: doc.id, stageId: draft, version: (await app.ok('documents.get', { id: doc.id })).version });
    await app.automation.runDue();
    expect((await app.ok('documents.get', { id: doc.id })).tags.sort()).toEqual(['do poprawy', 'po terminie']);
  });
});

