import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { defaultEntryIds } from '../../src-shared/automation/sync-fields';
import { pairDevice } from '../../src-server/test-support/paired-device';
import { enrolAccountDevice } from '../../src-server/test-support/account-device';
import { apiPrefix } from '../../src-shared/company-server/api';
import { pullAnswer, syncPaths } from '../../src-shared/sync/protocol';
import { twoPairedDesktops } from '../test-support/paired-desktops';
import { base64, resourcesDir, startTestApp, type TestApp } from '../test-support/temp-services';
import { runSync } from './sync-run';

/*
 * One pipeline for the company (issue 9): the Automation section's triggers and rules reach every desktop through the
 * company server. Two desktops that both started with the seed's pipeline share it (the same ids), an edit made on
 * one is the other's, stages are mapped to each desktop's own (inside a "move to" too), and a deletion follows.
 */
let a: TestApp;
let b: TestApp;
let both: Awaited<ReturnType<typeof twoPairedDesktops>>;

beforeEach(async () => {
  both = await twoPairedDesktops();
  [a, b] = [both.a.app, both.b.app];
});
afterEach(() => both.close());

const sync = (app: TestApp) => (app === a ? both.a : both.b).sync();
const stageKey = async (app: TestApp, key: string) => (await app.ok('stages.list', {})).find((s) => s.key === key)!.id;

it('the seed pipeline is one pipeline on both desktops; an edit, a new rule on a company stage moving into a Signet stage, and a deletion reach the other', async () => {
  await sync(a);
  await sync(b);
  for (const app of [a, b]) {
    const view = await app.ok('automation.get', {});
    expect(view.triggers.map((t) => t.id).sort()).toEqual([defaultEntryIds.allSignedTrigger, defaultEntryIds.companySignedTrigger]);
    expect(view.rules.map((r) => r.id).sort()).toEqual([defaultEntryIds.mailRule, defaultEntryIds.sendRule]);
  }

  // On A: accounting added to the seed's mail rule; a company stage whose rule moves documents on to "Waiting for company signature".
  const mail = (await a.ok('automation.get', {})).rules.find((r) => r.id === defaultEntryIds.mailRule)!;
  await a.ok('automation.saveRule', { ...mail, action: { kind: 'emailSealed', to: ['ksiegowosc@zaklady.pl'], toParties: true } });
  const review = (await a.ok('stages.add', { afterId: await stageKey(a, 'draft'), name: 'Przegląd prawny', color: '#7c3aed' })).find((s) => s.name === 'Przegląd prawny')!.id;
  const over = { match: 'all' as const, tests: [{ field: 'amount' as const, op: 'gt' as const, value: 10_000, currency: 'PLN' }] };
  const added = (await a.ok('automation.saveRule', { stageId: review, name: 'Dalej do podpisu', action: { kind: 'moveTo', stageId: await stageKey(a, 'waitingCompany') }, timing: { kind: 'after', minutes: 120 }, condition: over, enabled: true })).rules.find((r) => r.stageId === review)!;
  await sync(a);
  await sync(b);

  const onB = await b.ok('automation.get', {});
  expect(onB.rules.find((r) => r.id === defaultEntryIds.mailRule)!.action).toEqual({ kind: 'emailSealed', to: ['ksiegowosc@zaklady.pl'], toParties: true });
  const pulled = onB.rules.find((r) => r.id === added.id)!;
  // B's own "Waiting for company signature", not A's id for it.
  expect(await stageKey(b, 'waitingCompany')).not.toBe(await stageKey(a, 'waitingCompany'));
  expect(pulled).toEqual({ ...added, action: { kind: 'moveTo', stageId: await stageKey(b, 'waitingCompany') } });

  // B turns the seed's send rule off and deletes the company rule: A follows.
  const send = onB.rules.find((r) => r.id === defaultEntryIds.sendRule)!;
  await b.ok('automation.saveRule', { ...send, enabled: false });
  await b.ok('automation.deleteRule', { id: added.id });
  await sync(b);
  await sync(a);
  const onA = await a.ok('automation.get', {});
  expect(onA.rules.find((r) => r.id === defaultEntryIds.sendRule)!.enabled).toBe(false);
  expect(onA.rules.some((r) => r.id === added.id)).toBe(false);
  expect(onA.rules).toHaveLength(2);
});

it("a desktop set up later does not undo the company's edit of the seed, a seed entry deleted before the first sync stays deleted everywhere, and a rule moving into a deleted stage is turned off, not lost", async () => {
  // A, offline from the start: deletes the seed's send rule; edits the seed's mail rule; sets up a stage with a rule moving into another.
  await a.ok('automation.deleteRule', { id: defaultEntryIds.sendRule });
  const mail = (await a.ok('automation.get', {})).rules.find((r) => r.id === defaultEntryIds.mailRule)!;
  await a.ok('automation.saveRule', { ...mail, action: { kind: 'emailSealed', to: ['ksiegowosc@zaklady.pl'], toParties: true } });
  const add = async (name: string) => (await a.ok('stages.add', { afterId: await stageKey(a, 'draft'), name, color: '#7c3aed' })).find((s) => s.name === name)!.id;
  const [legal, parked] = [await add('Dział prawny'), await add('Odłożone')];
  const onward = (await a.ok('automation.saveRule', { stageId: legal, action: { kind: 'moveTo', stageId: parked }, timing: { kind: 'immediately' }, enabled: true })).rules.find((r) => r.stageId === legal)!;
  await sync(a);
  // C, a desktop set up only now, still has the seed as it started: it does not win by being set up later.
  const c = await startTestApp();
  try {
    await c.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Ewa Zielińska' });
    const targetC = { url: both.server.url, token: (await pairDevice(both.server, 'Laptop C')).token };
    await runSync(c.context, targetC);
    await sync(a);
    await runSync(c.context, targetC);
    for (const app of [a, c]) {
      const view = await app.ok('automation.get', {});
      expect(view.rules.some((r) => r.id === defaultEntryIds.sendRule)).toBe(false);
      expect(view.rules.find((r) => r.id === defaultEntryIds.mailRule)!.action).toEqual({ kind: 'emailSealed', to: ['ksiegowosc@zaklady.pl'], toParties: true });
    }
  } finally {
    await c.close();
  }
  await sync(b);
  for (const app of [a, b]) {
    const view = await app.ok('automation.get', {});
    expect(view.rules.some((r) => r.id === defaultEntryIds.sendRule)).toBe(false);
    expect(view.rules.find((r) => r.id === defaultEntryIds.mailRule)!.action).toEqual({ kind: 'emailSealed', to: ['ksiegowosc@zaklady.pl'], toParties: true });
  }

  // A deletes the stage the rule moved into: the rule is turned off on A and, after a sync, on B — still there on both.
  await a.ok('stages.delete', { id: parked });
  await sync(a);
  await sync(b);
  for (const app of [a, b]) expect((await app.ok('automation.get', {})).rules.find((r) => r.id === onward.id)).toMatchObject({ enabled: false });
});

it("an automation notice reaches its employee's own desktop and is read everywhere once read there; another employee's desktop never pulls it", async () => {
  await sync(a);
  await sync(b);
  await sync(a);
  const piotr = both.b.userId;
  const review = (await a.ok('stages.add', { afterId: await stageKey(a, 'draft'), name: 'Do przeglądu', color: '#7c3aed' })).find((s) => s.name === 'Do przeglądu')!.id;
  await a.ok('automation.saveRule', { stageId: review, action: { kind: 'notify', userId: piotr, message: 'Umowa czeka na Twój przegląd', email: false }, timing: { kind: 'immediately' }, enabled: true });
  const sha = (await a.ok('pdf.import', { data: base64(fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf'))) })).sha256;
  const doc = await a.ok('documents.create', { fileSha256: sha, originalName: 'nda-pl.pdf', title: 'Umowa do przeglądu' });
  await a.ok('documents.move', { id: doc.id, stageId: review, version: doc.version });
  expect(await a.automation.runDue()).toBeGreaterThan(0);
  // Anna's desktop ran the rule; the notice is Piotr's, so her list does not show it.
  expect(await a.ok('notices.list', {})).toEqual([]);

  await sync(a);
  await sync(b);
  const onB = await b.ok('notices.list', {});
  expect(onB.map((n) => [n.documentId, n.text, n.read])).toEqual([[doc.id, 'Umowa czeka na Twój przegląd', false]]);
  await b.ok('notices.markRead', { ids: onB.map((n) => n.id) });
  await sync(b);
  await sync(a);
  const readAt = async (app: TestApp) => (await app.context.db.selectFrom('notices').select('read_at').where('id', '=', onB[0]!.id).executeTakeFirstOrThrow()).read_at;
  expect(await readAt(b)).toMatch(/^\d{4}-/);
  expect(await readAt(a)).toBe(await readAt(b));

  // Ewa, an employee with her own account, pulls everything she may see, and no notice is among it.
  const ewa = await enrolAccountDevice(both.server, { name: 'Ewa Zielińska', email: 'ewa@zaklady.pl' });
  const pulled = pullAnswer.parse(await (await ewa.fetch(`${apiPrefix}${syncPaths.pull}?after=0`)).json());
  expect(pulled.entries.length).toBeGreaterThan(0);
  expect(pulled.entries.filter((e) => e.kind === 'field' && e.change.entity === 'notice')).toEqual([]);
});
