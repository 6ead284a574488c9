import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import Papa from 'papaparse';
import { watchForProblems } from './support/app';
import { demoBoardHost } from './support/demo-board';
import { callHost } from './support/rpc';

/**
 * The list view sorted by the columns that need more than the documents row (the stage in the company's order, the
 * counterparty as the contacts book sorts it), its CSV in that order, and a row opening the same document panel the
 * board opens, by mouse and by keyboard, with a move made from it. Against the browser host with the demo data plus
 * 40 documents over every stage.
 */
const hostOf = demoBoardHost({ demoDocuments: 40 }, 1100);

/** The board's column order: the company's stages. */
const stageOrder = ['Draft', 'Waiting for company signature', 'Sent to counterparty', 'Signed', 'Archived', 'Declined', 'Cancelled', 'Expired'];

/** As Signet folds names for sorting (src-shared/text/fold.ts). */
const fold = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ł/g, 'l').replace(/Ł/g, 'L').toLowerCase().trim();

/** The board in list mode. The mode is part of the saved view, so a test after the first may find it there already. */
async function openList(page: Page): Promise<Locator> {
  await page.goto(hostOf().url);
  const table = page.getByRole('table', { name: 'Documents' });
  await expect(page.getByRole('region', { name: /^Draft \d+ documents?$/ }).or(table)).toBeVisible();
  if (!(await table.isVisible())) {
    await page.getByRole('button', { name: 'View', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Your board view' });
    await dialog.getByRole('radio', { name: 'List' }).check();
    await dialog.getByRole('button', { name: 'Close' }).last().click();
  }
  await expect(table.locator('tbody tr')).toHaveCount(43);
  return table;
}

/** The text of one column (1-based among the row's `td` cells: number, stage, counterparty, …) in every row. */
const cells = (table: Locator, column: number) => table.locator(`tbody tr td:nth-of-type(${column})`).allTextContents();

async function sortBy(table: Locator, name: string, direction: 'ascending' | 'descending'): Promise<void> {
  const header = table.getByRole('columnheader', { name });
  if ((await header.getAttribute('aria-sort')) !== direction) await header.getByRole('button').click();
  if ((await header.getAttribute('aria-sort')) !== direction) await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', direction);
}

test('the list sorts by stage in the company order and by counterparty folded for Polish; the CSV follows', async ({ page }) => {
  const problems = watchForProblems(page);
  const table = await openList(page);

  await sortBy(table, 'Stage', 'ascending');
  // Not the names' order: "Archived" would come first.
  await expect.poll(async () => (await cells(table, 2))[0]).toBe('Draft');
  const ranks = (await cells(table, 2)).map((name) => stageOrder.indexOf(name));
  expect(ranks.every((r) => r >= 0)).toBe(true);
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  expect(new Set(ranks).size).toBeGreaterThan(3);
  await expect(table.getByRole('columnheader', { name: 'Updated' })).toHaveAttribute('aria-sort', 'none');

  await sortBy(table, 'Stage', 'descending');
  await expect.poll(async () => (await cells(table, 2))[0]).not.toBe('Draft');
  const down = (await cells(table, 2)).map((name) => stageOrder.indexOf(name));
  expect(down).toEqual([...down].sort((a, b) => b - a));

  await sortBy(table, 'Counterparty', 'ascending');
  await expect(table.getByRole('columnheader', { name: 'Stage' })).toHaveAttribute('aria-sort', 'none');
  await expect.poll(async () => (await cells(table, 3))[0]).toBe('Agro-Lub Dostawy S.A.');
  const parties = await cells(table, 3);
  const named = parties.filter(Boolean).map(fold);
  expect(named).toEqual([...named].sort());
  // Documents without a counterparty come after all the others.
  expect(parties.slice(named.length).every((p) => p === '')).toBe(true);
  await page.screenshot({ path: 'test-results/board-list-by-counterparty.png' });

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await readFile((await (await downloading).path())!, 'utf8');
  const rows = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
  expect(rows.map((r) => r.Number)).toEqual(await cells(table, 1));
  expect(rows.map((r) => r.Stage)).toEqual(await cells(table, 2));
  expect(problems).toEqual([]);
});

test('a row opens the document panel by click and by Enter; a move made there shows in the list', async ({ page }) => {
  const problems = watchForProblems(page);
  const table = await openList(page);
  await sortBy(table, 'Stage', 'ascending');
  await expect.poll(async () => (await cells(table, 2))[0]).toBe('Draft');

  const first = table.locator('tbody tr').first();
  const title = (await first.locator('th').textContent())!;
  const number = (await first.locator('td').first().textContent())!;
  const id = (await first.getAttribute('data-document-id'))!;
  await first.click();
  const panel = page.getByRole('dialog', { name: title });
  await expect(panel).toBeVisible();
  await expect(panel.getByText(number, { exact: true })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();

  // By keyboard: Tab reaches the rows; Enter on one opens it, and closing gives the focus back to the row.
  const row = table.locator(`tbody tr[data-document-id="${id}"]`);
  await table.getByRole('columnheader', { name: 'Updated' }).getByRole('button').focus();
  await page.keyboard.press('Tab');
  await expect(row).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(panel).toBeVisible();
  await panel.getByLabel('Move to stage').selectOption({ label: 'Waiting for company signature' });
  await panel.getByRole('button', { name: 'Move', exact: true }).click();
  await expect(panel.getByRole('region', { name: /^History/ })).toContainText('Moved from Draft to Waiting for company signature');
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(row).toBeFocused();
  await expect(row.locator('td').nth(1)).toHaveText('Waiting for company signature');
  // Sorted by stage, it now comes after every draft.
  const stages = await cells(table, 2);
  const at = (await table.locator('tbody tr').evaluateAll((trs, wanted) => trs.findIndex((tr) => tr.getAttribute('data-document-id') === wanted), id));
  expect(stages.slice(0, at).every((s) => s === 'Draft' || s === 'Waiting for company signature')).toBe(true);
  expect(stages.indexOf('Waiting for company signature')).toBeGreaterThan(0);

  // Moved elsewhere (another window) while the list is shown: the list follows, and so does the board once it is back.
  const draft = (await callHost(hostOf().url, 'stages.list', {})).find((s) => s.key === 'draft')!;
  const moved = await callHost(hostOf().url, 'documents.get', { id });
  await callHost(hostOf().url, 'documents.move', { id, stageId: draft.id, version: moved.version });
  await expect(row.locator('td').nth(1)).toHaveText('Draft');
  await page.getByRole('button', { name: 'View', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Your board view' });
  await dialog.getByRole('radio', { name: 'Board' }).check();
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  const draftColumn = page.getByRole('region', { name: /^Draft \d+ documents?$/ });
  await expect(draftColumn.locator(`[data-document-id="${id}"]`)).toBeVisible();
  await expect(page.getByRole('region', { name: /^Waiting for company signature \d+ documents?$/ }).locator(`[data-document-id="${id}"]`)).toHaveCount(0);
  expect(problems).toEqual([]);
});
