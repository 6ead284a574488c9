import { afterAll, beforeAll, bench, describe } from 'vitest';
import { eventHash } from '../evidence/chain';
import { pairDevice } from '../../src-server/test-support/paired-device';
import { createPostgresDatabase } from '../../src-server/test-support/postgres';
import { startTestServer, type TestServer } from '../../src-server/test-support/test-server';
import { startTestApp, type TestApp } from '../test-support/temp-services';
import { runSync } from './sync-run';
import { accountById } from '../../src-server/accounts/accounts';
import { builtinAdministratorId } from '../../src-server/accounts/builtin-administrator';
import { acceptPush } from '../../src-server/sync/sync-exchange';
import { enrolAccountDevice } from '../../src-server/test-support/account-device';
import { builtinRoleId } from '../../src-shared/permissions/roles';
import { encodeStamp } from '../../src-shared/sync/hlc';
import type { SyncTarget } from './sync-transport';

/*
 * Issue 7's sync figures: the first pull of 10,000 documents with 50,000 history events into an empty desktop (goal
 * ≤ 5 s), and a steady-state push of 1,000 changed records. The company server runs in this process on PostgreSQL (a
 * throwaway cluster, test-support/postgres.ts) and on SQLite, the baseline; each desktop is a real store in a temp
 * folder.
 */
const documents = 10_000;
const eventsPerDocument = 5;

interface World {
  server: TestServer;
  source: TestApp;
  target: () => Promise<SyncTarget>;
  /** A new device of a Manager of Sprzedaż: the server sends only that department's documents (issue 8). */
  managerTarget: () => Promise<SyncTarget>;
  /** How many documents Sprzedaż has. */
  departmentDocuments: number;
}

const worlds: Record<string, World> = {};

const backends: Record<string, () => Promise<string | undefined>> = {
  'SQLite server (baseline)': () => Promise.resolve(undefined),
  'PostgreSQL server': () => createPostgresDatabase('bench'),
};

async function world(databaseUrl: string | undefined): Promise<World> {
  const server = await startTestServer(databaseUrl ? { databaseUrl } : {});
  // Demo seeding makes 3 documents of its own; 9,997 more make 10,000.
  const source = await startTestApp({ demo: true, demoDocuments: documents - 3 });
  await addHistory(source);
  const paired = await pairDevice(server, 'Źródło');
  await runSync(source.context, { url: server.url, token: paired.token });
  const manager = await enrolAccountDevice(server, { name: 'Marek Kierownik', email: 'marek@zaklady.pl', department: 'Sprzedaż' });
  const holding = `user|${builtinRoleId('manager')}|${manager.account.id}`;
  const admin = { deviceId: paired.deviceId, account: (await accountById(server.store.db, await builtinAdministratorId(server.store.db)))! };
  const stamp = encodeStamp({ wall: Date.now(), counter: 0, node: 'bench' });
  await acceptPush(server.store.db, admin, { fields: [{ entity: 'role_assignment', id: holding, field: 'subject_kind', value: 'user', stamp }], events: [] }, new Date().toISOString());
  const departmentDocuments = (await source.context.db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).where('department', '=', 'Sprzedaż').executeTakeFirstOrThrow()).n;
  return {
    server,
    source,
    target: async () => ({ url: server.url, token: (await pairDevice(server, 'Nowy laptop')).token }),
    managerTarget: () => Promise.resolve({ url: server.url, token: manager.token }),
    departmentDocuments: Number(departmentDocuments),
  };
}

/** Four more entries in every document's history (5 each, 50,000 in all), chained as appendDocumentEvent chains them. */
async function addHistory(app: TestApp): Promise<void> {
  const last = await app.context.db.selectFrom('document_events').select(['document_id', 'seq', 'hash', 'at']).execute();
  const rows = last.flatMap((e) => {
    let prev = e.hash;
    return Array.from({ length: eventsPerDocument - 1 }, (_, i) => {
      const event = { at: e.at, type: 'note', actor: 'Anna Nowak', details: { text: `Uwaga ${i + 1}` } };
      const hash = eventHash(prev, event);
      const row = { document_id: e.document_id, seq: e.seq + i + 1, at: event.at, type: event.type, actor: event.actor, details: JSON.stringify(event.details), prev_hash: prev, hash };
      prev = hash;
      return row;
    });
  });
  await app.context.db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 1000) await trx.insertInto('document_events').values(rows.slice(i, i + 1000)).execute();
  });
}

beforeAll(async () => {
  for (const [name, url] of Object.entries(backends)) worlds[name] = await world(await url());
}, 900_000);
afterAll(async () => {
  for (const w of Object.values(worlds)) {
    await w.source.close();
    await w.server.close();
  }
});

describe(`initial pull: ${documents.toLocaleString('en')} documents, ${(documents * eventsPerDocument).toLocaleString('en')} events, into an empty desktop`, () => {
  for (const name of Object.keys(backends)) {
    bench(
      name,
      async () => {
        const w = worlds[name]!;
        const fresh = await startTestApp();
        try {
          const result = await runSync(fresh.context, await w.target());
          if (result.documents.length !== documents) throw new Error(`pulled ${result.documents.length} documents, not ${documents}`);
        } finally {
          await fresh.close();
        }
      },
      { iterations: 2, time: 0, warmupIterations: 0 },
    );
  }
});

describe(`initial pull kept to access permissions: a Manager of one department of six, on the SQLite server`, () => {
  const name = 'SQLite server (baseline)';
  const pullAs = (target: (w: World) => Promise<SyncTarget>, expected: (w: World) => number) => async () => {
    const w = worlds[name]!;
    const fresh = await startTestApp();
    try {
      const result = await runSync(fresh.context, await target(w));
      if (result.documents.length !== expected(w)) throw new Error(`pulled ${result.documents.length} documents, not ${expected(w)}`);
    } finally {
      await fresh.close();
    }
  };
  bench('administrator: every document (baseline)', pullAs((w) => w.target(), () => documents), { iterations: 2, time: 0, warmupIterations: 0 });
  bench("Manager: the department's documents only, filtered in the query", pullAs((w) => w.managerTarget(), (w) => w.departmentDocuments), { iterations: 2, time: 0, warmupIterations: 0 });
});

describe('steady push: 1,000 changed documents', () => {
  for (const name of Object.keys(backends)) {
    let round = 0;
    bench(
      name,
      async () => {
        const w = worlds[name]!;
        round += 1;
        const ids = (await w.source.context.db.selectFrom('documents').select('id').orderBy('id').limit(1000).execute()).map((r) => r.id);
        await w.source.context.db.updateTable('documents').set({ department: `Dział ${round}` }).where('id', 'in', ids).execute();
        const result = await runSync(w.source.context, await w.target());
        if (result.pushed !== 1000) throw new Error(`pushed ${result.pushed} changes, not 1,000`);
      },
      { iterations: 5, time: 0, warmupIterations: 0 },
    );
  }
});
