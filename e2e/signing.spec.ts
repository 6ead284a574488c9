import { expect, test, type Page } from '@playwright/test';
import type { DocumentSummary } from '../src-shared/documents/types';
import { openSection, watchForProblems } from './support/app';
import { demoBoardHost, demoTitles } from './support/demo-board';
import { callHost } from './support/rpc';

/**
 * Signing on this computer, in Chromium against the browser host with the demo data (three Drafts, the administrator
 * as company signer and one counterparty each): two documents are sent over the WebSocket (company first, the
 * counterparty in person); the administrator signs one by drawing with the mouse — it moves to "Sent to counterparty"
 * — and declines the other with a reason — it moves to Declined. Then the computer is locked for the counterparty's
 * in-person signing: the rest of the app is gone (on screen and on the main side, even after a reload) until the
 * employee's PIN. The tests share the host and run in order.
 */
const { supply, nda } = demoTitles;
const hostOf = demoBoardHost({});
const pin = '4821';

const column = (page: Page, name: string) => page.getByRole('region', { name: new RegExp(`^${name} \\d+ documents?$`) });
const card = (page: Page, stage: string, title: string) => column(page, stage).getByRole('button', { name: new RegExp(`^${title}`) });
const announced = (page: Page, text: string) => expect(page.getByRole('status').filter({ hasText: text })).toBeVisible();

async function send(url: string, title: string): Promise<DocumentSummary> {
  const { items } = await callHost(url, 'documents.list', { filter: { query: '' }, limit: 100 });
  const doc = items.find((d) => d.title === title)!;
  const channels = Object.fromEntries(doc.signers.map((s) => [String(s.id), s.side === 'company' ? ('app' as const) : ('inPerson' as const)]));
  return callHost(url, 'signing.send', { id: doc.id, version: doc.version, order: 'companyFirst', channels });
}

test.describe.configure({ mode: 'serial' });

test('the company signer draws a signature, consents and signs; the other document is declined with a reason', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(hostOf().url);
  await expect(column(page, 'Draft')).toBeVisible();
  await send(hostOf().url, supply);
  await send(hostOf().url, nda);

  // --- "To sign": the badge counts both, the list opens the signing screen ---------------------------------------
  const nav = page.getByRole('navigation');
  await expect(nav.getByRole('link', { name: /^To sign/ })).toHaveAccessibleName('To sign 2 documents waiting');
  await openSection(page, /^To sign/);
  await page.getByRole('link', { name: supply }).click();
  await expect(page).toHaveURL(/#\/sign\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: supply })).toBeFocused();
  await expect(page.getByRole('region', { name: /^Page 1 of \d+$/ }).locator('canvas').first()).toBeVisible();

  const sign = page.getByRole('button', { name: 'Sign', exact: true });
  await expect(sign).toBeDisabled();
  await expect(page.getByText('draw, type or upload your signature')).toBeVisible();

  // --- Draw with the mouse, undo and draw again, then the consent --------------------------------------------------
  await expect(page.getByRole('tab', { name: 'Draw' })).toHaveAttribute('aria-selected', 'true');
  const pad = page.getByRole('img', { name: /^Signature drawing area/ });
  const box = (await pad.boundingBox())!;
  const stroke = async (dy: number) => {
    await page.mouse.move(box.x + 30, box.y + box.height / 2 + dy);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 30 + i * 20, box.y + box.height / 2 + dy + (i % 2 ? -18 : 18), { steps: 2 });
    await page.mouse.up();
  };
  await stroke(0);
  await page.getByRole('button', { name: 'Undo stroke' }).click();
  await expect(page.getByRole('button', { name: 'Undo stroke' })).toBeDisabled();
  await stroke(0);
  await stroke(20);
  await expect(page.getByText('draw, type or upload your signature')).toBeHidden();
  // The tabs are a tablist: the arrow keys move between them, and each keeps what was made in it.
  await page.getByRole('tab', { name: 'Draw' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Type' })).toBeFocused();
  await expect(page.getByRole('img', { name: /^Typed signature: / })).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Draw' })).toHaveAttribute('aria-selected', 'true');
  await expect(sign).toBeDisabled();
  await page.getByRole('checkbox', { name: /^I have read the whole document/ }).check();
  await expect(sign).toBeEnabled();
  await page.screenshot({ path: 'test-results/signing-drawn.png', fullPage: true });
  await sign.click();
  await announced(page, `You signed “${supply}”.`);
  await expect(page.getByRole('heading', { level: 1, name: 'To sign' })).toBeVisible();
  await expect(nav.getByRole('link', { name: /^To sign/ })).toHaveAccessibleName('To sign 1 document waiting');

  await openSection(page, 'Sign & manage');
  await expect(card(page, 'Sent to counterparty', supply)).toBeVisible();

  // --- The card's "Your signature needed" opens the same screen; decline needs a reason ----------------------------
  await card(page, 'Waiting for company signature', nda).getByRole('link', { name: 'Your signature needed' }).click();
  await expect(page.getByRole('heading', { level: 1, name: nda })).toBeVisible();
  await page.getByRole('button', { name: 'Decline', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Decline to sign' });
  await dialog.getByRole('button', { name: 'Decline', exact: true }).click();
  await expect(dialog.getByLabel('Why do you decline?')).toHaveAccessibleDescription('Required.');
  await dialog.getByLabel('Why do you decline?').fill('Termin płatności do uzgodnienia.');
  await dialog.getByRole('button', { name: 'Decline', exact: true }).click();
  await announced(page, `You declined “${nda}”.`);
  await expect(page.getByText('Nothing is waiting for your signature.')).toBeVisible();
  await expect(nav.getByTestId('to-sign-count')).toHaveCount(0);
  await openSection(page, 'Sign & manage');
  await expect(card(page, 'Declined', nda)).toBeVisible();
  expect(problems).toEqual([]);
});

test('in person: the kiosk shows only the signer’s document, survives a reload, and leaves only with the PIN', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(hostOf().url);
  await card(page, 'Sent to counterparty', supply).click();
  const panel = page.getByRole('dialog', { name: supply });
  await panel.getByRole('button', { name: /^Sign in person: / }).click();
  const setup = page.getByRole('dialog', { name: /^Sign in person: / });
  await setup.getByRole('radio', { name: 'SMS' }).check();
  await setup.getByLabel('Your unlock PIN').fill('12');
  await setup.getByRole('button', { name: 'Hand over the computer' }).click();
  await expect(setup.getByLabel('Your unlock PIN')).toHaveAccessibleDescription(/The PIN is 4 to 8 digits/);
  await setup.getByLabel('Your unlock PIN').fill(pin);
  await setup.getByLabel('PIN again').fill(pin);
  await setup.getByRole('button', { name: 'Hand over the computer' }).click();

  const kiosk = page.getByTestId('kiosk');
  await expect(kiosk.getByRole('heading', { name: /confirm who you are$/ })).toBeVisible();
  await expect(kiosk.getByRole('radio', { name: 'SMS' })).toBeChecked();
  await expect(page.getByRole('navigation')).toHaveCount(0);
  // The main side refuses the rest of the app, whatever the page does.
  await expect(callHost(hostOf().url, 'contacts.list', {})).rejects.toThrow(/kiosk\.locked/);
  await expect(callHost(hostOf().url, 'documents.list', {})).rejects.toThrow(/kiosk\.locked/);

  await page.reload();
  await expect(kiosk.getByRole('heading', { name: /confirm who you are$/ })).toBeVisible();
  await expect(page.getByRole('navigation')).toHaveCount(0);

  await kiosk.getByRole('button', { name: /^Employee: unlock/ }).click();
  const unlock = page.getByRole('dialog', { name: 'Give the computer back' });
  await unlock.getByLabel('Employee’s PIN').fill('0000');
  await unlock.getByRole('button', { name: 'Unlock' }).click();
  await expect(unlock.getByRole('alert')).toHaveText(/Wrong PIN\. 4 attempts left\./);
  await unlock.getByLabel('Employee’s PIN').fill(pin);
  await unlock.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('navigation')).toBeVisible();
  await expect(kiosk).toHaveCount(0);
  expect((await callHost(hostOf().url, 'documents.list', {})).total).toBeGreaterThan(0);
  expect(problems.filter((p) => !p.includes('kiosk.locked'))).toEqual([]);
});
