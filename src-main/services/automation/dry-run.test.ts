import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { base64, resourcesDir, startTestApp, type TestApp } from '../../test-support/temp-services';

/*
 * The dry run says what the engine would do, and writes nothing: the same conditions, the same waits (only one that
 * applies and does not hold holds the later rules back), a move into Signed waiting for its seal, a trigger finding
 * the card already in its stage.
 */
let app: TestApp;
beforeEach(async () => {
  app = await startTestApp();
  await app.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Anna Nowak' });
});
afterEach(() => app.close());

const stageKey = async (key: string) => (await app.ok('stages.list', {})).find((s) => s.key === key)!.id;
async function draft(title: string, tags: string[] = []) {
  const { sha256 } = await app.ok('pdf.import', { data: base64(fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf'))) });
  const doc = await app.ok('documents.create', { fileSha256: sha256, originalName: 'nda.pdf', title });
  if (tags.length) await app.ok('documents.update', { id: doc.id, version: doc.version, title, tags });
  return doc.id;
}

it('shows each rule of the stage by its timing and condition, a wait holding back only when it applies, and each trigger; nothing is written', async () => {
  const review = (await app.ok('stages.add', { afterId: await stageKey('draft'), name: 'Akceptacja', color: '#7c3aed' })).find((s) => s.name === 'Akceptacja')!.id;
  const approved = { match: 'all' as const, tests: [{ field: 'tag' as const, op: 'contains' as const, value: 'zatwierdzone' }] };
  await app.ok('automation.saveRule', { stageId: review, action: { kind: 'waitFor', condition: approved }, timing: { kind: 'immediately' }, enabled: true });
  await app.ok('automation.saveRule', { stageId: review, action: { kind: 'addTag', tag: 'do-wysyłki' }, timing: { kind: 'after', minutes: 90 }, enabled: true });
  await app.ok('automation.saveRule', { stageId: review, action: { kind: 'moveTo', stageId: await stageKey('signed') }, timing: { kind: 'immediately' }, enabled: true });
  const waiting = await draft('Czeka na akceptację');
  const ready = await draft('Zaakceptowana', ['zatwierdzone']);

  const steps = async (documentId: string) => (await app.ok('automation.dryRun', { documentId, stageId: review })).steps.filter((s) => s.sourceKind === 'rule').map((s) => [s.action, s.outcome, s.messageKey ?? '']);
  expect(await steps(waiting)).toEqual([
    ['waitFor', 'waitsFor', ''],
    ['addTag', 'waitsFor', ''],
    ['moveTo', 'waitsFor', ''],
  ]);
  expect(await steps(ready)).toEqual([
    ['waitFor', 'wouldRun', ''],
    ['addTag', 'wouldRun', ''],
    ['moveTo', 'refused', expect.stringMatching(/^documents\.move\./)],
  ]);
  const run = await app.ok('automation.dryRun', { documentId: ready, stageId: review });
  const tag = run.steps.find((s) => s.action === 'addTag')!;
  expect(Date.parse(tag.dueAt!) - Date.now()).toBeGreaterThan(89 * 60_000);
  // The seed's triggers, as if their events happened now: with no company signer to wait for, on to the
  // counterparty; into Signed, refused (nobody has signed).
  expect(run.steps.filter((s) => s.sourceKind === 'trigger').map((s) => [s.event, s.outcome])).toEqual([
    ['companySigned', 'wouldRun'],
    ['allSigned', 'refused'],
  ]);
  expect(await app.context.db.selectFrom('automation_jobs').selectAll().execute()).toEqual([]);
  expect((await app.ok('documents.get', { id: ready })).events.map((e) => e.type)).toEqual(['created', 'updated']);
});
