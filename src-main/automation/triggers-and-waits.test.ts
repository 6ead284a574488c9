import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { SmtpSink } from '../test-support/smtp-sink';
import { base64, resourcesDir, startTestApp, type TestApp } from '../test-support/temp-services';

/*
 * The triggers on what is not a signature (issue 9): a field or amount condition met as the document is edited, an
 * e-mail bounced by the recipient's server (a real SMTP server on loopback refusing the mailbox); a rule that waits
 * for a condition and holds the stage's later rules until it holds; a reminder a day after the document entered the
 * stage, by the app's clock.
 */
let app: TestApp;
let clock: number;
let sink: SmtpSink;
let admin: string;

beforeEach(async () => {
  clock = Date.parse('2026-12-03T09:00:00Z');
  sink = await new SmtpSink({ rejectRecipients: new Set(['nieznany@zaklady.pl']) }).start();
  app = await startTestApp({ now: () => new Date(clock), outbox: { autoStart: false } });
  admin = (await app.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Anna Nowak', userEmail: 'anna@zaklady.pl' })).user.id;
  await app.ok('mail.settings.save', { host: '127.0.0.1', port: sink.port, security: 'none', fromAddress: 'biuro@zaklady.pl' });
});
afterEach(async () => {
  await app.close();
  await sink.stop();
});

const stageKey = async (key: string) => (await app.ok('stages.list', {})).find((s) => s.key === key)!.id;
const addStage = async (afterKey: string, name: string) => (await app.ok('stages.add', { afterId: await stageKey(afterKey), name, color: '#0ea5e9' })).find((s) => s.name === name)!.id;
const runAll = async () => {
  for (let i = 0; i < 20 && (await app.automation.runDue()) + (await app.outbox.runDue()) > 0; i++);
};
async function draft(title: string, extra: Record<string, unknown> = {}) {
  const sha = (await app.ok('pdf.import', { data: base64(fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf'))) })).sha256;
  return app.ok('documents.create', { fileSha256: sha, originalName: 'nda-pl.pdf', title, ...extra });
}
const stageOf = async (id: string) => (await app.ok('documents.get', { id })).stageId;
const tagsOf = async (id: string) => (await app.ok('documents.get', { id })).tags;

it('a condition trigger moves a document once an edit makes the condition hold, and not before', async () => {
  const big = await addStage('draft', 'Duże umowy');
  const over = { match: 'all' as const, tests: [{ field: 'amount' as const, op: 'gt' as const, value: 10_000, currency: 'PLN' }] };
  await app.ok('automation.saveTrigger', { stageId: big, event: 'conditionMet', condition: over, enabled: true });
  const doc = await draft('Umowa ramowa', { amountMinor: 500_000, currency: 'PLN' });
  const edited = await app.ok('documents.update', { id: doc.id, version: doc.version, title: 'Umowa ramowa', amountMinor: 900_000, currency: 'PLN' });
  await runAll();
  expect(await stageOf(doc.id)).toBe(await stageKey('draft'));
  await app.ok('documents.update', { id: doc.id, version: edited.version, title: 'Umowa ramowa', amountMinor: 1_500_000, currency: 'PLN' });
  await runAll();
  expect(await stageOf(doc.id)).toBe(big);
  expect((await app.ok('automation.log', { documentId: doc.id, limit: 10 })).map((r) => [r.status, r.reason ?? ''])).toEqual([['done', '']]);

  // Dragged back by a person, it stays there: an edit while the condition still holds fires nothing.
  const moved = await app.ok('documents.move', { id: doc.id, stageId: await stageKey('draft'), version: (await app.ok('documents.get', { id: doc.id })).version });
  await app.ok('documents.update', { id: doc.id, version: moved.version, title: 'Umowa ramowa (popr.)', amountMinor: 1_500_000, currency: 'PLN' });
  await runAll();
  expect(await stageOf(doc.id)).toBe(await stageKey('draft'));
  expect(await app.ok('automation.log', { documentId: doc.id, limit: 10 })).toHaveLength(1);
});

it('an e-mail the recipient’s server refuses is noted in the document’s history, and the bounce trigger moves the card', async () => {
  const bounced = await addStage('draft', 'Błędny adres');
  const review = await addStage('draft', 'Do akceptacji');
  const wrong = (await app.ok('users.add', { name: 'Ktoś Nieznany', email: 'nieznany@zaklady.pl', isAdmin: false, isSigner: false })).id;
  await app.ok('automation.saveRule', { stageId: review, action: { kind: 'notify', userId: wrong, email: true }, timing: { kind: 'immediately' }, enabled: true });
  await app.ok('automation.saveTrigger', { stageId: bounced, event: 'emailBounced', enabled: true });
  const doc = await draft('Umowa najmu');
  await app.ok('documents.move', { id: doc.id, stageId: review, version: doc.version });
  await runAll();
  expect(sink.received).toEqual([]);
  const events = (await app.ok('documents.get', { id: doc.id })).events;
  expect(events.find((e) => e.type === 'deliveryFailed')?.details).toMatchObject({ channel: 'email', to: 'nieznany@zaklady.pl', purpose: 'automationNotice', reason: expect.stringContaining('550') as string });
  expect(await stageOf(doc.id)).toBe(bounced);
});

it('a wait holds the later rules until its condition holds; the document’s change wakes it', async () => {
  const approval = await addStage('draft', 'Akceptacja');
  const approved = { match: 'all' as const, tests: [{ field: 'tag' as const, op: 'contains' as const, value: 'zatwierdzone' }] };
  await app.ok('automation.saveRule', { stageId: approval, action: { kind: 'waitFor', condition: approved }, timing: { kind: 'immediately' }, enabled: true });
  await app.ok('automation.saveRule', { stageId: approval, action: { kind: 'addTag', tag: 'do-wysyłki' }, timing: { kind: 'immediately' }, enabled: true });
  const doc = await draft('Umowa licencyjna');
  await app.ok('documents.move', { id: doc.id, stageId: approval, version: doc.version });
  await runAll();
  expect(await tagsOf(doc.id)).toEqual([]);
  expect((await app.ok('automation.log', { documentId: doc.id, limit: 10 })).map((r) => [r.action, r.status, r.reason])).toEqual([['waitFor', 'queued', 'automation.waiting']]);
  // An hour later nothing has changed: looked at again, still waiting, and no attempt counted.
  clock += 61 * 60_000;
  await runAll();
  expect((await app.ok('automation.log', { documentId: doc.id, limit: 10 }))[0]).toMatchObject({ status: 'queued', attempts: 0 });

  const current = await app.ok('documents.get', { id: doc.id });
  await app.ok('documents.update', { id: doc.id, version: current.version, title: current.title, tags: ['zatwierdzone'] });
  await runAll();
  expect((await tagsOf(doc.id)).sort()).toEqual(['do-wysyłki', 'zatwierdzone']);
  expect((await app.ok('automation.log', { documentId: doc.id, limit: 10 })).map((r) => [r.action, r.status])).toEqual([
    ['addTag', 'done'],
    ['waitFor', 'done'],
  ]);
});

it('a reminder a day after the document entered its stage reaches the signer whose turn it is, once, by e-mail', async () => {
  const waiting = await stageKey('waitingCompany');
  await app.ok('automation.saveRule', { stageId: waiting, action: { kind: 'remind' }, timing: { kind: 'after', minutes: 24 * 60 }, enabled: true });
  const doc = await draft('Umowa o dzieło', { companySignerIds: [admin] });
  const channels = Object.fromEntries(doc.signers.map((s) => [String(s.id), 'app' as const]));
  await app.ok('signing.send', { id: doc.id, version: doc.version, order: 'companyFirst', channels });
  await runAll();
  expect(sink.received).toEqual([]);
  clock += 24 * 60 * 60_000 + 1_000;
  await runAll();
  clock += 60 * 60_000;
  await runAll();
  expect(sink.received.map((m) => m.to)).toEqual(['anna@zaklady.pl']);
  expect((await app.ok('automation.log', { documentId: doc.id, limit: 10 })).find((r) => r.action === 'remind')).toMatchObject({ status: 'done', attempts: 1 });
});

it('triggers move forward, as in Bitrix24: of two on one event the document ends in the later stage whatever their order; one into an earlier stage moves it back only when it allows that', async () => {
  const a = await addStage('draft', 'Etap A');
  const b = await addStage('draft', 'Etap B');
  // The board: Draft, Etap B, Etap A. The triggers' ids (their order) are random.
  const over = { match: 'all' as const, tests: [{ field: 'amount' as const, op: 'gt' as const, value: 10_000, currency: 'PLN' }] };
  for (const stageId of [b, a]) await app.ok('automation.saveTrigger', { stageId, event: 'conditionMet', condition: over, enabled: true });
  let doc = await draft('Umowa ramowa', { amountMinor: 500_000, currency: 'PLN' });
  const amount = async (minor: number) => {
    doc = await app.ok('documents.update', { id: doc.id, version: (await app.ok('documents.get', { id: doc.id })).version, title: 'Umowa ramowa', amountMinor: minor, currency: 'PLN' });
    await runAll();
  };
  await amount(1_500_000);
  expect(await stageOf(doc.id)).toBe(a);

  // In Etap A, the condition comes to hold again: Etap B's trigger would take it back, and does not.
  await amount(100_000);
  await amount(2_000_000);
  expect(await stageOf(doc.id)).toBe(a);
  const runs = await app.ok('automation.log', { documentId: doc.id, limit: 10 });
  expect(runs.slice(0, 2).map((r) => r.reason ?? '').sort()).toEqual(['automation.alreadyInStage', 'automation.notBackward']);
  // The dry run says the same of Etap B's trigger.
  const preview = await app.ok('automation.dryRun', { documentId: doc.id });
  expect(preview.steps.filter((s) => s.sourceKind === 'trigger').map((s) => [s.params?.stageId, s.outcome, s.messageKey ?? ''])).toContainEqual([b, 'refused', 'automation.notBackward']);

  // Allowed back (and Etap A's turned off), Etap B's trigger takes it there.
  const { triggers } = await app.ok('automation.get', {});
  await app.ok('automation.saveTrigger', { ...triggers.find((t) => t.stageId === b)!, allowBack: true });
  await app.ok('automation.saveTrigger', { ...triggers.find((t) => t.stageId === a)!, enabled: false });
  await amount(100_000);
  await amount(2_000_000);
  expect(await stageOf(doc.id)).toBe(b);
});
