import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLog } from '../../src-main/app/log';
import { webhookSignature } from '../../src-main/automation/engine/shared-executors';
import { waitFor } from '../../src-main/test-support/wait-for';
import type { Rule } from '../../src-shared/automation/automation';
import { defaultEntryIds, ruleSyncFields, triggerSyncFields } from '../../src-shared/automation/sync-fields';
import { apiPrefix } from '../../src-shared/company-server/api';
import { automationRetryPath, desktopSignaturePath } from '../../src-shared/company-server/events';
import { encodeStamp } from '../../src-shared/sync/hlc';
import { syncPaths, type FieldChange } from '../../src-shared/sync/protocol';
import { readFeed } from '../feed/feed';
import { serverFilesOf } from '../publishing/server-files';
import { sealPublished } from '../sealing/seal-published';
import { anna, emma, jan, signaturePng, signedWorld, start, type SignedWorld } from '../test-support/signed-world';
import { enrolAccountDevice } from '../test-support/account-device';
import { pairDevice } from '../test-support/paired-device';
import { createServerAutomation } from './server-automation';

/*
 * The automation engine on the company server (issue 9: "the same engine on the server for documents handled
 * there"): a document its desktop handed over is automated by the server while that desktop is off — the real
 * server, its real outbox to an SMTP server on loopback, the pipeline as a desktop pushed it through the real sync
 * route, the company signature reported through the real route, the seal made by the real seal.
 */

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

const documentId = '5d0c3c8e-1f53-4a55-9b43-0f2b8e1c7a10';
const accounting = 'ksiegowosc@zaklady.pl';
const secret = 'wspólny sekret ERP';

/** A webhook receiver on loopback: every call's headers and body. */
async function receiver(): Promise<{ url: string; calls: { headers: http.IncomingHttpHeaders; body: string }[] }> {
  const calls: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      calls.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  cleanup.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, calls };
}

/** Pushes records as a desktop's sync does, over the real route. */
async function push(w: SignedWorld, fields: Omit<FieldChange, 'stamp'>[], wall = w.clock.now().getTime()): Promise<void> {
  const stamp = encodeStamp({ wall, counter: 0, node: w.device.deviceId });
  const response = await w.device.fetch(`${apiPrefix}${syncPaths.push}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fields: fields.map((f) => ({ ...f, stamp })), events: [] }) });
  expect(response.status).toBe(200);
}

const conditionalRule = (id: string, stage: string, position: number, action: Rule['action'], condition?: Rule['condition']): Omit<FieldChange, 'stamp'>[] =>
  Object.entries({ ...ruleSyncFields({ id, stageId: stage, position, action, timing: { kind: 'immediately' }, enabled: true, ...(condition ? { condition } : {}) }, stage, action), deleted: false }).map(([field, value]) => ({ entity: 'automation_rule', id, field, value }));
const rule = (id: string, stage: string, position: number, action: Rule['action']) => conditionalRule(id, stage, position, action);

const trigger = (id: string, stage: string, event: 'conditionMet', condition: NonNullable<Parameters<typeof triggerSyncFields>[0]['condition']>): Omit<FieldChange, 'stamp'>[] =>
  Object.entries({ ...triggerSyncFields({ id, stageId: stage, event, condition, enabled: true }, stage), deleted: false }).map(([field, value]) => ({ entity: 'automation_trigger', id, field, value }));

const stage = (ref: string, name: string, position: number): Omit<FieldChange, 'stamp'>[] =>
  Object.entries({ name, color: '#7c3aed', position, phase: 'counterpartySigning', deleted: false }).map(([field, value]) => ({ entity: 'stage', id: ref, field, value }));

const documentField = (field: string, value: FieldChange['value']): Omit<FieldChange, 'stamp'> => ({ entity: 'document', id: documentId, field, value });

async function world(order: 'companyFirst' | 'parallel' = 'companyFirst', allowPrivate = true, holding?: string[]) {
  const sentTo = order === 'companyFirst' ? 'key:waitingCompany' : 'key:sentCounterparty';
  const w = await signedWorld(cleanup, { publish: { order, automation: { stage: sentTo, since: start.toISOString(), ...(holding ? { holding } : {}) } } });
  const automation = createServerAutomation({
    store: w.server.store,
    files: serverFilesOf(w.server.store).files,
    log: silentLog,
    enqueue: (message, trx) => w.outbox.enqueue(message, trx),
    now: w.clock.now,
    // The test's receiver is on loopback: a private address the server calls only when told so.
    env: { SIGNET_WEBHOOK_SECRET_ERP: secret, ...(allowPrivate ? { SIGNET_WEBHOOKS_PRIVATE: 'allow' } : {}) },
    timeZone: 'Europe/Warsaw',
  });
  cleanup.push(() => automation.stop());
  // Rules of one entry are due a millisecond apart, on the test's clock.
  const run = () => {
    w.clock.advance(1_000);
    return automation.runDue();
  };
  const feed = async () => readFeed(w.server.store.db, w.device.deviceId, 0);
  const jobs = () => w.server.store.db.selectFrom('automation_jobs').select(['source_id', 'source_kind', 'status', 'last_error', 'attempts']).orderBy('n').execute();
  return { w, automation, run, feed, jobs };
}

describe('the automation engine on the company server', () => {
  it("runs the seed's pipeline, the company's own rules and a webhook for a handed-over document while its desktop is off: each action once, the outcomes in the desktop's feed", async () => {
    const { w, automation, run, feed, jobs } = await world();
    const hook = await receiver();
    // The company's pipeline as a desktop synced it: the seed's mail rule also to accounting; on entering "Sent to
    // counterparty" a webhook; on entering "Signed" a notice (a desktop's to give) and a tag.
    await push(w, [
      ...rule(defaultEntryIds.mailRule, 'key:signed', 0, { kind: 'emailSealed', to: [accounting], toParties: true }),
      ...rule('7c0e0b1e-0000-4000-8000-000000000001', 'key:sentCounterparty', 1, { kind: 'webhook', url: hook.url, secretName: 'erp' }),
      ...rule('7c0e0b1e-0000-4000-8000-000000000002', 'key:signed', 1, { kind: 'notify', userId: 'u-anna', email: true }),
      ...rule('7c0e0b1e-0000-4000-8000-000000000003', 'key:signed', 2, { kind: 'addTag', tag: 'do księgowania' }),
      // Only if the tag the rule before set is there: the server's later rules see its own changes.
      ...conditionalRule('7c0e0b1e-0000-4000-8000-00000000000d', 'key:signed', 3, { kind: 'addTag', tag: 'zaksięgowane' }, { match: 'all', tests: [{ field: 'tag', op: 'contains', value: 'do księgowania' }] }),
      ...Object.entries({ name: 'Anna Żółkiewska', email: anna.email, is_signer: true, department: null, created_at: start.toISOString() }).map(([field, value]) => ({ entity: 'user' as const, id: 'u-anna', field, value })),
    ]);

    // The director signs in the app; the desktop reports it and goes offline.
    w.clock.advance(60_000);
    const image = Buffer.from(signaturePng(0)).toString('base64');
    const reported = await w.device.fetch(desktopSignaturePath(w.publishedId, anna.id), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ signedAt: w.clock.now().toISOString(), method: 'drawn', identityCheck: 'appLogin', image, values: { sigAnna: image } }) });
    expect(reported.status).toBe(200);
    expect(await run()).toBe(3);

    // Both counterparties sign on the portal; the server seals.
    w.clock.advance(60_000);
    await w.sign(jan);
    await w.sign(emma);
    expect(await run()).toBe(1);
    expect((await jobs()).at(-1)).toMatchObject({ source_id: defaultEntryIds.allSignedTrigger, status: 'queued', last_error: 'automation.waiting' });
    expect(await sealPublished(w.sealContext(), w.publishedId)).toMatchObject({ state: 'sealed' });
    expect(await run()).toBe(5);

    expect(await jobs()).toEqual([
      { source_id: defaultEntryIds.companySignedTrigger, source_kind: 'trigger', status: 'done', last_error: 'automation.alreadyInStage', attempts: 1 },
      { source_id: defaultEntryIds.sendRule, source_kind: 'rule', status: 'done', last_error: 'automation.send.outAlready', attempts: 1 },
      { source_id: '7c0e0b1e-0000-4000-8000-000000000001', source_kind: 'rule', status: 'done', last_error: null, attempts: 1 },
      { source_id: defaultEntryIds.allSignedTrigger, source_kind: 'trigger', status: 'done', last_error: 'automation.alreadyInStage', attempts: 1 },
      { source_id: defaultEntryIds.mailRule, source_kind: 'rule', status: 'done', last_error: null, attempts: 1 },
      { source_id: '7c0e0b1e-0000-4000-8000-000000000002', source_kind: 'rule', status: 'done', last_error: 'automation.delegated', attempts: 1 },
      { source_id: '7c0e0b1e-0000-4000-8000-000000000003', source_kind: 'rule', status: 'done', last_error: null, attempts: 1 },
      { source_id: '7c0e0b1e-0000-4000-8000-00000000000d', source_kind: 'rule', status: 'done', last_error: null, attempts: 1 },
    ]);

    // What the desktop will read when it is back: the lifecycle's moves as the server mirrored them, each outcome.
    const automationFeed = (await feed()).filter((e) => ['stageMoved', 'automationRan', 'automationStopped'].includes(e.type));
    expect(automationFeed.map((e) => [e.type, e.type === 'stageMoved' ? e.details.automation?.to : (e.details.automation?.rule ?? e.details.automation?.trigger)])).toEqual([
      ['stageMoved', 'key:sentCounterparty'],
      ['automationRan', defaultEntryIds.companySignedTrigger],
      ['automationRan', defaultEntryIds.sendRule],
      ['automationRan', '7c0e0b1e-0000-4000-8000-000000000001'],
      ['stageMoved', 'key:signed'],
      ['automationRan', defaultEntryIds.allSignedTrigger],
      ['automationRan', defaultEntryIds.mailRule],
      ['automationRan', '7c0e0b1e-0000-4000-8000-000000000002'],
      ['automationRan', '7c0e0b1e-0000-4000-8000-000000000003'],
      ['automationRan', '7c0e0b1e-0000-4000-8000-00000000000d'],
    ]);
    expect(automationFeed[0]!.details.automation).toMatchObject({ from: 'key:waitingCompany', reason: 'signed' });
    // The notice: its e-mail from here at once, the in-app part handed to the desktop (which will not mail again).
    expect(automationFeed.find((e) => e.details.automation?.action === 'notify')!.details.automation).toMatchObject({ outcome: 'done', delegated: 'desktop', emailed: anna.email, job: expect.stringMatching(/^rule:7c0e0b1e-0000-4000-8000-000000000002\|/) });
    expect(automationFeed.at(-2)!.details.automation).toMatchObject({ action: 'addTag', tag: 'do księgowania', outcome: 'done' });
    expect(automationFeed.at(-1)!.details.automation).toMatchObject({ action: 'addTag', tag: 'zaksięgowane', outcome: 'done' });

    // The webhook: once, signed with the secret the server holds, keyed by its job.
    expect(hook.calls).toHaveLength(1);
    expect(hook.calls[0]!.headers['x-signet-signature']).toBe(webhookSignature(secret, hook.calls[0]!.body));
    expect(JSON.parse(hook.calls[0]!.body)).toMatchObject({ event: 'automation', document: { id: documentId, number: 'UM/2026/05/0012', stageId: 'key:sentCounterparty', phase: 'counterpartySigning' } });

    // The mail: the parties' copies from the seal, and accounting's from the rule, each once, the sealed PDF attached.
    const sealed = (await w.server.store.db.selectFrom('published_documents').select('sealed_sha256').where('id', '=', w.publishedId).executeTakeFirstOrThrow()).sealed_sha256!;
    await w.outbox.start();
    await waitFor(() => w.sink.received.some((m) => m.to === accounting), 'the sealed PDF at accounting');
    await waitFor(() => w.sink.received.filter((m) => m.attachments.length > 0).length === 4, 'the parties\u2019 copies');
    // Nothing runs twice: a restart's recovery and another pass find nothing to do, and no second message goes.
    expect(await automation.recover()).toBe(0);
    expect(await run()).toBe(0);
    await w.outbox.worker.runDue();
    await waitFor(() => w.sink.received.some((m) => m.to === anna.email && m.attachments.length === 0), 'the notice to Anna');
    expect(w.sink.received.filter((m) => m.to === anna.email && m.attachments.length === 0)).toHaveLength(1);
    const toAccounting = w.sink.received.filter((m) => m.to === accounting);
    expect(toAccounting).toHaveLength(1);
    expect(createHash('sha256').update(toAccounting[0]!.attachments[0]!.content).digest('hex')).toBe(sealed);
    expect(w.sink.received.filter((m) => m.attachments.length > 0).map((m) => m.to).sort()).toEqual([accounting, anna.email, jan.email, emma.email].sort());
    expect(hook.calls).toHaveLength(1);

    // Its desktop, back, writes down the server's moves one by one, and its sync sends one it has already passed: the
    // server, which moved the card on since, takes it for no entry.
    w.clock.advance(60_000);
    await push(w, [documentField('stage', 'key:sentCounterparty')]);
    expect((await feed()).filter((e) => e.type === 'stageMoved')).toHaveLength(2);
    expect(await run()).toBe(0);
  });

  it('follows what desktops push by sync: a card dragged into a stage starts its rules there, an amount that comes to exceed 10,000 PLN fires its trigger, a stale stage is no entry', async () => {
    const { w, run, feed, jobs } = await world('parallel');
    const review = '3b7f6f0e-0000-4000-8000-00000000000a';
    const large = '3b7f6f0e-0000-4000-8000-00000000000b';
    await push(w, [
      ...stage(review, 'Przegląd prawny', 3500),
      ...stage(large, 'Duże kwoty', 3600),
      ...rule('7c0e0b1e-0000-4000-8000-000000000004', review, 0, { kind: 'addTag', tag: 'przegląd' }),
      ...trigger('7c0e0b1e-0000-4000-8000-000000000005', large, 'conditionMet', { match: 'all', tests: [{ field: 'amount', op: 'gt', value: 10_000, currency: 'PLN' }] }),
      // The same condition into the earlier stage: a trigger moves forward only, so it does not take the card back.
      ...trigger('7c0e0b1e-0000-4000-8000-000000000007', review, 'conditionMet', { match: 'all', tests: [{ field: 'amount', op: 'gt', value: 10_000, currency: 'PLN' }] }),
    ]);
    const moves = async () => (await feed()).filter((e) => e.type === 'stageMoved').map((e) => [e.details.automation?.to, e.details.automation?.reason ?? e.details.automation?.trigger]);

    // A laptop back from a week offline pushes the stage it had set before the send: old news, not an entry.
    await push(w, [documentField('stage', 'key:draft')], start.getTime() - 7 * 24 * 60 * 60_000);
    expect(await moves()).toEqual([]);
    expect(await jobs()).toEqual([]);

    // Today's drag into "Przegląd prawny" on some desktop: its rule runs here.
    w.clock.advance(60_000);
    await push(w, [documentField('stage', review)]);
    expect(await moves()).toEqual([[review, 'pushed']]);
    expect(await run()).toBe(1);
    expect((await feed()).at(-1)!.details.automation).toMatchObject({ rule: '7c0e0b1e-0000-4000-8000-000000000004', action: 'addTag', tag: 'przegląd', outcome: 'done' });

    // The amount edited on a desktop: 8,000 PLN holds nothing; 15,000 PLN comes to exceed 10,000 and fires once.
    w.clock.advance(60_000);
    await push(w, [documentField('amount_minor', 800_000), documentField('currency', 'PLN')]);
    expect(await run()).toBe(0);
    w.clock.advance(60_000);
    await push(w, [documentField('amount_minor', 1_500_000)]);
    w.clock.advance(60_000);
    await push(w, [documentField('title', 'Umowa o świadczenie usług — aneks')]);
    expect(await run()).toBe(2);
    expect(await moves()).toEqual([
      [review, 'pushed'],
      [large, '7c0e0b1e-0000-4000-8000-000000000005'],
    ]);
    expect((await jobs()).map((j) => [j.source_id, j.status, j.last_error])).toEqual([
      ['7c0e0b1e-0000-4000-8000-000000000004', 'done', null],
      ['7c0e0b1e-0000-4000-8000-000000000005', 'done', null],
      ['7c0e0b1e-0000-4000-8000-000000000007', 'done', 'automation.notBackward'],
    ]);

    // Dragged back into "Przegląd" by its desktop: an entry again (its rule runs once more). A drag on another desktop,
    // which automates it there, only tells the server where the card is.
    w.clock.advance(60_000);
    await push(w, [documentField('stage', review)]);
    expect(await moves()).toEqual([
      [review, 'pushed'],
      [large, '7c0e0b1e-0000-4000-8000-000000000005'],
      [review, 'pushed'],
    ]);
    expect(await run()).toBe(1);
    const other = await pairDevice(w.server, 'Laptop B');
    w.clock.advance(60_000);
    const stamp = encodeStamp({ wall: w.clock.now().getTime(), counter: 0, node: other.deviceId });
    const pushed = await other.fetch(`${apiPrefix}${syncPaths.push}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fields: [{ ...documentField('stage', 'key:sentCounterparty'), stamp }], events: [] }) });
    expect(pushed.status).toBe(200);
    expect((await moves()).length).toBe(3);
    expect(await run()).toBe(0);
    expect((await w.server.store.db.selectFrom('published_documents').select('automation_stage').where('id', '=', w.publishedId).executeTakeFirstOrThrow()).automation_stage).toBe('key:sentCounterparty');
  });

  it('calls no webhook at a private address unless told so: the job fails at once with the reason, and nothing is sent', async () => {
    const { w, run, jobs } = await world('companyFirst', false);
    const hook = await receiver();
    await push(w, rule('7c0e0b1e-0000-4000-8000-000000000006', 'key:sentCounterparty', 1, { kind: 'webhook', url: hook.url, secretName: 'erp' }));
    const image = Buffer.from(signaturePng(0)).toString('base64');
    await w.device.fetch(desktopSignaturePath(w.publishedId, anna.id), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ signedAt: w.clock.now().toISOString(), method: 'drawn', identityCheck: 'appLogin', image, values: { sigAnna: image } }) });
    await run();
    expect((await jobs()).find((j) => j.source_id === '7c0e0b1e-0000-4000-8000-000000000006')).toMatchObject({ status: 'failed', last_error: 'automation.webhook.privateAddress', attempts: 1 });
    expect(hook.calls).toEqual([]);
  });

  it('queues a failed job again only for someone who may manage automation rules, and only a failed one', async () => {
    const { w, run, jobs } = await world('companyFirst', false);
    await push(w, rule('7c0e0b1e-0000-4000-8000-000000000008', 'key:sentCounterparty', 1, { kind: 'webhook', url: 'http://127.0.0.1:9/hook', secretName: 'erp' }));
    const image = Buffer.from(signaturePng(0)).toString('base64');
    await w.device.fetch(desktopSignaturePath(w.publishedId, anna.id), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ signedAt: w.clock.now().toISOString(), method: 'drawn', identityCheck: 'appLogin', image, values: { sigAnna: image } }) });
    await run();
    const ids = await w.server.store.db.selectFrom('automation_jobs').select(['id', 'status', 'source_id']).execute();
    const failed = ids.find((j) => j.status === 'failed')!;
    const done = ids.find((j) => j.status === 'done')!;
    const retry = (device: { fetch: SignedWorld['device']['fetch'] }, id: string) => device.fetch(automationRetryPath(id), { method: 'POST' });

    const ewa = await enrolAccountDevice(w.server, { name: 'Ewa Zielińska', email: 'ewa@zaklady.pl' });
    expect((await retry(ewa, failed.id)).status).toBe(403);
    expect((await retry(w.device, done.id)).status).toBe(400);
    expect((await retry(w.device, 'no-such-job')).status).toBe(404);
    expect((await jobs()).find((j) => j.source_id === failed.source_id)).toMatchObject({ status: 'failed' });
    const answer = await retry(w.device, failed.id);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ id: failed.id, status: 'queued' });
    expect((await jobs()).find((j) => j.source_id === failed.source_id)).toMatchObject({ status: 'queued', attempts: 0 });
  });

  it('a condition that held on the desktop when the document was handed over does not fire again on the server', async () => {
    const held = '7c0e0b1e-0000-4000-8000-000000000009';
    const { w, run, jobs } = await world('parallel', true, [held]);
    await push(w, [
      ...stage('3b7f6f0e-0000-4000-8000-00000000000c', 'Duże kwoty', 3600),
      ...trigger(held, '3b7f6f0e-0000-4000-8000-00000000000c', 'conditionMet', { match: 'all', tests: [{ field: 'amount', op: 'gt', value: 10_000, currency: 'PLN' }] }),
    ]);
    w.clock.advance(60_000);
    // The desktop's first push of the record brings the amount that already held there (its trigger fired there).
    await push(w, [documentField('amount_minor', 1_500_000), documentField('currency', 'PLN')]);
    expect(await run()).toBe(0);
    expect(await jobs()).toEqual([]);
  });
});
