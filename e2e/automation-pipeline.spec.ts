import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { openSection, watchForProblems } from './support/app';
import { linkDesktop } from './support/linked-desktop';
import { sendNda } from './support/nda-document';
import { PortalWorld } from './support/portal-world';
import { callHost } from './support/rpc';
import { counterpartySigns, directorSigns } from './support/signing-steps';
import { specHost } from './support/spec-host';
import { specSmtpSink } from './support/spec-smtp';

/**
 * Issue 9's seed example end to end, in Chromium: the default pipeline a company starts with, on a desktop (browser
 * host, its automation worker running) linked to the company server. The director signs in the app; the card moves
 * by itself to "Sent to counterparty"; the counterparty's e-mail arrives at the loopback SMTP server; after they sign
 * on the portal the card reaches "Signed" by itself; the sealed PDF is mailed to the parties (by the server, which
 * sealed it) and, by the pipeline's own rule, to accounting. The document was sent through the company server, so
 * from the send on its automation is the server's engine's (the same engine): the history and the execution log
 * here show each of its steps, marked as the server's.
 */
const hostOf = specHost();
const sink = specSmtpSink();
const world = new PortalWorld(sink);
test.afterAll(() => world.dispose());

const column = (page: Page, name: string) => page.getByRole('region', { name: new RegExp(`^${name} \\d+ documents?$`) });
const card = (page: Page, stage: string, title: string) => column(page, stage).getByRole('button', { name: new RegExp(`^${title}`) });

test("the seed's pipeline: signed by the director → Sent to counterparty → their e-mail → signed → Signed, the sealed PDF mailed", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const problems = watchForProblems(page);
  const url = hostOf().url;
  await linkDesktop(page, url, world);
  await callHost(url, 'mail.settings.save', { host: '127.0.0.1', port: sink.port, security: 'none', fromAddress: 'biuro@zaklady.pl' });
  // The seed's rule on "Signed" mails every party; accounting is added, so this desktop's own copy shows the rule ran.
  const view = await callHost(url, 'automation.get', {});
  const mailRule = view.rules.find((r) => r.action.kind === 'emailSealed')!;
  await callHost(url, 'automation.saveRule', { ...mailRule, action: { kind: 'emailSealed', to: ['ksiegowosc@zaklady.pl'], toParties: true } });
  // The server runs the pipeline as this desktop synced it.
  expect((await callHost(url, 'sync.now', {})).state).toBe('synced');

  const title = 'Umowa dostawy — Drukarnia Bałtycka';
  const email = 'marta.kowalczyk@drukarnia-baltycka.pl';
  const id = await sendNda(url, title, { email }, (side) => (side === 'company' ? 'app' : 'email'));
  await openSection(page, 'Sign & manage');
  await expect(card(page, 'Waiting for company signature', title)).toBeVisible();
  await expect.poll(async () => (await callHost(url, 'documents.get', { id })).events.some((e) => e.type === 'published'), { timeout: 30_000, message: 'published to the server' }).toBe(true);
  expect(sink.received.filter((m) => m.to === email)).toEqual([]);

  await directorSigns(page, title);
  await openSection(page, 'Sign & manage');
  await expect(card(page, 'Sent to counterparty', title)).toBeVisible({ timeout: 30_000 });
  const token = await world.linkTokenFor(email);

  await counterpartySigns(browser, `${world.url}/s/${token}`, async () => world.codeFor(email, 0), title);
  await expect(card(page, 'Signed', title)).toBeVisible({ timeout: 60_000 });

  const withPdf = (to: string) => sink.received.filter((m) => m.to === to && m.attachments.some((a) => a.contentType === 'application/pdf'));
  await expect.poll(() => withPdf(email).length, { timeout: 30_000, message: 'the sealed PDF to the counterparty' }).toBe(1);
  await expect.poll(() => withPdf('ksiegowosc@zaklady.pl').length, { timeout: 30_000, message: "the pipeline rule's copy to accounting" }).toBe(1);

  await card(page, 'Signed', title).click();
  const history = page.getByRole('dialog', { name: title }).getByRole('region', { name: /^History/ });
  await expect(history.getByRole('listitem').filter({ hasText: /^Automation: Send for signature/ })).toHaveCount(1);
  await expect(history.getByRole('listitem').filter({ hasText: /^Automation: E-mail the sealed PDF/ })).toHaveCount(1);
  await page.keyboard.press('Escape');

  // The execution log says the same: every job of this document done on the company server, none failed.
  const runs = await callHost(url, 'automation.log', { documentId: id, limit: 100 });
  expect(runs.every((r) => r.onServer)).toBe(true);
  expect(runs.map((r) => [r.sourceKind, r.action, r.status]).sort()).toEqual([
    ['rule', 'emailSealed', 'done'],
    ['rule', 'sendForSignature', 'done'],
    ['trigger', 'moveTo', 'done'],
    ['trigger', 'moveTo', 'done'],
  ]);
  // Nothing went twice: one link e-mail to the counterparty, one sealed copy each.
  expect(sink.received.filter((m) => m.to === email && /\/s\//.test(m.text))).toHaveLength(1);
  expect(problems).toEqual([]);
});

test('a rule notifies the employee at this window: the notice is announced as it arrives, and the history keeps it', async ({ page }) => {
  const problems = watchForProblems(page);
  const url = hostOf().url;
  await page.goto(url);
  const me = (await callHost(url, 'app.info', {})).user.id;
  const stages = await callHost(url, 'stages.list', {});
  const review = (await callHost(url, 'stages.add', { afterId: stages.find((s) => s.key === 'draft')!.id, name: 'Do przeglądu', color: '#7c3aed' })).find((s) => s.name === 'Do przeglądu')!.id;
  await callHost(url, 'automation.saveRule', { stageId: review, action: { kind: 'notify', userId: me, message: 'Umowa czeka na przegląd', email: false }, timing: { kind: 'immediately' }, enabled: true });
  await openSection(page, 'Contacts');
  const { sha256 } = await callHost(url, 'pdf.import', { data: fs.readFileSync(path.join(import.meta.dirname, '../resources/samples/nda-pl.pdf')).toString('base64') });
  const doc = await callHost(url, 'documents.create', { fileSha256: sha256, originalName: 'nda-pl.pdf', title: 'Umowa do przeglądu' });
  const id = doc.id;
  await callHost(url, 'documents.move', { id, stageId: review, version: doc.version });
  await expect(page.getByRole('status').filter({ hasText: 'Automation: Umowa czeka na przegląd' })).toBeVisible({ timeout: 20_000 });
  await expect.poll(async () => (await callHost(url, 'documents.get', { id })).events.some((e) => e.type === 'automationRan' && e.details?.action === 'notify' && e.details.outcome === 'done')).toBe(true);
  // Kept until read: the sidebar counts it, the list shows it with its document, and closing the list marks it read.
  await page.getByRole('button', { name: 'Notices: 1 unread' }).click();
  const list = page.getByRole('dialog', { name: 'Notices from automation' });
  await expect(list.getByRole('listitem').filter({ hasText: 'Umowa czeka na przegląd' })).toContainText('“Umowa do przeglądu”');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Notices', exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Notices', exact: true })).toBeVisible();
  expect(problems).toEqual([]);
});
