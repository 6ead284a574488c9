import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { watchForProblems } from './support/app';
import { specHost } from './support/spec-host';

/**
 * The "Prepare and send" wizard end to end, in Chromium against the demo browser host: Create from the board, a PDF
 * through the file chooser, the administrator and a counterparty created inline, a signature for each placed by
 * keyboard, in person with an expiry, the review, Send → "Waiting for company signature"; and a draft saved at step 2
 * and resumed from its card.
 */
test.use({ viewport: { width: 1600, height: 1000 } });
const hostOf = specHost({ demo: true });
const pdf = path.resolve(import.meta.dirname, '../resources/samples/service-agreement-en.pdf');
const column = (page: Page, name: string) => page.getByRole('region', { name: new RegExp(`^${name} \\d+ documents?$`) });

async function startWithFile(page: Page, title: string): Promise<string> {
  await page.goto(hostOf().url);
  const admin = (await page.getByTestId('current-user').textContent())!.trim();
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Prepare and send' })).toBeFocused();
  await expect(page.getByRole('list', { name: 'Steps' }).locator('[aria-current="step"]')).toHaveText('1. File');
  const chooser = page.waitForEvent('filechooser');
  await page.getByText('Choose a PDF…').click();
  await (await chooser).setFiles(pdf);
  await expect(page.getByRole('status').filter({ hasText: 'service-agreement-en.pdf' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByLabel('Title')).toHaveValue('service-agreement-en');
  await page.getByLabel('Title').fill(title);
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Step 2 of 5: Signers' })).toBeFocused();
  await page.getByRole('group', { name: 'Signing for the company' }).getByRole('checkbox', { name: admin }).check();
  return admin;
}

async function createCounterparty(page: Page, first: string, last: string): Promise<void> {
  await page.getByRole('button', { name: 'New contact…' }).click();
  const form = page.getByRole('group', { name: 'New contact' });
  await form.getByRole('button', { name: 'Add contact' }).click();
  await expect(form.getByLabel('First name')).toHaveAttribute('aria-invalid', 'true');
  await form.getByLabel('First name').fill(first);
  await form.getByLabel('Last name').fill(last);
  await form.getByLabel('Company').fill('Wizard Test Ltd');
  await form.getByLabel('E-mail').fill('wizard@example.com');
  await form.getByRole('button', { name: 'Add contact' }).click();
  await expect(page.getByRole('group', { name: 'Signing for the other party' })).toContainText(`${first} ${last}`);
}

test('wizard: upload, signers with an inline contact, fields by keyboard, in person, review, send', async ({ page }) => {
  const problems = watchForProblems(page);
  const admin = await startWithFile(page, 'Wizard service agreement');
  await createCounterparty(page, 'Ewa', 'Wizardowska');
  await page.getByRole('button', { name: 'Next', exact: true }).click();

  await expect(page.getByRole('heading', { level: 2, name: 'Step 3 of 5: Fields' })).toBeFocused();
  await expect(page.locator('.field-editor-page canvas').first()).toBeVisible({ timeout: 20_000 });
  const palette = page.getByRole('region', { name: 'Fields' });
  await palette.getByRole('button', { name: 'Signature', exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('radio', { name: /Ewa Wizardowska/ }).check();
  await palette.getByRole('button', { name: 'Signature', exact: true }).focus();
  await page.keyboard.press('Enter');
  // Placed in the same spot as the first: moved clear of it by keyboard so the two signers' fields do not overlap.
  for (let i = 0; i < 8; i++) await page.keyboard.press('Shift+ArrowDown');
  await page.getByRole('button', { name: 'Next', exact: true }).click();

  await expect(page.getByRole('heading', { level: 2, name: 'Step 4 of 5: Delivery' })).toBeFocused();
  await expect(page.getByText('There is no company server yet')).toBeVisible();
  const ewa = page.getByRole('group', { name: 'How Ewa Wizardowska signs' });
  await expect(ewa.getByRole('radio', { name: /In person on this computer/ })).toBeChecked();
  await expect(ewa.getByRole('radio', { name: /E-mail — needs the company server/ })).toBeDisabled();
  await expect(ewa.getByRole('radio', { name: /SMS — no phone number/ })).toBeDisabled();
  await page.getByLabel('Can be signed until').fill('2000-01-01');
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page.getByText('Choose a day after today.')).toBeVisible();
  const next = new Date(Date.now() + 30 * 86_400_000);
  const expiry = `${next.getFullYear()}-${String(next.getMonth() + 1).padStart(2, '0')}-${String(next.getDate()).padStart(2, '0')}`;
  await page.getByLabel('Can be signed until').fill(expiry);
  await page.getByLabel('Personal message').fill('Please sign by Friday.');
  await page.getByLabel('Reminders').selectOption({ label: 'Every 3 days' });
  await page.getByRole('button', { name: 'Next', exact: true }).click();

  await expect(page.getByRole('heading', { level: 2, name: 'Step 5 of 5: Review and send' })).toBeFocused();
  const review = page.locator('.wizard-review');
  await expect(review).toContainText('Wizard service agreement');
  await expect(review).toContainText('service-agreement-en.pdf');
  await expect(review).toContainText(expiry);
  await expect(review).toContainText('Please sign by Friday.');
  await expect(review).toContainText('Every 3 days');
  const rows = page.getByRole('table', { name: 'Signers' }).getByRole('row');
  await expect(rows.nth(1)).toContainText(`${admin}CompanyIn the app (employee)1`);
  await expect(rows.nth(2)).toContainText('Ewa WizardowskaOther partyIn person on this computer1');
  await page.getByRole('button', { name: 'Send' }).click();

  await expect(page.getByRole('heading', { name: 'Sent for signing' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign now' })).toBeVisible();
  await page.getByRole('button', { name: 'Go to the board' }).click();
  await expect(column(page, 'Waiting for company signature').getByRole('button', { name: /^Wizard service agreement/ })).toBeVisible();
  expect(problems).toEqual([]);
});

test('wizard: a draft saved at step 2 is on the board and resumes where it was left', async ({ page }) => {
  await startWithFile(page, 'Wizard resumed draft');
  await page.getByRole('button', { name: 'Save draft and close' }).click();
  const card = column(page, 'Draft').getByRole('button', { name: /^Wizard resumed draft/ });
  await expect(card).toBeVisible();
  await card.click();
  await page.getByRole('dialog', { name: 'Wizard resumed draft' }).getByRole('button', { name: 'Continue preparing' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Step 2 of 5: Signers' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Signing for the company' }).getByRole('checkbox').first()).toBeChecked();
});
