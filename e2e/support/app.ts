import { expect, type Page } from '@playwright/test';

/** Collects what must never happen on a page: console errors (CSP violations show up there), uncaught exceptions, HTTP errors. */
export function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`http ${res.status()}: ${res.url()}`);
  });
  return problems;
}

/** Clicks a section in the left navigation and waits for its heading. */
export async function openSection(page: Page, name: string | RegExp): Promise<void> {
  const nav = page.getByRole('navigation');
  await nav.getByRole('link', { name }).click();
  await expect(nav.getByRole('link', { name })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** The English first-run form, filled with just the required company name. */
export async function completeFirstRun(page: Page, companyName: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Signet' })).toBeVisible();
  await page.getByLabel('Company name').fill(companyName);
  await page.getByRole('button', { name: 'Start using Signet' }).click();
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
}

/** Fills the open "New contact" dialog (English labels) and saves it. */
export async function createContact(
  page: Page,
  fields: { firstName: string; lastName: string; email?: string; phone?: string; company?: string; nip?: string; kind?: string },
): Promise<void> {
  await page.getByRole('button', { name: 'New contact' }).click();
  const dialog = page.getByRole('dialog', { name: 'New contact' });
  if (fields.kind) await dialog.getByLabel('Kind').selectOption({ label: fields.kind });
  await dialog.getByLabel('First name').fill(fields.firstName);
  await dialog.getByLabel('Last name').fill(fields.lastName);
  if (fields.email) await dialog.getByLabel('E-mail').fill(fields.email);
  if (fields.phone) await dialog.getByLabel('Phone').fill(fields.phone);
  if (fields.company) await dialog.getByLabel('Company').fill(fields.company);
  if (fields.nip) await dialog.getByLabel('NIP', { exact: true }).fill(fields.nip);
  await dialog.getByRole('button', { name: 'Save' }).click();
}

/** Hands the install to another employee through the sidebar's dialog (a screenshot of the dialog when asked). */
export async function switchEmployee(page: Page, name: string, screenshot?: string): Promise<void> {
  await page.getByRole('button', { name: 'Switch employee' }).click();
  const dialog = page.getByRole('dialog', { name: 'Who is working now?' });
  // Opens on the employee working now, so arrow keys start from there.
  await expect(dialog.getByRole('radio', { name: /working now/ })).toBeFocused();
  await dialog.getByRole('radio', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} ·`) }).check();
  if (screenshot) await page.screenshot({ path: screenshot });
  await dialog.getByRole('button', { name: 'Switch', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `Now working as ${name}.` })).toBeVisible();
  await expect(page.getByTestId('current-user')).toHaveText(name);
}
