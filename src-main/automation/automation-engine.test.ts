import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { maxAutomaticSteps } from '../../src-shared/automation/automation';
import { base64, resourcesDir, startTestApp, tempDir, type TestApp } from '../test-support/temp-services';
import { createAutomationWorker } from './automation-worker';
import { factsOf } from './document-facts';
import { appendDocumentEvent } from '../services/documents/events';
import { signatureHeader, storeExecutors, webhookExecutor, webhookSignature, type Executors } from './executors';
import { followEvent } from './follow-event';

/*
 * The engine (issue 9, item 2) on a real store: jobs written in the transaction of their cause (a move on the board,
 * a document created), run by the worker with an injected clock; restarts, retries, a loop of two rules, conditions.
 */
let app: TestApp;
let clock: number;
const start = Date.parse('2026-12-03T09:00:00Z');
beforeEach(async () => {
  clock = start;
  app = await startTestApp({ dataDir: tempDir(), now: () => new Date(clock) });
  await app.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Anna Nowak' });
});
afterEach(() => app.close());

const worker = (executors: Executors = storeExecutors, target: TestApp = app) =>
  createAutomationWorker(target.context, { executors, timeZone: 'Europe/Warsaw', policy: { baseMs: 60_000, capMs: 600_000, maxAttempts: 3 }, random: () => 0.5 });
const minutes = (n: number) => (clock += n * 60_000);

async function stageAfterDraft(name: string): Promise<string> {
  const stages = await app.ok('stages.list', {});
  const added = await app.ok('stages.add', { afterId: stages.find((s) => s.key === 'draft')!.id, name, color: '#7c3aed' });
  return added.find((s) => s.name === name)!.id;
}
async function draft(title: string, fields: { amountMinor?: number; currency?: 'PLN' } = {}) {
  const { sha256 } = await app.ok('pdf.import', { data: base64(fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf'))) });
  const doc = await app.ok('documents.create', { fileSha256: sha256, originalName: 'nda.pdf', title, ...fields });
  return doc.id;
}
/** The document is moved into `stageId` on the board; how many jobs that move wrote. */
async function enter(documentId: string, stageId: string, target: TestApp = app): Promise<number> {
  const count = async () => Number((await target.context.db.selectFrom('automation_jobs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const before = await count();
  const { version } = await target.ok('documents.get', { id: documentId });
  await target.ok('documents.move', { id: documentId, stageId, version });
  return (await count()) - before;
}
/** The move's history entry heard again (a replay after a crash): nothing more is scheduled. */
async function hearAgain(documentId: string): Promise<number> {
  const moved = (await history(documentId)).findLast((e) => e.type === 'stageMoved')!;
  const before = (await jobs()).length;
  await app.context.db.transaction().execute((trx) => followEvent(trx, documentId, moved));
  return (await jobs()).length - before;
}
const jobs = (target: TestApp = app) => target.context.db.selectFrom('automation_jobs').select(['status', 'attempts', 'last_error', 'source_id']).orderBy('created_at').orderBy('due_at').execute();
const tagsOf = async (id: string, target: TestApp = app) => (await factsOf(target.context.db, id))!.tags;
const history = async (id: string) => (await app.ok('documents.get', { id })).events;

it('a delayed rule fires when its time comes, once, and says so in the history', async () => {
  const review = await stageAfterDraft('Do przeglądu');
  await app.ok('automation.saveRule', { stageId: review, action: { kind: 'addTag', tag: 'pilne' }, timing: { kind: 'after', minutes: 30 }, enabled: true });
  const doc = await draft('Umowa dostawy');
  expect(await enter(doc, review)).toBe(1);
  // The same entry heard again schedules nothing more.
  expect(await hearAgain(doc)).toBe(0);
  const w = worker();
  minutes(29);
  expect(await w.runDue()).toBe(0);
  minutes(2);
  expect(await w.runDue()).toBe(1);
  expect(await w.runDue()).toBe(0);
  expect(await tagsOf(doc)).toEqual(['pilne']);
  expect((await jobs()).map((j) => [j.status, j.attempts])).toEqual([['done', 1]]);
  expect((await history(doc)).at(-1)).toMatchObject({ type: 'automationRan', actor: 'Signet', details: { action: 'addTag', outcome: 'done' } });
});

it('a delay that passed while the app was stopped fires once at the next start; a job cut off while running runs again once', async () => {
  const review = await stageAfterDraft('Do przeglądu');
  await app.ok('automation.saveRule', { stageId: review, action: { kind: 'addTag', tag: 'pilne' }, timing: { kind: 'after', minutes: 60 }, enabled: true });
  const [a, b] = [await draft('A'), await draft('B')];
  await enter(a, review);
  await enter(b, review);
  // B's job was being run when the process died.
  await app.context.db.updateTable('automation_jobs').set({ status: 'running', attempts: 1 }).where('document_id', '=', b).execute();
  const dataDir = app.dataDir;
  await app.close();
  minutes(24 * 60);
  app = await startTestApp({ dataDir, now: () => new Date(clock) });
  const w = worker();
  expect(await w.recover()).toBe(1);
  expect(await w.runDue()).toBe(2);
  expect(await w.runDue()).toBe(0);
  expect([await tagsOf(a), await tagsOf(b)]).toEqual([['pilne'], ['pilne']]);
  expect((await jobs()).map((j) => j.status)).toEqual(['done', 'done']);
  expect((await history(b)).filter((e) => e.type === 'automationRan')).toHaveLength(1);
});

it('a failing webhook is tried again with backoff, then shown as failed with the reason; a working one is called once, signed', async () => {
  const calls: { body: string; signature: string | undefined; key: string | undefined }[] = [];
  let answer = 500;
  const hook = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      calls.push({ body, signature: req.headers[signatureHeader] as string | undefined, key: req.headers['idempotency-key'] as string | undefined });
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/signet`;
  try {
    const review = await stageAfterDraft('Do CRM');
    await app.ok('automation.saveRule', { stageId: review, action: { kind: 'webhook', url, secretName: 'crm' }, timing: { kind: 'immediately' }, enabled: true });
    const executors: Executors = { ...storeExecutors, webhook: webhookExecutor({ secretOf: async (name) => (name === 'crm' ? 's3cret' : null), facts: async (id) => ({ id }) }) };
    const w = worker(executors);
    const doc = await draft('Umowa z CRM');
    await enter(doc, review);
    expect(await w.runDue()).toBe(1);
    // Not due again until the backoff has passed: 30 s (half of a minute, jitter at its middle: 45 s).
    expect(await w.runDue()).toBe(0);
    minutes(1);
    expect(await w.runDue()).toBe(1);
    minutes(2);
    expect(await w.runDue()).toBe(1);
    minutes(10);
    expect(await w.runDue()).toBe(0);
    expect(calls).toHaveLength(3);
    expect(await jobs()).toEqual([expect.objectContaining({ status: 'failed', attempts: 3, last_error: 'automation.failedAttempt: HTTP 500' })]);
    expect((await history(doc)).at(-1)).toMatchObject({ type: 'automationRan', details: { action: 'webhook', outcome: 'failed', reason: 'automation.failedAttempt: HTTP 500' } });
    // Every attempt carried the same key and a signature the receiver can check.
    expect(new Set(calls.map((c) => c.key)).size).toBe(1);
    for (const c of calls) expect(c.signature).toBe(webhookSignature('s3cret', c.body));

    answer = 204;
    const other = await draft('Druga umowa');
    await enter(other, review);
    expect(await w.runDue()).toBe(1);
    expect(calls).toHaveLength(4);
    expect((await jobs()).at(-1)).toMatchObject({ status: 'done', attempts: 1 });
  } finally {
    await new Promise((resolve) => hook.close(resolve));
  }
});

it('a loop of two rules is stopped after the step limit and logged in the history', async () => {
  const [one, two] = [await stageAfterDraft('Tam'), await stageAfterDraft('Z powrotem')];
  await app.ok('automation.saveRule', { stageId: one, action: { kind: 'moveTo', stageId: two }, timing: { kind: 'immediately' }, enabled: true });
  await app.ok('automation.saveRule', { stageId: two, action: { kind: 'moveTo', stageId: one }, timing: { kind: 'immediately' }, enabled: true });
  const doc = await draft('Umowa w pętli');
  await enter(doc, one);
  const w = worker();
  let passes = 0;
  while ((await w.runDue()) > 0 && passes < 100) passes += 1;
  const all = await jobs();
  expect(all.filter((j) => j.status === 'done')).toHaveLength(maxAutomaticSteps);
  expect(all.filter((j) => j.status === 'failed').map((j) => j.last_error)).toEqual(['automation.loopStopped']);
  expect(all.filter((j) => j.status === 'queued')).toEqual([]);
  const events = await history(doc);
  expect(events.at(-1)).toMatchObject({ type: 'automationStopped', details: { reason: 'automation.loopStopped' } });
  // The board's move into the first stage, then the rules' own.
  expect(events.filter((e) => e.type === 'stageMoved')).toHaveLength(maxAutomaticSteps + 1);
});

it('a condition decides when the rule comes due: more than 10,000 PLN is tagged for the director, a smaller amount is skipped', async () => {
  const review = await stageAfterDraft('Do przeglądu');
  const over = { match: 'all' as const, tests: [{ field: 'amount' as const, op: 'gt' as const, value: 10_000, currency: 'PLN' }] };
  await app.ok('automation.saveRule', { stageId: review, action: { kind: 'addTag', tag: 'zarząd' }, timing: { kind: 'immediately' }, condition: over, enabled: true });
  const [big, small] = [await draft('Duża', { amountMinor: 1_250_000, currency: 'PLN' }), await draft('Mała', { amountMinor: 500_000, currency: 'PLN' })];
  await enter(big, review);
  await enter(small, review);
  expect(await worker().runDue()).toBe(2);
  expect([await tagsOf(big), await tagsOf(small)]).toEqual([['zarząd'], []]);
  expect((await jobs()).map((j) => [j.status, j.last_error])).toEqual([
    ['done', null],
    ['skipped', 'automation.conditionNotMet'],
  ]);
});

it("a trigger moves the document into its stage, whose rules then run; a move the lifecycle forbids fails with the lifecycle's reason", async () => {
  const review = await stageAfterDraft('Do przeglądu');
  await app.ok('automation.saveTrigger', { stageId: review, event: 'created', enabled: true });
  await app.ok('automation.saveRule', { stageId: review, action: { kind: 'addTag', tag: 'nowy' }, timing: { kind: 'immediately' }, enabled: true });
  const doc = await draft('Nowa umowa');
  const w = worker();
  expect(await w.runDue()).toBe(2);
  expect((await app.ok('documents.get', { id: doc })).stageId).toBe(review);
  expect(await tagsOf(doc)).toEqual(['nowy']);

  // Into Signed with nobody having signed: refused by the lifecycle, not tried again.
  const signed = (await app.ok('stages.list', {})).find((s) => s.key === 'signed')!.id;
  await app.ok('automation.saveTrigger', { stageId: signed, event: 'viewed', enabled: true });
  await app.context.db.transaction().execute((trx) => appendDocumentEvent(trx, doc, { at: new Date(clock).toISOString(), type: 'viewed', actor: 'Jan Kowalski' }));
  expect(await w.runDue()).toBe(1);
  expect((await jobs()).at(-1)).toMatchObject({ status: 'failed', attempts: 1, last_error: expect.stringMatching(/^documents\.move\./) as unknown as string });
  expect((await app.ok('documents.get', { id: doc })).stageId).toBe(review);
});

it('a delayed rule runs for the entry that scheduled it: a document that left the stage and came back runs it once, for its new entry', async () => {
  const [review, other] = [await stageAfterDraft('Do przeglądu'), await stageAfterDraft('Gdzie indziej')];
  await app.ok('automation.saveRule', { stageId: review, action: { kind: 'addTag', tag: 'pilne' }, timing: { kind: 'after', minutes: 60 }, enabled: true });
  const doc = await draft('Umowa wracająca');
  await enter(doc, review);
  minutes(10);
  await enter(doc, other);
  minutes(10);
  await enter(doc, review);
  minutes(60);
  const w = worker();
  while ((await w.runDue()) > 0);
  expect((await jobs()).map((j) => [j.status, j.last_error])).toEqual([
    ['skipped', 'automation.leftStage'],
    ['done', null],
  ]);
  expect(await tagsOf(doc)).toEqual(['pilne']);
});

it('an action begun before the document moved on is seen through its retries; a rule turned off meanwhile does not run', async () => {
  let answers = [503, 204];
  const calls: string[] = [];
  const hook = http.createServer((req, res) => {
    calls.push(String(req.headers['idempotency-key']));
    req.resume();
    req.on('end', () => res.writeHead(answers.shift() ?? 204).end());
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  try {
    const [crm, next] = [await stageAfterDraft('Do CRM'), await stageAfterDraft('Dalej')];
    await app.ok('automation.saveRule', { stageId: crm, action: { kind: 'webhook', url: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/`, secretName: 'crm' }, timing: { kind: 'immediately' }, enabled: true });
    await app.ok('automation.saveRule', { stageId: crm, action: { kind: 'moveTo', stageId: next }, timing: { kind: 'immediately' }, enabled: true });
    const tagRule = (await app.ok('automation.saveRule', { stageId: next, action: { kind: 'addTag', tag: 'dalej' }, timing: { kind: 'after', minutes: 30 }, enabled: true })).rules.find((r) => r.stageId === next)!;
    const executors: Executors = { ...storeExecutors, webhook: webhookExecutor({ secretOf: async () => 's3cret', facts: async (id) => ({ id }) }) };
    const w = worker(executors);
    const doc = await draft('Umowa z CRM');
    await enter(doc, crm);
    // The webhook fails once; the move (due a millisecond after it) runs meanwhile.
    clock += 1_000;
    expect(await w.runDue()).toBe(2);
    expect((await app.ok('documents.get', { id: doc })).stageId).toBe(next);
    await app.ok('automation.saveRule', { ...tagRule, enabled: false });
    minutes(31);
    while ((await w.runDue()) > 0);
    expect(calls).toHaveLength(2);
    expect(new Set(calls).size).toBe(1);
    // By due time: the move, the webhook's retry (done on its second attempt, though the card had moved on), the tag.
    expect((await jobs()).map((j) => [j.status, j.attempts, j.last_error])).toEqual([
      ['done', 1, null],
      ['done', 2, null],
      ['skipped', 1, 'automation.disabled'],
    ]);
    expect(await tagsOf(doc)).toEqual([]);
  } finally {
    answers = [];
    await new Promise((resolve) => hook.close(resolve));
  }
});

it("a wait whose own condition does not hold for the document holds nothing back: the stage's later rules run", async () => {
  const review = await stageAfterDraft('Do przeglądu');
  const bigOnly = { match: 'all' as const, tests: [{ field: 'amount' as const, op: 'gt' as const, value: 10_000, currency: 'PLN' }] };
  const approved = { match: 'all' as const, tests: [{ field: 'tag' as const, op: 'contains' as const, value: 'zatwierdzone' }] };
  await app.ok('automation.saveRule', { stageId: review, action: { kind: 'waitFor', condition: approved }, timing: { kind: 'immediately' }, condition: bigOnly, enabled: true });
  await app.ok('automation.saveRule', { stageId: review, action: { kind: 'addTag', tag: 'sprawdzone' }, timing: { kind: 'immediately' }, enabled: true });
  const small = await draft('Mała umowa', { amountMinor: 100_000, currency: 'PLN' });
  await enter(small, review);
  const w = worker();
  while ((await w.runDue()) > 0);
  expect(await tagsOf(small)).toEqual(['sprawdzone']);
  expect((await jobs()).map((j) => [j.status, j.last_error])).toEqual([
    ['skipped', 'automation.conditionNotMet'],
    ['done', null],
  ]);
});
