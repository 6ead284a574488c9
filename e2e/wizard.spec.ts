import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { watchForProblems } from './support/app';
import { closeAndStay, goToHash, hashOf } from './support/leaving';
import { callHost } from './support/rpc';
import { specHost } from './support/spec-host';

/**
 * The "Prepare and send" wizard end to end, in Chromium against the demo browser host: Create from the board, a PDF
 * through the file chooser, the administrator and a counterparty created inline, a signature for each placed by
 * keyboard, in person with an expiry, the review, Send → "Waiting for company signature"; a draft saved at step 2
 * and resumed from its card; and one closed at step 4, after a phone number was added to a counterparty who had no
 * address, that resumes with its order and delivery choices. Fields placed at step 3 and not saved yet are not lost
 * to a change of address, the side navigation or closing the window without asking: stay keeps them, discard leaves,
 * "Save and leave" stores them first.
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

async function createCounterparty(page: Page, first: string, last: string, email: string | null = 'wizard@example.com'): Promise<void> {
  await page.getByRole('button', { name: 'New contact…' }).click();
  const form = page.getByRole('group', { name: 'New contact' });
  await form.getByRole('button', { name: 'Add contact' }).click();
  await expect(form.getByLabel('First name')).toHaveAttribute('aria-invalid', 'true');
  await form.getByLabel('First name').fill(first);
  await form.getByLabel('Last name').fill(last);
  await form.getByLabel('Company').fill('Wizard Test Ltd');
  if (email) await form.getByLabel('E-mail').fill(email);
  await form.getByRole('button', { name: 'Add contact' }).click();
  await expect(page.getByRole('group', { name: 'Signing for the other party' })).toContainText(`${first} ${last}`);
}

/** Step 3: a signature for the administrator and one for the counterparty, placed by keyboard; on to step 4. */
async function placeSignatures(page: Page, counterparty: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 2, name: 'Step 3 of 5: Fields' })).toBeFocused();
  await expect(page.locator('.field-editor-page canvas').first()).toBeVisible({ timeout: 20_000 });
  const palette = page.getByRole('region', { name: 'Fields' });
  await palette.getByRole('button', { name: 'Signature', exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('radio', { name: new RegExp(counterparty) }).check();
  await palette.getByRole('button', { name: 'Signature', exact: true }).focus();
  await page.keyboard.press('Enter');
  // Placed in the same spot as the first: moved clear of it by keyboard so the two signers' fields do not overlap.
  for (let i = 0; i < 8; i++) await page.keyboard.press('Shift+ArrowDown');
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Step 4 of 5: Delivery' })).toBeFocused();
}

/** "Save draft and close", then the Draft's card on the board → "Continue preparing". */
async function closeAndResume(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: 'Save draft and close' }).click();
  const card = column(page, 'Draft').getByRole('button', { name: new RegExp(`^${title}`) });
  await expect(card).toBeVisible();
  await card.click();
  await page.getByRole('dialog', { name: title }).getByRole('button', { name: 'Continue preparing' }).click();
}

/** yyyy-MM-dd, `days` from today in this computer's calendar (as the date input takes it). */
function dayAfter(days: number): string {
  const next = new Date(Date.now() + days * 86_400_000);
  return `${next.getFullYear()}-${String(next.getMonth() + 1).padStart(2, '0')}-${String(next.getDate()).padStart(2, '0')}`;
}

test('wizard: upload, signers with an inline contact, fields by keyboard, in person, review, send', async ({ page }) => {
  const problems = watchForProblems(page);
  const admin = await startWithFile(page, 'Wizard service agreement');
  await createCounterparty(page, 'Ewa', 'Wizardowska');
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await placeSignatures(page, 'Ewa Wizardowska');

  await expect(page.getByText('There is no company server yet')).toBeVisible();
  const ewa = page.getByRole('group', { name: 'How Ewa Wizardowska signs' });
  await expect(ewa.getByRole('radio', { name: /In person on this computer/ })).toBeChecked();
  await expect(ewa.getByRole('radio', { name: /E-mail — needs the company server/ })).toBeDisabled();
  await expect(ewa.getByRole('radio', { name: /SMS — no phone number/ })).toBeDisabled();
  await expect(ewa).toContainText('Identity code for signing in person: by e-mail to wizard@example.com');
  await page.getByLabel('Can be signed until').fill('2000-01-01');
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page.getByText('Choose a day after today.')).toBeVisible();
  const expiry = dayAfter(30);
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
  await closeAndResume(page, 'Wizard resumed draft');
  await expect(page.getByRole('heading', { level: 2, name: 'Step 2 of 5: Signers' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Signing for the company' }).getByRole('checkbox').first()).toBeChecked();
});

test('wizard: a phone added in step 4 for a counterparty with no address; closed there, resumed from the card with its order and delivery choices', async ({ page }) => {
  const problems = watchForProblems(page);
  await startWithFile(page, 'Wizard delivery resumed');
  await createCounterparty(page, 'Olga', 'Bezadresowa', null);
  await page.getByRole('radio', { name: 'Everyone at once' }).check();
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await placeSignatures(page, 'Olga Bezadresowa');

  const olga = page.getByRole('group', { name: 'How Olga Bezadresowa signs' });
  await expect(olga.getByRole('radio', { name: /In person on this computer/ })).toBeChecked();
  await expect(olga.getByRole('radio', { name: /E-mail — no e-mail address/ })).toBeDisabled();
  await expect(olga.getByRole('radio', { name: /SMS — no phone number/ })).toBeDisabled();
  await expect(olga).toContainText('Olga Bezadresowa has no e-mail address or phone number');
  await olga.getByRole('button', { name: 'Add a phone number' }).click();
  const phoneForm = page.getByRole('form', { name: 'Phone number for Olga Bezadresowa' });
  await expect(phoneForm.getByLabel('Phone')).toBeFocused();
  await phoneForm.getByRole('button', { name: 'Save to the contact' }).click();
  await expect(phoneForm.getByLabel('Phone')).toHaveAttribute('aria-invalid', 'true');
  await phoneForm.getByLabel('Phone').fill('12');
  await phoneForm.getByRole('button', { name: 'Save to the contact' }).click();
  // The contact book's own check, by the field: the number is read in the contact's country.
  await expect(phoneForm.getByText('Enter a valid phone number')).toBeVisible();
  await expect(phoneForm.getByLabel('Phone')).toHaveAttribute('aria-invalid', 'true');
  // The demo's Katarzyna Wiśniewska has this number: the contact book refuses a second contact with it.
  await phoneForm.getByLabel('Phone').fill('601 234 567');
  await phoneForm.getByRole('button', { name: 'Save to the contact' }).click();
  await expect(phoneForm.getByRole('alert')).toContainText('A contact with the same details already exists.');
  await phoneForm.getByLabel('Phone').fill('693 214 587');
  await phoneForm.getByRole('button', { name: 'Save to the contact' }).click();
  await expect(phoneForm).toBeHidden();
  await expect(olga).toContainText('Identity code for signing in person: by SMS to +48 693 214 587');
  await expect(olga.getByRole('radio', { name: /SMS — needs the company server/ })).toBeDisabled();
  await expect(olga.getByRole('button', { name: 'Add a phone number' })).toBeHidden();
  await expect(olga.getByRole('button', { name: 'Add an e-mail address' })).toBeVisible();

  const expiry = dayAfter(21);
  await page.getByLabel('Language of the messages').selectOption({ label: 'Polski' });
  await page.getByLabel('Personal message').fill('Proszę o podpis do piątku.');
  await page.getByLabel('Can be signed until').fill(expiry);
  await page.getByLabel('Reminders').selectOption({ label: 'Every 5 days' });
  await closeAndResume(page, 'Wizard delivery resumed');
  await expect(page.getByRole('heading', { level: 2, name: 'Step 4 of 5: Delivery' })).toBeVisible();
  await expect(page.getByLabel('Language of the messages')).toHaveValue('pl');
  await expect(page.getByLabel('Personal message')).toHaveValue('Proszę o podpis do piątku.');
  await expect(page.getByLabel('Can be signed until')).toHaveValue(expiry);
  await expect(page.getByLabel('Reminders')).toHaveValue('5');
  await expect(page.getByRole('group', { name: 'How Olga Bezadresowa signs' })).toContainText('by SMS to +48 693 214 587');

  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Step 5 of 5: Review and send' })).toBeFocused();
  const review = page.locator('.wizard-review');
  await expect(review).toContainText('Everyone at once');
  await expect(review).toContainText(expiry);
  await expect(review).toContainText('Every 5 days');
  await expect(review).toContainText('Polski');
  await expect(review).toContainText('Proszę o podpis do piątku.');
  await expect(page.getByRole('table', { name: 'Signers' }).getByRole('row').nth(2)).toContainText('Olga BezadresowaOther partyIn person on this computer1by SMS to +48 693 214 587');

  // The order came back too: step 2 shows it as chosen before the Draft was closed.
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Step 2 of 5: Signers' })).toBeFocused();
  await expect(page.getByRole('radio', { name: 'Everyone at once' })).toBeChecked();
  expect(problems).toEqual([]);
});

/** Goes to the Draft's step 3 at `address` (from outside the wizard) and places a signature by keyboard. */
async function placeAt(page: Page, address: string): Promise<void> {
  await goToHash(page, address);
  await expect(page.getByRole('heading', { level: 2, name: 'Step 3 of 5: Fields' })).toBeVisible();
  await expect(page.locator('.field-editor-page canvas').first()).toBeVisible({ timeout: 20_000 });
  await page.getByRole('region', { name: 'Fields' }).getByRole('button', { name: 'Signature', exact: true }).focus();
  await page.keyboard.press('Enter');
}

test('wizard: fields placed at step 3 and not saved are asked about before leaving; stay keeps them, discard leaves, save and leave stores them', async ({ page }) => {
  const problems = watchForProblems(page);
  await startWithFile(page, 'Wizard unsaved fields');
  await createCounterparty(page, 'Igor', 'Niezapisany', 'igor.niezapisany@example.com');
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Step 3 of 5: Fields' })).toBeFocused();
  await expect(page.locator('.field-editor-page canvas').first()).toBeVisible({ timeout: 20_000 });
  const address = await hashOf(page);
  const id = /^#\/create\/([0-9a-f-]{36})$/.exec(address)?.[1];
  expect(id).toBeDefined();
  const storedFields = async () => (await callHost(hostOf().url, 'documents.fields.get', { id: id! })).layout.fields.length;
  const question = page.getByRole('dialog', { name: 'Discard the changes to the fields?' });
  const placed = page.getByRole('group', { name: /^Page 1: 1 field$/ });

  // Nothing placed yet: nothing to lose, nothing asked on the way to the board and back.
  await goToHash(page, '#/');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign & manage' })).toBeVisible();
  await expect(question).toHaveCount(0);
  await placeAt(page, address);
  await expect(placed).toBeVisible();

  // An address: held back, asked; staying keeps the field and the address.
  await goToHash(page, '#/');
  await expect(question).toBeVisible();
  await expect(question.getByRole('button', { name: 'Keep editing' })).toBeFocused();
  await expect(question.getByRole('button', { name: 'Save and leave' })).toBeVisible();
  expect(await hashOf(page)).toBe(address);
  await question.getByRole('button', { name: 'Keep editing' }).click();
  await expect(question).toBeHidden();
  await expect(placed).toBeVisible();
  expect(await hashOf(page)).toBe(address);

  // Closing the window: the browser's own question; staying keeps the field.
  await closeAndStay(page);
  await expect(placed).toBeVisible();

  // Discard: the address is followed and the field was never stored.
  await goToHash(page, '#/');
  await question.getByRole('button', { name: 'Discard changes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign & manage' })).toBeVisible();
  await expect.poll(() => hashOf(page)).toBe('#/');
  expect(await storedFields()).toBe(0);

  // Back to the Draft, a field placed again; from the side navigation "Save and leave" stores it, then goes.
  await placeAt(page, address);
  await expect(placed).toBeVisible();
  // The side navigation is asked about too; Escape keeps editing.
  const contacts = page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Contacts' });
  await contacts.click();
  await expect(question).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(question).toBeHidden();
  await expect(page.getByRole('heading', { level: 2, name: 'Step 3 of 5: Fields' })).toBeVisible();
  await expect(placed).toBeVisible();
  await contacts.click();
  await question.getByRole('button', { name: 'Save and leave' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Contacts' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Draft saved.' })).toBeVisible();
  expect(await storedFields()).toBe(1);

  // The wizard's own "Save draft and close" saves the step and goes without asking.
  await placeAt(page, address);
  await expect(page.getByRole('group', { name: /^Page 1: 2 fields$/ })).toBeVisible();
  await page.getByRole('button', { name: 'Save draft and close' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Contacts' })).toBeVisible();
  await expect(question).toHaveCount(0);
  expect(await storedFields()).toBe(2);
  expect(problems).toEqual([]);
});
