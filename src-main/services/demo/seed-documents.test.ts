import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phases } from '../../../src-shared/documents/lifecycle';
import { startTestApp, type TestApp } from '../../test-support/temp-services';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ demo: true, demoDocuments: 10_000 });
}, 120_000);
afterAll(async () => {
  await app.close();
});

describe('demo documents at scale', () => {
  it('fills 10,000 documents over every stage; the board counts them, pages them and a move persists', async () => {
    const board = await app.ok('board.get', { pageSize: 20 });
    expect(board.columns.reduce((n, c) => n + c.count, 0)).toBe(10_003);
    for (const phase of phases) expect(board.columns.find((c) => c.stage.phase === phase)!.count, phase).toBeGreaterThan(0);
    const draft = board.columns.find((c) => c.stage.key === 'draft')!;
    expect(draft.cards).toHaveLength(20);
    const waiting = board.columns.find((c) => c.stage.key === 'waitingCompany')!;
    const card = draft.cards[5]!;
    await app.ok('documents.move', { id: card.id, stageId: waiting.stage.id, version: card.version });
    const after = await app.ok('board.get', { pageSize: 20 });
    expect(after.columns.find((c) => c.stage.key === 'waitingCompany')!.count).toBe(waiting.count + 1);
    expect((await app.ok('documents.get', { id: card.id })).chainIntact).toBe(true);
  });

  it('numbers never repeat, signer statuses fit the stage, and search works across the whole store', async () => {
    const numbers = await app.context.db.selectFrom('documents').select('number').execute();
    expect(new Set(numbers.map((n) => n.number)).size).toBe(numbers.length);
    const signedTooEarly = await app.context.db
      .selectFrom('document_signers')
      .innerJoin('documents', 'documents.id', 'document_signers.document_id')
      .innerJoin('document_stages', 'document_stages.id', 'documents.stage_id')
      .select('documents.id')
      .where('document_stages.phase', '=', 'draft')
      .where('document_signers.status', '=', 'signed')
      .execute();
    expect(signedTooEarly).toEqual([]);
    const found = await app.ok('documents.list', { filter: { query: 'aneks' }, limit: 5 });
    expect(found.total).toBeGreaterThan(100);
    expect(found.items.every((d) => /aneks/i.test(d.title) || d.tags.includes('aneks'))).toBe(true);
  });
});
