import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { PublishRequest, PublishResponse } from '../src-shared/company-server/publish';
import type { FieldLayoutInput } from '../src-shared/fields/layout';
import { portalCodePath, portalLinkPath } from '../src-shared/portal/signing-link';
import { makeTestPki, type TestPki } from './support/pki';
import { PortalWorld } from './support/portal-world';
import { specSmtpSink } from './support/spec-smtp';

/**
 * A counterparty signs from their link on the company server's portal (/s/<token>), in Chromium, against the server
 * started as `npm run server` starts it, with its own SMTP on loopback: the link and the identity codes are read from
 * the e-mails it sends. The signing screen is the desktop's own (SignView) with the portal's calls. Signed with a
 * drawn signature; declined with a reason (in Polish, the link's language); the last signature (typed, by keyboard),
 * sealed by the server and downloaded from the link; the closed links' own pages; on a phone, drawn with a finger, with
 * the session lapsing just before Sign (the code asked again, nothing typed lost).
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pdf = path.join(root, 'resources/samples/umowa-dostawy.pdf');
const title = 'Umowa dostawy 7/2025';
const company = 'Zakłady Łódzkie Sp. z o.o.';

const sink = specSmtpSink();
const world = new PortalWorld(sink);

interface BrowserGlobals {
  document: { documentElement: { scrollWidth: number; clientWidth: number } };
}

/** A counterparty's fields (the first's on page 1, the second's on page 2): the place of signing (required), the signature, the date signed. */
function layoutFor(ref: string): FieldLayoutInput {
  const page = ref === 'counterparty-1' ? 0 : 1;
  return {
    fields: [
      { id: `${ref}-city`, kind: 'text', page, rect: { x: 60, y: 110, width: 170, height: 22 }, signerId: ref, required: true, label: 'Miejscowość' },
      { id: `${ref}-sig`, kind: 'signature', page, rect: { x: 320, y: 100, width: 200, height: 50 }, signerId: ref, required: true },
      { id: `${ref}-date`, kind: 'dateSigned', page, rect: { x: 320, y: 76, width: 120, height: 18 }, signerId: ref, required: true },
    ],
  };
}

const counterparty = (id: string, ref: string, name: string, email: string, language: 'pl' | 'en') =>
  ({ id, ref, side: 'counterparty', name, email, channel: 'email', language }) as const;

/**
 * Published with the company's signer signing in the app (so one counterparty's signature is not the last), unless
 * `counterpartiesOnly`.
 */
function publishWith(signers: PublishRequest['signers'], expiresAt = new Date(Date.now() + 14 * 86_400_000), counterpartiesOnly = false): Promise<PublishResponse> {
  const layout = { fields: signers.flatMap((s) => (s.side === 'counterparty' ? layoutFor(s.ref).fields : [])) };
  return world.publish(pdf, {
    title,
    number: 'UM/2025/7',
    companyName: company,
    preparerName: 'Anna Wiśniewska',
    layout,
    order: 'parallel',
    expiresAt: expiresAt.toISOString(),
    signers: counterpartiesOnly ? signers : [{ id: '1', ref: 'company-1', side: 'company', name: 'Piotr Zieliński', channel: 'app', language: 'pl' }, ...signers],
  });
}

/** Console errors (a CSP violation is one) and uncaught exceptions; a refusal's 4xx is the page's to explain. */
function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/status of 4\d\d/.test(msg.text())) problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  // Everything the page loads comes from the site root: a page-relative address at /s/<token> would be /s/assets/….
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/s/') && request.resourceType() !== 'document') problems.push(`page-relative request: ${pathname}`);
  });
  return problems;
}

const noHorizontalScroll = async (page: Page) =>
  expect(await page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.documentElement.scrollWidth)).toBeLessThanOrEqual(page.viewportSize()!.width);

/** pdf.js drew the page: its canvas has pixels that are not white. */
async function pageDrawn(page: Page, label: RegExp): Promise<void> {
  const canvas = page.getByRole('region', { name: label }).locator('canvas').first();
  await expect(canvas).toBeVisible();
  await expect
    .poll(() =>
      canvas.evaluate((el) => {
        const c = el as unknown as { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
        const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
        let ink = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i]! < 128) ink++;
        return ink;
      }),
    )
    .toBeGreaterThan(500);
}

async function drawWithMouse(page: Page, pad: Locator): Promise<void> {
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 20 + i * 18, box.y + box.height / 2 + (i % 2 ? -18 : 18), { steps: 2 });
  await page.mouse.up();
}

/** A finger on a touch screen: touch events (Chromium makes the pointer events signature_pad follows from them). */
async function drawWithFinger(page: Page, pad: Locator): Promise<void> {
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  const cdp = await page.context().newCDPSession(page);
  const at = (i: number) => ({ x: box.x + 16 + i * 14, y: box.y + box.height / 2 + (i % 2 ? -16 : 16) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [at(0)] });
  for (let i = 1; i <= 14; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [at(i)] });
  // The finger rests a moment before it lifts, as at the end of a signature. Lifted while still moving, the stroke
  // ended as a fling, and Chromium swallowed the next tap as the one that stops the fling: the consent tapped next
  // stayed unticked (seen every time; a second tap worked).
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [at(14)] });
  await page.waitForTimeout(200);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [at(14)] });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

const wrongCodeFor = (code: string) => (code === '000000' ? '111111' : '000000');

/** Opens the link and passes the identity code read from the e-mail it sends. */
async function openWithCode(page: Page, token: string, email: string): Promise<void> {
  await page.goto(`${world.url}/s/${token}`);
  const before = world.codesSentTo(email);
  await page.getByRole('button', { name: 'Send the code' }).click();
  await page.getByLabel('6-digit code').fill(await world.codeFor(email, before));
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeFocused();
}

let signed: { token: string; email: string };
let declined: { token: string; email: string };
let onPhone: { token: string; email: string };
let pki: TestPki;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  // The server seals with a certificate of the company's CA, as one exported from the desktop.
  pki = await makeTestPki('/CN=Zakłady Łódzkie — company CA/O=Zakłady Łódzkie Sp. z o.o.');
  const p12File = path.join(pki.dir, 'server-seal.p12');
  const password = 'hasło pieczęci';
  writeFileSync(p12File, pki.p12({ subject: '/CN=Zakłady Łódzkie — server seal/O=Zakłady Łódzkie Sp. z o.o.', password }));
  await world.start({ p12File, password });
  signed = { token: '', email: 'jan.kowalski@example.com' };
  declined = { token: '', email: 'ewa.nowak@example.pl' };
  onPhone = { token: '', email: 'marek.lis@example.pl' };
  await publishWith([counterparty('2', 'counterparty-1', 'Jan Kowalski', signed.email, 'en'), counterparty('3', 'counterparty-2', 'Ewa Nowak', declined.email, 'pl')]);
  await publishWith([counterparty('2', 'counterparty-1', 'Marek Lis', onPhone.email, 'en')]);
  signed.token = await world.linkTokenFor(signed.email);
  declined.token = await world.linkTokenFor(declined.email);
  onPhone.token = await world.linkTokenFor(onPhone.email);
  // The phone signer's first code goes out now, as if asked for on an earlier visit: by the time their session lapses a
  // new one may be asked for (a minute after the last), so that test need not wait out the whole resend limit.
  expect((await fetch(`${world.url}${portalCodePath(onPhone.token)}`, { method: 'POST' })).status).toBe(200);
});

test.afterAll(async () => {
  await world.dispose();
  pki?.dispose();
});

test('sign from the link: who asks, the code (a wrong one first), every page, a field, a drawn signature, consent → signed', async ({ page }) => {
  const problems = watchConsole(page);
  const workers: string[] = [];
  page.on('response', (r) => {
    if (/pdf\.worker/.test(r.url())) workers.push(`${r.status()} ${new URL(r.url()).pathname}`);
  });
  const response = await page.goto(`${world.url}/s/${signed.token}`);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");

  // --- Who asks and what, before the code --------------------------------------------------------------------------
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText(`Anna Wiśniewska of ${company} asks you to sign this document.`)).toBeVisible();
  const facts = page.locator('.portal-facts');
  await expect(facts).toContainText('NumberUM/2025/7');
  await expect(facts).toContainText('Pages2');
  await expect(facts).toContainText('SignerJan Kowalski');
  await expect(facts).toContainText(/Sign by\w+ \d{1,2}, \d{4}/);
  await expect(page).toHaveTitle('Confirm who you are — Signet');

  // --- The code: sent to the masked address, a countdown to the next one, a wrong one refused -------------------------
  const code = page.getByRole('region', { name: 'Confirm who you are' });
  await expect(code).toContainText(/we send a one-time code to your e-mail address j\S+@example\.com/);
  await code.getByRole('button', { name: 'Send the code' }).click();
  await expect(code.getByRole('status')).toHaveText(/^Code sent to j\S+@example\.com\. Valid until \d{1,2}:\d\d( [AP]M)?\.$/);
  const input = code.getByLabel('6-digit code');
  await expect(input).toBeFocused();
  await expect(input).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(input).toHaveAttribute('inputmode', 'numeric');
  const resend = code.getByRole('button', { name: 'Send a new code' });
  await expect(resend).toBeDisabled();
  await expect(resend).toHaveAccessibleDescription(/^You can ask for a new code in [01]:\d\d\.$/);

  const right = await world.codeFor(signed.email, 0);
  await input.fill(wrongCodeFor(right));
  await code.getByRole('button', { name: 'Confirm' }).click();
  await expect(code.getByRole('alert')).toHaveText('Wrong code. 4 attempts left.');
  // Typed with the keyboard and sent with Enter.
  await input.fill('');
  await input.pressSequentially(right);
  await input.press('Enter');

  // --- The signing screen: the whole document, the signer's field, the signature, consent --------------------------
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeFocused();
  await expect(page.getByText('UM/2025/7 · signing as Jan Kowalski')).toBeVisible();
  await expect(page).toHaveTitle('Sign the document — Signet');
  await pageDrawn(page, /^Page 1 of 2$/);
  await pageDrawn(page, /^Page 2 of 2$/);
  // pdf.js's worker from the site's assets at /s/<token>, not from beside the page.
  expect(workers).toEqual([expect.stringMatching(/^200 \/assets\/pdf\.worker\.min-[\w-]+\.mjs$/)]);
  const sign = page.getByRole('button', { name: 'Sign', exact: true });
  await expect(sign).toBeDisabled();
  await expect(page.getByText('fill in “Miejscowość” (page 1)')).toBeVisible();

  await page.getByLabel(/^Miejscowość/).fill('Łódź');
  await drawWithMouse(page, page.getByRole('img', { name: /^Signature drawing area/ }));
  await expect(page.getByText('draw, type or upload your signature')).toBeHidden();
  await page.getByRole('checkbox', { name: /^I have read the whole document/ }).check();
  await expect(sign).toBeEnabled();
  await sign.click();

  // --- Done; the link then says it is signed ------------------------------------------------------------------------
  await expect(page.getByRole('heading', { level: 1, name: 'Signed' })).toBeFocused();
  await expect(page.getByText('Thank you. You will receive the sealed document by e-mail once every party has signed.')).toBeVisible();
  await expect(page).toHaveTitle('Signed — Signet');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Already signed' })).toBeVisible();
  await expect(page.getByText('This document has already been signed from this link.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Download the sealed PDF' })).toHaveCount(0);

  expect(problems).toEqual([]);
});

test('decline from a second browser: the page in the link’s language (Polish), the reason asked for, then declined', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  const problems = watchConsole(page);
  await page.goto(`${world.url}/s/${declined.token}`);
  await expect(page.getByText(`Anna Wiśniewska z firmy ${company} prosi Cię o podpisanie tego dokumentu.`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Polski' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page).toHaveTitle('Potwierdź swoją tożsamość — Signet');

  // By keyboard: the button, then the code typed into the input that took the focus, Enter.
  await page.getByRole('button', { name: 'Wyślij kod' }).focus();
  await page.keyboard.press('Enter');
  const input = page.getByLabel('Kod (6 cyfr)');
  await expect(input).toBeFocused();
  await page.keyboard.type(await world.codeFor(declined.email, 0));
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: title })).toBeFocused();
  await expect(page.getByText('UM/2025/7 · podpisujesz jako Ewa Nowak')).toBeVisible();
  await page.getByRole('button', { name: 'Odrzuć', exact: true }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Odmowa podpisu' });
  await dialog.getByRole('button', { name: 'Odrzuć', exact: true }).click();
  await expect(dialog.getByLabel('Dlaczego odrzucasz dokument?')).toHaveAccessibleDescription('Pole wymagane.');
  await dialog.getByLabel('Dlaczego odrzucasz dokument?').fill('Termin płatności do uzgodnienia.');
  await dialog.getByRole('button', { name: 'Odrzuć', exact: true }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Odmówiono podpisu' })).toBeFocused();
  await expect(page.getByText(`Twoja odpowiedź i jej powód zostały przekazane firmie ${company}.`)).toBeVisible();
  // A closed link names no language: opened again, the page is in the browser's, and switchable on the page.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Signing was declined' })).toBeVisible();
  await expect(page.getByText('The document was declined, so it can no longer be signed.', { exact: false })).toBeVisible();
  await page.getByRole('button', { name: 'Polski' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Odmówiono podpisania' })).toBeVisible();
  await expect(page).toHaveTitle('Odmówiono podpisania — Signet');

  expect(problems).toEqual([]);
  await context.close();
});

test('the last signature, typed and given by keyboard: the server seals, and the link offers the sealed PDF with its date', async ({ page }) => {
  const problems = watchConsole(page);
  const email = 'olga.kruk@example.pl';
  await publishWith([counterparty('2', 'counterparty-1', 'Olga Kruk', email, 'en')], undefined, true);
  const token = await world.linkTokenFor(email);
  await openWithCode(page, token, email);

  await page.getByLabel(/^Miejscowość/).fill('Kraków');
  // The Type tab, reached with the arrow keys: the signer's name in a handwriting face.
  await page.getByRole('tab', { name: 'Draw' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Type' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('img', { name: 'Typed signature: Olga Kruk' })).toBeVisible();
  await page.getByRole('checkbox', { name: /^I have read the whole document/ }).focus();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Sign', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Signed' })).toBeFocused();
  await expect(page.getByText('Thank you. Every party has signed: you will receive the sealed document by e-mail shortly.')).toBeVisible();

  // The seal follows on the server; the link then offers the sealed PDF until 14 days after it.
  await expect
    .poll(async () => ((await (await fetch(`${world.url}${portalLinkPath(token)}`)).json()) as { sealed?: { availableUntil: string } }).sealed?.availableUntil ?? null, { timeout: 30_000, intervals: [500, 1000] })
    .not.toBeNull();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Already signed' })).toBeVisible();
  await expect(page.getByText(/^The sealed document can be downloaded until \w+ \d{1,2}, \d{4}/)).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the sealed PDF' }).click()]);
  const sealed = readFileSync(await download.path());
  expect(sealed.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(sealed.toString('latin1')).toContain('/ByteRange');
  expect(sealed.length).toBeGreaterThan(readFileSync(pdf).length);

  expect(problems).toEqual([]);
});

test('closed links answer with a page of their own: withdrawn, past its date, not a link', async ({ page }) => {
  const problems = watchConsole(page);
  const withdrawnEmail = 'zofia.wrona@example.pl';
  const withdrawn = await publishWith([counterparty('2', 'counterparty-1', 'Zofia Wrona', withdrawnEmail, 'en')]);
  const withdrawnToken = await world.linkTokenFor(withdrawnEmail);
  await world.cancel(withdrawn);
  await page.goto(`${world.url}/s/${withdrawnToken}`);
  await expect(page.getByRole('heading', { level: 1, name: 'This document was withdrawn' })).toBeVisible();
  await expect(page.getByText('It was withdrawn by the sender and can no longer be signed.', { exact: false })).toBeVisible();
  await expect(page).toHaveTitle('This document was withdrawn — Signet');

  // Past its date: published to expire in a few seconds, opened after.
  const lateEmail = 'adam.sowa@example.pl';
  const expiresAt = new Date(Date.now() + 4_000);
  await publishWith([counterparty('2', 'counterparty-1', 'Adam Sowa', lateEmail, 'en')], expiresAt);
  const lateToken = await world.linkTokenFor(lateEmail);
  await expect.poll(() => Date.now(), { timeout: 15_000 }).toBeGreaterThan(expiresAt.getTime() + 250);
  await page.goto(`${world.url}/s/${lateToken}`);
  await expect(page.getByRole('heading', { level: 1, name: 'This link has expired' })).toBeVisible();
  await expect(page.getByText('The document is past its signing date: ask the sender for a new one.')).toBeVisible();

  await page.goto(`${world.url}/s/${'Q'.repeat(43)}`);
  await expect(page.getByRole('heading', { level: 1, name: 'This link is not valid' })).toBeVisible();
  await expect(page.getByText('Ask whoever sent it to you for a new one.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Check a signed PDF' })).toBeVisible();

  expect(problems).toEqual([]);
});

test('on a phone (375×667, touch): no sideways scrolling, a signature drawn with a finger, a lapsed session asks the code again and keeps everything', async ({ browser }) => {
  test.setTimeout(150_000);
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  const page = await context.newPage();
  const problems = watchConsole(page);
  await page.goto(`${world.url}/s/${onPhone.token}`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await noHorizontalScroll(page);

  // The code went out on an earlier visit: the input is there at once.
  const code = page.getByRole('region', { name: 'Confirm who you are' });
  await expect(code.getByRole('status')).toHaveText(/^A code was sent to m\S+@example\.pl\.$/);
  await code.getByLabel('6-digit code').fill(await world.codeFor(onPhone.email, 0));
  await code.getByRole('button', { name: 'Confirm' }).tap();

  await expect(page.getByRole('heading', { level: 1, name: title })).toBeFocused();
  await pageDrawn(page, /^Page 1 of 2$/);
  await pageDrawn(page, /^Page 2 of 2$/);
  await noHorizontalScroll(page);
  await page.getByLabel(/^Miejscowość/).fill('Gdańsk');
  const pad = page.getByRole('img', { name: /^Signature drawing area/ });
  await drawWithFinger(page, pad);
  await expect(page.getByRole('button', { name: 'Undo stroke' })).toBeEnabled();
  await expect(page.getByText('draw, type or upload your signature')).toBeHidden();
  // The drawing is shown where it will go on page 1.
  await expect(page.getByRole('region', { name: /^Page 1 of 2$/ }).locator('.sign-field img')).toBeVisible();
  const consent = page.getByRole('checkbox', { name: /^I have read the whole document/ });
  await consent.tap();
  await expect(consent).toBeChecked();
  const sign = page.getByRole('button', { name: 'Sign', exact: true });
  await sign.scrollIntoViewIfNeeded();
  await expect(sign).toBeEnabled();
  // Reachable with a thumb: inside the screen's width, and thumb-sized.
  const box = (await sign.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(375);
  expect(box.height).toBeGreaterThanOrEqual(44);
  await noHorizontalScroll(page);

  // --- The session lapses (its cookie gone, as after half an hour): Sign asks for the code again ------------------------
  await context.clearCookies();
  await sign.tap();
  const again = page.getByRole('dialog', { name: 'Confirm who you are again' });
  await expect(again).toBeVisible();
  await expect(again).toContainText('what you filled in stays as it is');
  const sent = world.codesSentTo(onPhone.email);
  const send = again.getByRole('button', { name: 'Send the code' });
  await send.tap();
  // Within a minute of the first code the server says how long to wait, and the button waits with it.
  const tooSoon = again.getByRole('alert').filter({ hasText: /^Wait \d+ s before asking for another code\.$/ });
  await expect(tooSoon.or(again.getByRole('status').filter({ hasText: /^Code sent to / }))).toBeVisible();
  if (await tooSoon.isVisible()) {
    const resend = again.getByRole('button', { name: 'Send a new code' });
    await expect(resend).toBeEnabled({ timeout: 70_000 });
    await resend.tap();
    await expect(again.getByRole('status')).toHaveText(/^Code sent to /);
  }
  await again.getByLabel('6-digit code').fill(await world.codeFor(onPhone.email, sent));
  await again.getByRole('button', { name: 'Confirm' }).tap();

  // The same signature went through: nothing had to be typed, drawn or ticked again.
  await expect(page.getByRole('heading', { level: 1, name: 'Signed' })).toBeVisible();
  await expect(again).toHaveCount(0);
  await noHorizontalScroll(page);

  expect(problems).toEqual([]);
  await context.close();
});
