import { expect, test, type Page } from '@playwright/test';
import { startSmsapiStandIn, type SmsapiStandIn } from '../src-main/delivery/sms/stand-ins/smsapi-stand-in';
import { openSection, watchForProblems } from './support/app';
import { linkDesktop } from './support/linked-desktop';
import { counterpartySigns, directorSigns } from './support/signing-steps';
import { PortalWorld } from './support/portal-world';
import { sendNda } from './support/nda-document';
import { expectSealedValid } from './support/sealed-check';
import { callHost } from './support/rpc';
import { specHost } from './support/spec-host';
import { specSmtpSink } from './support/spec-smtp';

/**
 * Issue 6 end to end, in Chromium: the desktop (browser host) linked to the company server (the built program, its own
 * SMTP on loopback and an SMSAPI stand-in that answers as SMSAPI documents) sends a document; the director signs in
 * the app; the counterparty's link goes out only then, by e-mail (or SMS); in a fresh browser context the counterparty
 * opens it, asks for the code, reads it from the second message, draws and signs; the server seals; the desktop's
 * board shows Signed by itself (the live feed, the sealed file fetched and verified); the sealed PDF passes
 * `signet verify` (exit 0) and pdfsig ("Signature is Valid").
 */
const hostOf = specHost();
const sink = specSmtpSink();
const world = new PortalWorld(sink);
let sms: SmsapiStandIn;
const smsToken = 'smsapi-oauth-token-e2e';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  sms = await startSmsapiStandIn({ token: smsToken, points: 1000, senders: ['Zaklady'] });
});
test.afterAll(async () => {
  await world.dispose();
  await sms?.close();
});

const column = (page: Page, name: string) => page.getByRole('region', { name: new RegExp(`^${name} \\d+ documents?$`) });
const card = (page: Page, stage: string, title: string) => column(page, stage).getByRole('button', { name: new RegExp(`^${title}`) });

/** The desktop's first run, the server started with its seal and the SMSAPI stand-in, and this desktop linked to it. */
async function linkedDesktop(page: Page): Promise<void> {
  const smsConfig = { provider: 'smsapi', smsapi: { apiBase: sms.url, sender: 'Zaklady' }, twilio: {}, webhook: {} };
  await linkDesktop(page, hostOf().url, world, { config: { sms: smsConfig }, env: { SIGNET_SMS_API_KEY: smsToken } });
}

/** The NDA for the director (in the app) and a counterparty reached by `channel`, company first, sent. */
const send = (title: string, reach: { email?: string; phone?: string }, channel: 'email' | 'sms') => sendNda(hostOf().url, title, reach, (side) => (side === 'company' ? 'app' : channel));

/** The sealed PDF the desktop keeps, checked as a recipient would (expectSealedValid). */
async function sealedVerifies(documentId: string): Promise<void> {
  const sealed = await callHost(hostOf().url, 'documents.file', { id: documentId, which: 'sealed' });
  await expectSealedValid(hostOf().url, Buffer.from(sealed.data, 'base64'));
}

test('by e-mail: sent from the desktop, the director signs in the app, the counterparty on the portal; the board shows Signed; the seal verifies', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const problems = watchForProblems(page);
  await linkedDesktop(page);
  const title = 'Umowa o zachowaniu poufności — Drukarnia Bałtycka';
  const email = 'marta.kowalczyk@drukarnia-baltycka.pl';
  const id = await send(title, { email }, 'email');

  // Company first: nothing reaches the counterparty before the director has signed.
  await openSection(page, 'Sign & manage');
  await expect(card(page, 'Waiting for company signature', title)).toBeVisible();
  await expect.poll(async () => (await callHost(hostOf().url, 'documents.get', { id })).events.some((e) => e.type === 'published'), { timeout: 30_000, message: 'published to the server' }).toBe(true);
  expect(sink.received.filter((m) => m.to === email)).toEqual([]);
  await directorSigns(page, title);

  const token = await world.linkTokenFor(email);
  await counterpartySigns(browser, `${world.url}/s/${token}`, async () => world.codeFor(email, 0), title);

  await openSection(page, 'Sign & manage');
  await expect(card(page, 'Signed', title)).toBeVisible({ timeout: 60_000 });
  await card(page, 'Signed', title).click();
  const history = page.getByRole('dialog', { name: title }).getByRole('region', { name: /^History/ });
  await expect(history.getByRole('listitem').filter({ hasText: 'Signed by Marta Kowalczyk' })).toHaveCount(1);
  await page.keyboard.press('Escape');
  await sealedVerifies(id);

  // Every party gets the sealed PDF from the server.
  await expect.poll(() => sink.received.some((m) => m.to === email && m.attachments.some((a) => a.contentType === 'application/pdf')), { timeout: 30_000 }).toBe(true);
  expect(problems).toEqual([]);
});

test('by SMS through the provider: the link and the code arrive as text messages; the board shows Signed; the seal verifies', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const problems = watchForProblems(page);
  await page.goto(hostOf().url);
  const title = 'Aneks nr 2 do umowy dostawy — SMS';
  const phone = '+48601234567';
  const id = await send(title, { phone }, 'sms');
  await directorSigns(page, title);

  const textTo = async (match: (text: string) => boolean) => {
    await expect.poll(() => sms.sent.some((m) => m.number === phone.slice(1) && match(m.message)), { timeout: 30_000, message: `an SMS to ${phone} (the server's outbox: ${world.server.log.split('\n').filter((l) => l.includes('"channel":"sms"')).join('\n')})` }).toBe(true);
    return sms.sent.find((m) => m.number === phone.slice(1) && match(m.message))!.message;
  };
  const link = /(http:\/\/127\.0\.0\.1:\d+\/s\/[A-Za-z0-9_-]{20,128})/.exec(await textTo((t) => t.includes('/s/')))![1]!;
  await counterpartySigns(browser, link, async () => /\b(\d{6})\b/.exec(await textTo((t) => !t.includes('/s/') && /\b\d{6}\b/.test(t)))![1]!, title);

  await openSection(page, 'Sign & manage');
  await expect(card(page, 'Signed', title)).toBeVisible({ timeout: 60_000 });
  await sealedVerifies(id);
  expect(problems).toEqual([]);
});

test('declined on the portal: the desktop hears it, the card moves to Declined with the reason in its history', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const problems = watchForProblems(page);
  await page.goto(hostOf().url);
  const title = 'Umowa serwisowa — odmowa';
  const email = 'jan.wisniewski@serwis-gdansk.pl';
  await send(title, { email }, 'email');
  await directorSigns(page, title);
  const token = await world.linkTokenFor(email);

  const context = await browser.newContext({ locale: 'en-GB' });
  const portal = await context.newPage();
  await portal.goto(`${world.url}/s/${token}`);
  await portal.getByRole('button', { name: 'English' }).click();
  await portal.getByRole('button', { name: 'Send the code' }).click();
  await portal.getByLabel('6-digit code').fill(await world.codeFor(email, 0));
  await portal.getByRole('button', { name: 'Confirm' }).click();
  await expect(portal.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await portal.getByRole('button', { name: 'Decline', exact: true }).click();
  const dialog = portal.getByRole('dialog', { name: 'Decline to sign' });
  await dialog.getByLabel('Why do you decline?').fill('Kwota w § 4 nie zgadza się z ofertą.');
  await dialog.getByRole('button', { name: 'Decline', exact: true }).click();
  await expect(portal.getByText(/You declined/)).toBeVisible();
  await context.close();

  await openSection(page, 'Sign & manage');
  await expect(card(page, 'Declined', title)).toBeVisible({ timeout: 30_000 });
  await card(page, 'Declined', title).click();
  const history = page.getByRole('dialog', { name: title }).getByRole('region', { name: /^History/ });
  await expect(history).toContainText('Kwota w § 4 nie zgadza się z ofertą.');
  expect(problems).toEqual([]);
});
