import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { silentLog } from '../../src-main/app/log';
import { tempDir } from '../../src-main/test-support/temp-services';
import { ruleSyncFields, triggerSyncFields } from '../../src-shared/automation/sync-fields';
import { appendFeed } from '../feed/feed';
import { openServerStore, type ServerStore } from '../store/open-server-store';
import { serverFilesOf } from '../publishing/server-files';
import { createServerAutomation } from './server-automation';

/*
 * Issue 9's figure for the company server's engine (the desktop's, over the server's store): 10,000 handed-over
 * documents each viewed on the portal, firing one trigger (a move into "Przegląd") and, on entering it, one rule (a
 * tag) — actions per second and the lag from the view to the rule's outcome, against the baseline of the same
 * documents each entering the stage (one rule each), in the same run. Every round checks that no action was lost or
 * done twice. On SQLite, or on PostgreSQL with SIGNET_BENCH_DATABASE_URL.
 */
const documents = 10_000;
const review = '3b7f6f0e-0000-4000-8000-00000000000a';
let store: ServerStore;
let round = 0;
let ids: string[] = [];

beforeAll(async () => {
  store = await openServerStore(tempDir('signet-server-automation-bench-'), { databaseUrl: process.env.SIGNET_BENCH_DATABASE_URL });
  const at = new Date().toISOString();
  await store.db.insertInto('devices').values({ id: 'bench', name: 'bench', token_hash: 'x'.repeat(64), created_at: at, last_seen_at: null, revoked_at: null, account_id: null }).execute();
  const trigger = { id: '7c0e0b1e-0000-4000-8000-0000000000b1', stageId: review, event: 'viewed' as const, enabled: true };
  const rule = { id: '7c0e0b1e-0000-4000-8000-0000000000b2', stageId: review, position: 0, action: { kind: 'addTag' as const, tag: 'przegląd' }, timing: { kind: 'immediately' as const }, enabled: true };
  const records: [string, string, Record<string, unknown>][] = [
    ['stage', review, { name: 'Przegląd', color: '#7c3aed', position: 3500, phase: 'counterpartySigning', deleted: false }],
    ['automation_trigger', trigger.id, { ...triggerSyncFields(trigger, review), deleted: false }],
    ['automation_rule', rule.id, { ...ruleSyncFields(rule, review, rule.action), deleted: false }],
  ];
  let seq = 0;
  for (const [entity, id, fields] of records) {
    for (const [key, value] of Object.entries(fields)) {
      await store.db.insertInto('sync_entries').values({ kind: 'field', entity, entity_id: id, key, value: JSON.stringify(value), stamp: '000000000000001-000000-bench', seq: ++seq, device_id: 'bench', accepted_at: at }).execute();
    }
  }
  await store.db.updateTable('sync_counter').set({ last: seq }).where('id', '=', 1).execute();
  ids = Array.from({ length: documents }, () => randomUUID());
  for (let i = 0; i < ids.length; i += 200) {
    const rows = ids.slice(i, i + 200).map((id, j) => ({
      id,
      device_id: 'bench',
      desktop_document_id: randomUUID(),
      title: `Umowa ${i + j + 1}`,
      number: `UM/2026/${i + j + 1}`,
      company_name: 'Zakłady Łódzkie Sp. z o.o.',
      signing_order: 'parallel',
      file_sha256: '0'.repeat(64),
      layout: '{"fields":[]}',
      message: null,
      state: 'open',
      expires_at: '2027-01-01T00:00:00.000Z',
      created_at: at,
      updated_at: at,
      automation: 'server',
      automation_stage: 'key:sentCounterparty',
      automation_stage_at: at,
    }));
    await store.db.insertInto('published_documents').values(rows).execute();
  }
}, 600_000);
afterAll(() => store.close());

async function reset(): Promise<void> {
  await store.db.deleteFrom('automation_jobs').execute();
  await store.db.deleteFrom('document_feed').execute();
  await store.db.updateTable('published_documents').set({ automation_stage: 'key:sentCounterparty' }).execute();
}

async function drain(expectedJobs: number): Promise<void> {
  const worker = createServerAutomation({ store, files: serverFilesOf(store).files, log: silentLog, enqueue: async () => ({ duplicate: false }), timeZone: 'Europe/Warsaw' });
  const started = performance.now();
  while ((await worker.runDue()) > 0);
  const seconds = (performance.now() - started) / 1000;
  const rows = await store.db.selectFrom('automation_jobs').select(['document_id', 'status', 'attempts', 'created_at', 'finished_at', 'source_kind']).execute();
  const bad = rows.filter((r) => r.status !== 'done' || r.attempts !== 1);
  if (rows.length !== expectedJobs || bad.length) throw new Error(`${rows.length} jobs (expected ${expectedJobs}), ${bad.length} not done exactly once`);
  const tagged = await store.db.selectFrom('document_feed').select((eb) => eb.fn.countAll<number>().as('n')).where('type', '=', 'automationRan').where('details', 'like', '%"tag":"przegląd"%').executeTakeFirstOrThrow();
  if (Number(tagged.n) !== documents) throw new Error(`${tagged.n} documents tagged, not ${documents}`);
  const caused = new Map(rows.filter((r) => r.source_kind === 'trigger').map((r) => [r.document_id, Date.parse(r.created_at)]));
  const lags = rows.filter((r) => r.source_kind === 'rule').map((r) => Date.parse(r.finished_at!) - (caused.get(r.document_id) ?? Date.parse(r.created_at))).sort((a, b) => a - b);
  const at = (q: number) => lags[Math.min(lags.length - 1, Math.floor(q * lags.length))]!;
  console.log(`server (${store.dialect}) round ${++round}: ${rows.length} actions, none lost or doubled, ${Math.round(rows.length / seconds)} actions/s by one worker; all ${documents} events written at once, from the event to its rule's outcome p50 ${at(0.5)} ms, p95 ${at(0.95)} ms`);
}

const follow = async (type: 'viewed' | 'stageMoved') => {
  for (const id of ids) {
    await store.db.transaction().execute((trx) =>
      appendFeed(trx, { documentId: id, signerId: null, type, at: new Date().toISOString(), details: type === 'stageMoved' ? { automation: { from: 'key:sentCounterparty', to: review } } : {} }),
    );
  }
};

describe(`server automation: ${documents.toLocaleString('en')} handed-over documents`, () => {
  bench(
    'baseline: one rule each (entering a stage)',
    async () => {
      await reset();
      await store.db.updateTable('published_documents').set({ automation_stage: review }).execute();
      await follow('stageMoved');
      await drain(documents);
    },
    { iterations: 1, time: 0, warmupIterations: 0 },
  );
  bench(
    'a trigger and a rule each (viewed → move → rule)',
    async () => {
      await reset();
      await follow('viewed');
      await drain(2 * documents);
    },
    { iterations: 1, time: 0, warmupIterations: 0 },
  );
});
