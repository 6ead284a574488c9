import { expect, type Browser, type Page } from '@playwright/test';
import { openSection } from './app';

/*
 * The people's steps of a signing, in the browser: the director signs in the app ("To sign"), a counterparty on the
 * company server's portal. Shared by the specs that sign end to end.
 */

export async function drawOn(page: Page): Promise<void> {
  const box = (await page.getByRole('img', { name: /^Signature drawing area/ }).boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 30 + i * 20, box.y + box.height / 2 + (i % 2 ? -18 : 18), { steps: 2 });
  await page.mouse.up();
}

/** The director signs from "To sign" by drawing. */
export async function directorSigns(page: Page, title: string): Promise<void> {
  await openSection(page, /^To sign/);
  await page.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await drawOn(page);
  await page.getByRole('checkbox', { name: /^I have read the whole document/ }).check();
  await page.getByRole('button', { name: 'Sign', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `You signed “${title}”.` })).toBeVisible();
}

/** The counterparty, in a browser of their own: the link, the code from `codeOf`, the city, a drawn signature, consent. */
export async function counterpartySigns(browser: Browser, link: string, codeOf: () => Promise<string>, title: string): Promise<void> {
  const context = await browser.newContext({ locale: 'en-GB' });
  try {
    const page = await context.newPage();
    await page.goto(link);
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByText(title).first()).toBeVisible();
    await page.getByRole('button', { name: 'Send the code' }).click();
    await page.getByLabel('6-digit code').fill(await codeOf());
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await page.getByLabel(/^Miejscowość · page 1/).fill('Gdańsk');
    await drawOn(page);
    await page.getByRole('checkbox', { name: /^I have read the whole document/ }).check();
    await page.getByRole('button', { name: 'Sign', exact: true }).click();
    await expect(page.getByText(/you will receive the sealed document by e-mail/i)).toBeVisible();
  } finally {
    await context.close();
  }
}
