import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { base64, resourcesDir, startTestApp, type TestApp } from '../../test-support/temp-services';
import { desktopHost } from '../desktop-host';
import { storeExecutors } from '../executors';
import type { Executor } from './host';
import { createEngineWorker } from './worker';
import type { Database } from '../../store/schema';

/*
 * The engine shared by several processes on one store (the company server's instances on PostgreSQL): a claim is a
 * lease. A job whose process died is taken over once its lease ran out; the process that lost its claim keeps
 * nothing of its run — no outcome, nothing it wrote in the store, no history entry — so the job's effects are the
 * taker's alone. Run here on a desktop's store, with the clock the test's.
 */
let app: TestApp;
let clock: number;
beforeEach(async () => {
  clock = Date.parse('2026-12-03T09:00:00Z');
  app = await startTestApp({ now: () => new Date(clock) });
  await app.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Anna Nowak' });
});
afterEach(() => app.close());

const lease = 60_000;

async function taggingJob(): Promise<{ documentId: string; jobId: string }> {
  const stages = await app.ok('stages.list', {});
  const review = (await app.ok('stages.add', { afterId: stages.find((s) => s.key === 'draft')!.id, name: 'Przegląd', color: '#7c3aed' })).find((s) => s.name === 'Przegląd')!.id;
  await app.ok('automation.saveRule', { stageId: review, action: { kind: 'addTag', tag: 'przegląd' }, timing: { kind: 'immediately' }, enabled: true });
  const sha = (await app.ok('pdf.import', { data: base64(fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf'))) })).sha256;
  const doc = await app.ok('documents.create', { fileSha256: sha, originalName: 'nda-pl.pdf', title: 'Umowa' });
  await app.ok('documents.move', { id: doc.id, stageId: review, version: doc.version });
  const job = await app.context.db.selectFrom('automation_jobs').select('id').where('document_id', '=', doc.id).executeTakeFirstOrThrow();
  return { documentId: doc.id, jobId: job.id };
}

const worker = (executor: Executor<Database> = storeExecutors.addTag!) =>
  createEngineWorker(desktopHost(app.context.db), { now: () => new Date(clock), log: app.context.log, newId: randomUUID, events: app.context.events }, { executors: { ...storeExecutors, addTag: executor }, sharedLeaseMs: lease });

/** A worker whose action holds until released, once it is under way. */
async function stalledRun(): Promise<{ release(): void; first: Promise<number> }> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let started!: () => void;
  const running = new Promise<void>((resolve) => (started = resolve));
  const slow = worker({
    async outside() {
      started();
      await held;
    },
    inStore: storeExecutors.addTag!.inStore!,
  });
  const first = slow.runDue();
  await running;
  return { release, first };
}

it("a process that lost its claim keeps nothing of its run; the job is the taker's, done once", async () => {
  const { documentId, jobId } = await taggingJob();
  // The first process stalls in the action past its lease (a long GC pause, a hung connection).
  const { release, first } = await stalledRun();
  expect((await app.context.db.selectFrom('automation_jobs').select(['status', 'due_at']).where('id', '=', jobId).executeTakeFirstOrThrow()).status).toBe('running');

  // Its lease runs out; another process takes the job over and does it.
  clock += lease + 1_000;
  expect(await worker().runDue()).toBe(1);
  const taken = await app.context.db.selectFrom('automation_jobs').select(['status', 'attempts']).where('id', '=', jobId).executeTakeFirstOrThrow();
  expect(taken).toEqual({ status: 'done', attempts: 2 });

  // The first one comes back: its outcome is refused and what it would have written is rolled back.
  release();
  await first;
  expect(await app.context.db.selectFrom('automation_jobs').select(['status', 'attempts']).where('id', '=', jobId).executeTakeFirstOrThrow()).toEqual(taken);
  const entries = (await app.ok('documents.get', { id: documentId })).events.filter((e) => e.type === 'automationRan');
  expect(entries).toHaveLength(1);
  expect((await app.ok('documents.get', { id: documentId })).tags).toEqual(['przegląd']);
});

it('a live claim is never taken over, and a start does not queue it again', async () => {
  const { jobId } = await taggingJob();
  const { release, first } = await stalledRun();
  const other = worker();
  expect(await other.recover()).toBe(0);
  expect(await other.runDue()).toBe(0);
  release();
  expect(await first).toBe(1);
  expect(await app.context.db.selectFrom('automation_jobs').select(['status', 'attempts']).where('id', '=', jobId).executeTakeFirstOrThrow()).toEqual({ status: 'done', attempts: 1 });
});
