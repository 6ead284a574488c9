import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { openSection, switchEmployee, watchForProblems } from './support/app';
import { demoBoardHost, demoTitles, withView } from './support/demo-board';
import { callHost } from './support/rpc';

/**
 * Employees against the browser host with the demo data (three documents, all the administrator's): the administrator
 * adds an employee in Settings (and cannot take away the last administrator's right); each employee has their own
 * board view, kept across switches of the employee working at the install; the board's owner filter narrows it to
 * one employee's documents. The tests share the host and run in order. Screenshots go to test-results/.
 */
const hostOf = demoBoardHost({}, 1100);
const { supply } = demoTitles;
const ewa = 'Ewa Kowalska';
const piotr = 'Piotr Wiśniewski';

const employeesCard = (page: Page) => page.getByRole('region', { name: 'Employees' });
const currentUser = (page: Page) => page.getByTestId('current-user');
const region = (page: Page, stage: string) => page.getByRole('region', { name: new RegExp(`^${stage} \\d+ documents?$`) });
const card = (page: Page, title: string) => region(page, 'Draft').getByRole('button', { name: new RegExp(`^${title}`) });
const announced = (page: Page, text: string) => expect(page.getByRole('status').filter({ hasText: text })).toBeVisible();
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function addEmployee(page: Page, name: string, email: string): Promise<void> {
  await openSection(page, 'Settings');
  await employeesCard(page).getByRole('button', { name: 'Add employee' }).click();
  const dialog = page.getByRole('dialog', { name: 'New employee' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('E-mail (optional)').fill(email);
  await dialog.getByRole('checkbox', { name: 'Signs for the company' }).check();
  await dialog.getByRole('button', { name: 'Add employee' }).click();
  await expect(dialog).toBeHidden();
  await announced(page, `${name} added.`);
}


test('the administrator adds an employee; each one has their own board view, kept across switches', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(hostOf().url);
  await expect(region(page, 'Draft')).toBeVisible();
  const admin = (await currentUser(page).textContent()) ?? '';
  expect(admin).not.toBe('');
  // Nobody to hand the install to yet.
  await expect(page.getByRole('button', { name: 'Switch employee' })).toHaveCount(0);

  // --- Settings → Employees: the form's checks, the last administrator, then the new employee --------------------
  await openSection(page, 'Settings');
  const employees = employeesCard(page);
  await expect(employees.getByRole('row', { name: new RegExp(`^${escaped(admin)} you`) })).toBeVisible();
  const addButton = employees.getByRole('button', { name: 'Add employee' });
  await addButton.click();
  const add = page.getByRole('dialog', { name: 'New employee' });
  await expect(add.getByLabel('Name')).toBeFocused();
  await add.getByRole('button', { name: 'Add employee' }).click();
  await expect(add.getByLabel('Name')).toHaveAccessibleDescription('Required.');
  await add.getByLabel('Name').fill(ewa);
  await add.getByLabel('E-mail (optional)').fill('ewa@');
  await add.getByRole('button', { name: 'Add employee' }).click();
  await expect(add.getByLabel('E-mail (optional)')).toHaveAccessibleDescription(/Enter a valid e-mail address/);
  await page.keyboard.press('Escape');
  await expect(add).toBeHidden();
  await expect(addButton).toBeFocused();

  await employees.getByRole('button', { name: `Edit ${admin}` }).click();
  const edit = page.getByRole('dialog', { name: `Edit ${admin}` });
  const adminBox = edit.getByRole('checkbox', { name: 'Administrator' });
  await expect(adminBox).toHaveAccessibleDescription(/The only administrator/);
  await adminBox.uncheck();
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit.getByRole('alert')).toContainText('Signet needs at least one administrator.');
  await page.keyboard.press('Escape');
  await expect(employees.getByRole('button', { name: `Edit ${admin}` })).toBeFocused();

  await addEmployee(page, ewa, 'Ewa.Kowalska@Signet-Demo.pl');
  const ewaRow = employees.getByRole('row', { name: new RegExp(`^${ewa}`) });
  await expect(ewaRow).toHaveText(/ewa\.kowalska@signet-demo\.pl\s*—\s*No\s*✓\s*Yes/);
  await page.screenshot({ path: 'test-results/employees-settings.png' });

  // --- As the administrator: a hidden column and other card fields ------------------------------------------------
  await openSection(page, 'Sign & manage');
  await expect(card(page, supply)).toContainText('UM/');
  await withView(page, async (dialog) => {
    await dialog.getByRole('checkbox', { name: 'Archived', exact: true }).uncheck();
    await dialog.getByRole('checkbox', { name: 'Number', exact: true }).uncheck();
    await dialog.getByRole('checkbox', { name: 'Department', exact: true }).check();
  });
  const adminView = async () => {
    // A shown column first: "no Archived column" also holds while the page is still loading.
    await expect(region(page, 'Cancelled')).toBeVisible();
    await expect(region(page, 'Archived')).toHaveCount(0);
    await expect(card(page, supply)).toContainText('Zakupy');
    await expect(card(page, supply)).not.toContainText('UM/');
    await expect(page.locator('.section-board')).toHaveClass(/board-density-comfortable/);
  };
  await adminView();

  // --- Ewa: every column and the default card fields; her own change -----------------------------------------------
  await switchEmployee(page, ewa, 'test-results/employees-switch.png');
  // The sidebar names her roles: a signer starts as a Director (who signs for the company).
  await expect(page.locator('.user-role')).toHaveText('Director');
  await expect(region(page, 'Archived')).toBeVisible();
  await expect(card(page, supply)).toContainText('UM/');
  await expect(card(page, supply)).not.toContainText('Zakupy');
  await withView(page, async (dialog) => {
    await dialog.getByRole('checkbox', { name: 'Cancelled', exact: true }).uncheck();
    await dialog.getByRole('radio', { name: 'Compact' }).check();
  });
  await expect(region(page, 'Cancelled')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/employees-board-ewa.png' });

  // Not an administrator: Settings reads, and does not offer to change.
  await openSection(page, 'Settings');
  await expect(employees).toContainText('Only an administrator can add or change them.');
  await expect(employees.getByRole('button')).toHaveCount(0);
  await expect(employees.getByRole('row', { name: new RegExp(`^${ewa} you`) })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Edit company details' })).toBeDisabled();

  // --- Back to the administrator: the view as it was left, also after a reload ------------------------------------
  await switchEmployee(page, admin);
  await expect(page.locator('.user-role')).toHaveText('Administrator');
  await expect(employees.getByRole('button', { name: 'Add employee' })).toBeVisible();
  await openSection(page, 'Sign & manage');
  await adminView();
  await page.reload();
  await expect(currentUser(page)).toHaveText(admin);
  await adminView();
  expect(problems).toEqual([]);
});

test('the owner filter narrows the board to one employee’s documents and is kept with the view', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(hostOf().url);
  const admin = (await currentUser(page).textContent()) ?? '';
  await addEmployee(page, piotr, 'piotr.wisniewski@signet-demo.pl');
  await switchEmployee(page, piotr);
  // The UI does not create documents yet: one is made over the socket, as another window would, while Piotr works.
  const title = 'Umowa najmu biura w Poznaniu';
  const pdf = fs.readFileSync(path.resolve(import.meta.dirname, '../resources/samples/nda-pl.pdf')).toString('base64');
  const { sha256 } = await callHost(hostOf().url, 'pdf.import', { data: pdf });
  expect(await callHost(hostOf().url, 'documents.create', { fileSha256: sha256, originalName: 'najem.pdf', title })).toMatchObject({ ownerName: piotr });
  await switchEmployee(page, admin);

  await openSection(page, 'Sign & manage');
  const owner = page.getByRole('search', { name: 'Filters' }).getByLabel('Owner');
  await expect(owner.getByRole('option')).toHaveText(['Anyone', ...[admin, ewa, piotr].sort((a, b) => a.localeCompare(b))]);
  await expect(card(page, title)).toBeVisible();
  await expect(card(page, supply)).toBeVisible();

  await owner.selectOption({ label: piotr });
  await expect(card(page, supply)).toHaveCount(0);
  await expect(card(page, title)).toBeVisible();
  await expect(region(page, 'Draft')).toHaveAccessibleName('Draft 1 document');
  await page.screenshot({ path: 'test-results/employees-owner-filter.png' });
  await page.reload();
  await expect(owner.locator('option:checked')).toHaveText(piotr);
  await expect(card(page, supply)).toHaveCount(0);

  await owner.selectOption({ label: admin });
  await expect(card(page, title)).toHaveCount(0);
  await expect(region(page, 'Draft')).toHaveAccessibleName('Draft 3 documents');
  await owner.selectOption({ label: 'Anyone' });
  await expect(region(page, 'Draft')).toHaveAccessibleName('Draft 4 documents');

  // --- Polish ---------------------------------------------------------------------------------------------------
  await openSection(page, 'Settings');
  await page.getByRole('radio', { name: 'Polski' }).check();
  const polish = page.getByRole('region', { name: 'Pracownicy' });
  await expect(polish.getByRole('columnheader', { name: 'Podpisuje w imieniu firmy' })).toBeVisible();
  await polish.getByRole('button', { name: `Edytuj dane: ${admin}` }).click();
  const edit = page.getByRole('dialog', { name: `Edycja: ${admin}` });
  await edit.getByRole('checkbox', { name: 'Administrator' }).uncheck();
  await edit.getByRole('button', { name: 'Zapisz' }).click();
  await expect(edit.getByRole('alert')).toContainText('Signet potrzebuje co najmniej jednego administratora.');
  await edit.getByRole('button', { name: 'Anuluj' }).click();
  await page.getByRole('button', { name: 'Zmień pracownika' }).click();
  await expect(page.getByRole('dialog', { name: 'Kto teraz pracuje?' }).getByRole('radio', { name: /pracuje teraz/ })).toBeChecked();
  await page.keyboard.press('Escape');
  await openSection(page, 'Podpisuj i zarządzaj');
  await expect(page.getByRole('search', { name: 'Filtry' }).getByLabel('Właściciel').getByRole('option', { name: 'Wszyscy' })).toBeAttached();
  // Back to the system language (English here), as the host started.
  await openSection(page, 'Ustawienia');
  await page.getByRole('radio', { name: /^Język systemu/ }).check();
  await expect(page.getByRole('region', { name: 'Employees' })).toBeVisible();
  expect(problems).toEqual([]);
});
