import { expect, test, type Page } from '@playwright/test';
import { builtinRoleId } from '../src-shared/permissions/roles';
import { openSection, switchEmployee, watchForProblems } from './support/app';
import { demoBoardHost, demoTitles, dragWithMouse } from './support/demo-board';
import { callHost } from './support/rpc';

/**
 * Access permissions (issue 8) against the browser host with the demo data (three drafts, all the administrator's).
 * Ewa holds the Employee role and, to see the administrator's documents, the Viewer role; Vera only the Viewer role.
 * The administrator widens the Employee role in the matrix; Ewa gets the new rights in the same page, with no
 * reload. The tests share the host and run in order. Screenshots go to test-results/.
 */
const hostOf = demoBoardHost({}, 1100);
const ewa = 'Ewa Kowalska';
const vera = 'Vera Nowak';
let adminName = '';

const nav = (page: Page) => page.getByRole('navigation');
const column = (page: Page, name: string) => page.getByRole('region', { name: new RegExp(`^${name} \\d+ documents?$`) });
const card = (page: Page, stage: string, title: string) => column(page, stage).getByRole('button', { name: new RegExp(`^${title}`) });
const announced = (page: Page, text: string) => expect(page.getByRole('status').filter({ hasText: text })).toBeVisible();

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  const url = hostOf().url;
  adminName = (await callHost(url, 'app.info', {})).user.name;
  const ewaUser = await callHost(url, 'users.add', { name: ewa, isAdmin: false, isSigner: false });
  const veraUser = await callHost(url, 'users.add', { name: vera, isAdmin: false, isSigner: false });
  await callHost(url, 'permissions.assignUser', { userId: ewaUser.id, roleIds: [builtinRoleId('employee'), builtinRoleId('viewer')], department: null });
  await callHost(url, 'permissions.assignUser', { userId: veraUser.id, roleIds: [builtinRoleId('viewer')], department: null });
});

test('an Employee has no Access permissions and cannot delete; granted in the matrix, they can, without a reload', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(hostOf().url);
  await expect(column(page, 'Draft')).toBeVisible();
  // The administrator sees the section.
  await expect(nav(page).getByRole('link', { name: 'Access permissions' })).toBeVisible();
  // Marks this page: a reload or a restart of the renderer would lose it.
  await page.evaluate(() => ((globalThis as unknown as { samePage: boolean }).samePage = true));

  // --- Ewa, an Employee: no section, and no Delete on a document she may only view --------------------------------
  await switchEmployee(page, ewa);
  await expect(nav(page).getByRole('link', { name: 'Access permissions' })).toHaveCount(0);
  await card(page, 'Draft', demoTitles.supply).click();
  const panel = page.getByRole('dialog', { name: demoTitles.supply });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Delete document' })).toHaveCount(0);
  // Nor may she move it (hers are the Employee's own documents only).
  await expect(panel.getByRole('combobox', { name: /Move to stage/ })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/permissions-employee.png' });
  await panel.getByRole('button', { name: 'Close' }).first().click();
  await expect(panel).toBeHidden();

  // --- The administrator grants the Employee role deleting and managing permissions, in the matrix -----------------
  await switchEmployee(page, adminName);
  await openSection(page, 'Access permissions');
  const matrix = page.getByRole('region', { name: 'Roles and permissions' });
  const deleteCell = matrix.getByRole('combobox', { name: 'Delete documents — Employee' });
  await expect(deleteCell).toHaveValue('own');
  await deleteCell.selectOption({ label: 'All' });
  await matrix.getByRole('combobox', { name: 'Manage access permissions — Employee' }).selectOption({ label: 'All' });
  // Two cells of one role: one role to save; discarding would put both back.
  await matrix.getByRole('button', { name: 'Save 1 changed role' }).click();
  await announced(page, 'Permissions of 1 role saved.');
  await expect(matrix.getByRole('button', { name: /^Save \d+ changed role/ })).toBeDisabled();
  // The change is in the audited history, before and after.
  const history = page.getByRole('region', { name: 'History of changes' });
  await expect(history.getByText('Role “Employee” changed').first()).toBeVisible();
  await expect(history.getByText('Delete documents: Own → All')).toBeVisible();
  await expect(history.getByText('Manage access permissions: None → All')).toBeVisible();
  await expect(history.getByText(`${adminName},`).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/permissions-matrix.png', fullPage: true });

  // --- Ewa again, same page: the section is there and the document can be deleted ---------------------------------
  await switchEmployee(page, ewa);
  await expect(nav(page).getByRole('link', { name: 'Access permissions' })).toBeVisible();
  await openSection(page, 'Sign & manage');
  await card(page, 'Draft', demoTitles.supply).click();
  await expect(panel).toBeVisible();
  await panel.getByRole('button', { name: 'Delete document' }).click();
  const confirm = page.getByRole('dialog', { name: `Delete “${demoTitles.supply}”?` });
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  await announced(page, `“${demoTitles.supply}” deleted.`);
  await expect(card(page, 'Draft', demoTitles.supply)).toHaveCount(0);
  await expect(card(page, 'Draft', demoTitles.nda)).toBeVisible();
  expect(await page.evaluate(() => (globalThis as unknown as { samePage?: boolean }).samePage)).toBe(true);
  expect(problems).toEqual([]);
});

test('a Viewer sees the board but no Create button, and cannot drag or move a card', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(hostOf().url);
  await switchEmployee(page, vera);
  await expect(column(page, 'Draft')).toBeVisible();
  const nda = card(page, 'Draft', demoTitles.nda);
  await expect(nda).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create', exact: true })).toHaveCount(0);
  await expect(nav(page).getByRole('link', { name: 'Access permissions' })).toHaveCount(0);

  // A drag by mouse leaves the card where it was; so does the keyboard's lift (Space) and arrow.
  await dragWithMouse(page, nda, column(page, 'Signed'));
  await expect(card(page, 'Signed', demoTitles.nda)).toHaveCount(0);
  await expect(nda).toBeVisible();
  await nda.focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await expect(nda).toBeVisible();

  // The panel (opened by Space or a click) has no move menu and no Delete.
  const panel = page.getByRole('dialog', { name: demoTitles.nda });
  if (!(await panel.isVisible())) await nda.click();
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('combobox', { name: /Move to stage/ })).toHaveCount(0);
  await expect(panel.getByRole('button', { name: 'Delete document' })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/permissions-viewer.png' });

  // The board is not the guard: a move sent anyway is refused by the services.
  const doc = (await callHost(hostOf().url, 'documents.list', { filter: { query: 'poufności' } })).items[0]!;
  const signed = (await callHost(hostOf().url, 'stages.list', {})).find((s) => s.key === 'signed')!;
  await expect(callHost(hostOf().url, 'documents.move', { id: doc.id, stageId: signed.id, version: doc.version })).rejects.toThrow(/FORBIDDEN/);
  expect(problems).toEqual([]);
});
