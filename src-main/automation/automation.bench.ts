import { afterAll, beforeAll, bench, describe } from 'vitest';
import { startTestApp, type TestApp } from '../test-support/temp-services';
import { createAutomationWorker } from './automation-worker';
import { storeExecutors } from './executors';
import { scheduleEntry, scheduleTriggers } from './schedule-jobs';

/*
 * Issue 9's figure: 10,000 documents each firing one trigger (a move into "Przegląd") and, on entering it, one rule (a
 * tag), run by the worker on a real store — actions per second and the lag from the event to the rule's action,
 * against the baseline of the same documents running one rule each, in the same run. Every run checks that no action
 * was lost or done twice.
 */
const documents = 10_000;
let app: TestApp;
let review = '';
let round = 0;

beforeAll(async () => {
  app = await startTestApp({ demo: true, demoDocuments: documents - 3 });
  const stages = await app.ok('stages.list', {});
  const draft = stages.find((s) => s.key === 'draft')!.id;
  review = (await app.ok('stages.add', { afterId: draft, name: 'Przegląd', color: '#7c3aed' })).find((s) => s.name === 'Przegląd')!.id;
  // Every document a draft, so every move into "Przegląd" is one the lifecycle allows.
  await app.context.db.updateTable('documents').set({ stage_id: draft }).execute();
  await app.context.db.deleteFrom('automation_rules').execute();
  await app.context.db.deleteFrom('automation_triggers').execute();
  await app.ok('automation.saveTrigger', { stageId: review, event: 'conditionMet', condition: { match: 'all', tests: [{ field: 'title', op: 'contains', value: '' }] }, enabled: true });
  await app.ok('automation.saveRule', { stageId: review, action: { kind: 'addTag', tag: 'przegląd' }, timing: { kind: 'immediately' }, enabled: true });
}, 300_000);
afterAll(() => app.close());

async function reset(): Promise<string[]> {
  const draft = (await app.ok('stages.list', {})).find((s) => s.key === 'draft')!.id;
  await app.context.db.updateTable('documents').set({ stage_id: draft }).execute();
  await app.context.db.deleteFrom('document_tags').where('tag', '=', 'przegląd').execute();
  await app.context.db.deleteFrom('automation_jobs').execute();
  return (await app.context.db.selectFrom('documents').select('id').execute()).map((d) => d.id);
}

async function drain(expectedJobs: number): Promise<void> {
  const worker = createAutomationWorker(app.context, { executors: storeExecutors, timeZone: 'Europe/Warsaw' });
  const started = performance.now();
  while ((await worker.runDue()) > 0);
  const seconds = (performance.now() - started) / 1000;
  const rows = await app.context.db.selectFrom('automation_jobs').select(['document_id', 'status', 'attempts', 'created_at', 'finished_at', 'source_kind']).execute();
  const bad = rows.filter((r) => r.status !== 'done' || r.attempts !== 1);
  if (rows.length !== expectedJobs || bad.length) throw new Error(`${rows.length} jobs (expected ${expectedJobs}), ${bad.length} not done exactly once`);
  const tagged = await app.context.db.selectFrom('document_tags').select((eb) => eb.fn.countAll<number>().as('n')).where('tag', '=', 'przegląd').executeTakeFirstOrThrow();
  if (Number(tagged.n) !== documents) throw new Error(`${tagged.n} documents tagged, not ${documents}`);
  // From the event (the trigger's job written with it; without a trigger, the entry) to the rule's action done.
  const caused = new Map(rows.filter((r) => r.source_kind === 'trigger').map((r) => [r.document_id, Date.parse(r.created_at)]));
  const lags = rows.filter((r) => r.source_kind === 'rule').map((r) => Date.parse(r.finished_at!) - (caused.get(r.document_id) ?? Date.parse(r.created_at))).sort((a, b) => a - b);
  const at = (q: number) => lags[Math.min(lags.length - 1, Math.floor(q * lags.length))]!;
  console.log(`round ${++round}: ${rows.length} actions, none lost or doubled, ${Math.round(rows.length / seconds)} actions/s by one worker; with all ${documents} events written at once, from the event to its rule's action p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${lags.at(-1)} ms`);
}

describe(`automation: ${documents.toLocaleString('en')} documents`, () => {
  bench(
    'baseline: one rule each (entering a stage)',
    async () => {
      const ids = await reset();
      // In the stage already, as the move that entered it would have left them (a rule runs only in its stage).
      await app.context.db.updateTable('documents').set({ stage_id: review }).execute();
      for (const id of ids) await app.context.db.transaction().execute((trx) => scheduleEntry(trx, { documentId: id, stageId: review, cause: `bench:${round}`, at: new Date(), timeZone: 'Europe/Warsaw', newId: app.context.newId }));
      await drain(documents);
    },
    { iterations: 1, time: 0, warmupIterations: 0 },
  );
  bench(
    'a trigger and a rule each (event → move → rule)',
    async () => {
      const ids = await reset();
      for (const id of ids) await app.context.db.transaction().execute((trx) => scheduleTriggers(trx, { documentId: id, event: 'conditionMet', cause: `bench:${round}`, at: new Date(), newId: app.context.newId }));
      await drain(2 * documents);
    },
    { iterations: 1, time: 0, warmupIterations: 0 },
  );
});

/**
 * The lag a person sees: the worker running (started as the app starts it, woken by the move's own event), one board
 * move at a time into the stage, each waited for — from the move's history entry to its rule's action done.
 */
describe('automation: one event at a time, the worker running', () => {
  const events = 200;
  bench(
    `${events} moves, each until its rule ran`,
    async () => {
      const ids = (await reset()).slice(0, events);
      const worker = createAutomationWorker(app.context, { executors: storeExecutors, timeZone: 'Europe/Warsaw' });
      worker.start();
      try {
        for (const id of ids) {
          const { version } = await app.ok('documents.get', { id });
          await app.ok('documents.move', { id, stageId: review, version });
          for (let tries = 0; ; tries++) {
            const job = await app.context.db.selectFrom('automation_jobs').select('status').where('document_id', '=', id).where('source_kind', '=', 'rule').executeTakeFirst();
            if (job?.status === 'done') break;
            if (tries > 5_000) throw new Error(`the rule for ${id} did not run`);
            await new Promise((r) => setTimeout(r, 1));
          }
        }
      } finally {
        await worker.stop();
      }
      const rows = await app.context.db.selectFrom('automation_jobs').select(['created_at', 'finished_at']).where('source_kind', '=', 'rule').execute();
      if (rows.length !== events) throw new Error(`${rows.length} rule jobs, not ${events}`);
      const lags = rows.map((r) => Date.parse(r.finished_at!) - Date.parse(r.created_at)).sort((a, b) => a - b);
      const at = (q: number) => lags[Math.min(lags.length - 1, Math.floor(q * lags.length))]!;
      console.log(`live: ${events} moves one at a time, from the move to its rule's action p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${lags.at(-1)} ms`);
    },
    { iterations: 1, time: 0, warmupIterations: 0 },
  );
});

