import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { makePng } from '../test-support/png';
import { base64, resourcesDir, startTestApp, type TestApp } from '../test-support/temp-services';
import { ensureCompanyIdentity } from '../services/identity/company-identity';
import { signAsSigner } from '../services/signing/sign';

/*
 * The engine wired to the app (issue 9): the history entries of real sends, signatures and seals write the jobs, and
 * the app's worker (the one startServices makes, with the real executors) runs them. The seed's default pipeline;
 * a company's own stage taking over with a trigger; a Draft sent by a rule; a condition on the amount.
 */
let app: TestApp;
let admin: string;
let director: string;
let contact: string;
const signature = makePng(40, 12).toString('base64');

beforeEach(async () => {
  app = await startTestApp();
  admin = (await app.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Anna Nowak' })).user.id;
  director = (await app.ok('users.add', { name: 'Piotr Wiśniewski', email: 'dyrektor@zaklady.pl', isAdmin: false, isSigner: true })).id;
  contact = (await app.ok('contacts.create', { fields: { kind: 'client', firstName: 'Jan', lastName: 'Kowalski', companyName: 'Drukarnia Bałtycka', email: 'jan@example.pl' } })).id;
});
afterEach(() => app.close());

const stages = async () => app.ok('stages.list', {});
const stageKey = async (key: string) => (await stages()).find((s) => s.key === key)!.id;
const runAll = async () => {
  let passes = 0;
  while ((await app.automation.runDue()) > 0 && passes < 20) passes += 1;
};

async function draft(extra: { amountMinor?: number; currency?: 'PLN' } = {}) {
  const sha = (await app.ok('pdf.import', { data: base64(fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf'))) })).sha256;
  return app.ok('documents.create', { fileSha256: sha, originalName: 'nda-pl.pdf', title: 'Umowa o zachowaniu poufności', companySignerIds: [admin], counterpartyContactIds: [contact], ...extra });
}
const channelsOf = (doc: Awaited<ReturnType<typeof draft>>) => Object.fromEntries(doc.signers.map((s) => [String(s.id), s.side === 'company' ? ('app' as const) : ('inPerson' as const)]));
const signerOf = (doc: Awaited<ReturnType<typeof draft>>, side: 'company' | 'counterparty') => doc.signers.find((s) => s.side === side)!.id;
const sign = (documentId: string, signerId: number, actor: string) =>
  signAsSigner(app.context, { documentId, signerId, method: 'drawn', image: signature, consent: true, identityCheck: 'appLogin', actor });
const detail = (id: string) => app.ok('documents.get', { id });
const ran = async (id: string) => (await detail(id)).events.filter((e) => e.type === 'automationRan').map((e) => [e.details!.action, e.details!.outcome, e.details!.reason ?? '']);
const outbox = (purpose: string) => app.context.db.selectFrom('outbox').select(['recipient', 'subject']).where('purpose', '=', purpose).orderBy('recipient').execute();

it("the seed's pipeline: the director signs, the card is in Sent to counterparty and the send rule runs; after the last signature, Signed, and the sealed PDF goes to every party once", async () => {
  await ensureCompanyIdentity(app.context);
  const doc = await draft();
  await app.ok('signing.send', { id: doc.id, version: doc.version, order: 'companyFirst', channels: channelsOf(doc) });
  await runAll();
  expect((await detail(doc.id)).stageId).toBe(await stageKey('waitingCompany'));
  expect(await ran(doc.id)).toEqual([]);

  await sign(doc.id, signerOf(doc, 'company'), 'Anna Nowak');
  await runAll();
  expect((await detail(doc.id)).stageId).toBe(await stageKey('sentCounterparty'));
  // The lifecycle's move put it there with the signature: the trigger finds it there, and the rule finds the counterparty's invitation out.
  expect(await ran(doc.id)).toEqual([
    ['moveTo', 'done', 'automation.alreadyInStage'],
    ['sendForSignature', 'done', 'automation.send.outAlready'],
  ]);

  await sign(doc.id, signerOf(doc, 'counterparty'), 'Jan Kowalski');
  await runAll();
  const after = await detail(doc.id);
  expect(after.stageId).toBe(await stageKey('signed'));
  expect(after.sealedSha256).toBeTruthy();
  expect((await ran(doc.id)).slice(2)).toEqual([
    ['moveTo', 'done', 'automation.alreadyInStage'],
    ['emailSealed', 'done', ''],
  ]);
  // The seal queued the parties' copies; the rule's are the same messages (same keys), so each party gets one.
  expect(await outbox('signedCopy')).toEqual([{ recipient: 'jan@example.pl', subject: expect.any(String) as string }]);
  expect(after.chainIntact).toBe(true);
});

it("a company's own stage takes over with a trigger: the rules of the stage it left behind are skipped; more than 10,000 PLN notifies the director by e-mail, less does not", async () => {
  const sent = await stageKey('sentCounterparty');
  const withClient = (await app.ok('stages.add', { afterId: sent, name: 'U klienta', color: '#0ea5e9' })).find((s) => s.name === 'U klienta')!.id;
  // The seed's trigger on the company's signature now leads to the company's own stage.
  const seeded = (await app.ok('automation.get', {})).triggers.find((t) => t.event === 'companySigned')!;
  const trigger = (await app.ok('automation.saveTrigger', { ...seeded, stageId: withClient, name: 'Podpisane przez firmę' })).triggers.find((t) => t.stageId === withClient)!;
  const over = { match: 'all' as const, tests: [{ field: 'amount' as const, op: 'gt' as const, value: 10_000, currency: 'PLN' }] };
  await app.ok('automation.saveRule', { stageId: withClient, action: { kind: 'notify', userId: director, message: 'Duża umowa u klienta', email: true }, timing: { kind: 'immediately' }, condition: over, enabled: true });

  const big = await draft({ amountMinor: 1_250_000, currency: 'PLN' });
  const small = await draft({ amountMinor: 900_000, currency: 'PLN' });
  for (const doc of [big, small]) {
    await app.ok('signing.send', { id: doc.id, version: doc.version, order: 'companyFirst', channels: channelsOf(doc) });
    await sign(doc.id, signerOf(doc, 'company'), 'Anna Nowak');
  }
  await runAll();
  for (const doc of [big, small]) {
    const d = await detail(doc.id);
    expect(d.stageId).toBe(withClient);
    expect(d.events.findLast((e) => e.type === 'stageMoved')!.details).toMatchObject({ to: withClient, trigger: trigger.id });
  }
  expect(await ran(big.id)).toEqual([
    ['moveTo', 'done', ''],
    ['sendForSignature', 'skipped', 'automation.leftStage'],
    ['notify', 'done', ''],
  ]);
  expect((await ran(small.id)).at(-1)).toEqual(['notify', 'skipped', 'automation.conditionNotMet']);
  expect(await outbox('automationNotice')).toEqual([{ recipient: 'dyrektor@zaklady.pl', subject: expect.stringContaining('Umowa o zachowaniu poufności') as string }]);
  // Kept for the director until read, in the app; run again (a crash before "done"), still one.
  const kept = () => app.context.db.selectFrom('notices').select(['user_id', 'document_id', 'text', 'read_at']).execute();
  expect(await kept()).toEqual([{ user_id: director, document_id: big.id, text: 'Duża umowa u klienta', read_at: null }]);
  await app.context.db.updateTable('automation_jobs').set({ status: 'queued' }).where('action', 'like', '{"kind":"notify"%').where('status', '=', 'done').execute();
  await runAll();
  expect(await kept()).toHaveLength(1);
  expect(await outbox('automationNotice')).toHaveLength(1);
  // Only the director's own: Anna, at this app, has none.
  expect(await app.ok('notices.list', {})).toEqual([]);
});

it('a rule sends a Draft with its saved send plan; run again (a crash before it was marked done) it finds the document out and sends nothing twice', async () => {
  const ready = (await app.ok('stages.add', { afterId: await stageKey('draft'), name: 'Gotowe do wysłania', color: '#7c3aed' })).find((s) => s.name === 'Gotowe do wysłania')!.id;
  await app.ok('automation.saveRule', { stageId: ready, action: { kind: 'sendForSignature' }, timing: { kind: 'immediately' }, enabled: true });
  const doc = await draft();
  const planned = await app.ok('documents.sendPlan.save', { id: doc.id, version: doc.version, order: 'companyFirst', channels: channelsOf(doc) });
  await app.ok('documents.move', { id: doc.id, stageId: ready, version: planned.version });
  await runAll();
  const out = await detail(doc.id);
  expect(out.phase).toBe('companySigning');
  expect(out.events.filter((e) => e.type === 'sent')).toHaveLength(1);

  await app.context.db.updateTable('automation_jobs').set({ status: 'queued' }).execute();
  await runAll();
  expect((await detail(doc.id)).events.filter((e) => e.type === 'sent')).toHaveLength(1);
  // Begun before the crash, the job is seen through: it finds the document out and sends nothing again.
  expect((await ran(doc.id)).map((r) => r[2])).toEqual(['', 'automation.send.outAlready']);
  expect(out.events.find((e) => e.type === 'sent')!.actor).toBe('Signet');

  // Without a plan the rule says why, once, and does not try again.
  const bare = await draft();
  await app.ok('documents.move', { id: bare.id, stageId: ready, version: bare.version });
  await runAll();
  expect(await ran(bare.id)).toEqual([['sendForSignature', 'failed', 'automation.send.noPlan']]);
});
