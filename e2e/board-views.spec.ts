import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import Papa from 'papaparse';
import { watchForProblems } from './support/app';
import { demoBoardHost, demoTitles, withView } from './support/demo-board';

/**
 * The employee's own board end to end, against the browser host with the demo data plus 40 documents over every
 * stage: a view (hidden column, own order, card fields) that survives a reload, filters and search that narrow the
 * board, the list view of the same set and its CSV, and live updates between two tabs (one holding a drag).
 */
const { supply, nda, msa } = demoTitles;
const hostOf = demoBoardHost({ demoDocuments: 40 }, 1100);

const region = (page: Page, stage: string) => page.getByRole('region', { name: new RegExp(`^${stage} \\d+ documents?$`) });
// Demo documents reuse the sample titles (with words and a "#N" added before the number): only the sample is meant.
const titled = (scope: Page | Locator, title: string) => scope.getByRole('button', { name: new RegExp(`^${title}(?![^/]*#\\d)`) });
const filters = (page: Page) => page.getByRole('search', { name: 'Filters' });

/** Documents on the board: the sum of the visible columns' counts. */
async function boardTotal(page: Page): Promise<number> {
  const counts = await page.locator('.board-column-count').allTextContents();
  return counts.reduce((sum, c) => sum + Number(c), 0);
}

async function openBoard(page: Page): Promise<void> {
  await page.goto(hostOf().url);
  await expect(region(page, 'Draft')).toBeVisible();
}

const resetView = (page: Page) => withView(page, (d) => d.getByRole('button', { name: 'Reset view' }).click());
const columnNames = (page: Page) => page.locator('.board-column-name').allTextContents();

test('view: a hidden column, an own column order and card fields are saved for the employee', async ({ page }) => {
  const problems = watchForProblems(page);
  await openBoard(page);
  expect((await columnNames(page)).slice(0, 4)).toEqual(['Draft', 'Waiting for company signature', 'Sent to counterparty', 'Signed']);
  await expect(titled(region(page, 'Draft'), supply)).toContainText('UM/');

  await withView(page, async (dialog) => {
    await dialog.getByRole('checkbox', { name: 'Archived', exact: true }).uncheck();
    // By keyboard: the step buttons are plain buttons, so Enter works where a drag would not.
    await dialog.getByRole('button', { name: 'Move Signed up' }).focus();
    await page.keyboard.press('Enter');
    await dialog.getByRole('checkbox', { name: 'Number', exact: true }).uncheck();
    await dialog.getByRole('checkbox', { name: 'Department', exact: true }).check();
    await dialog.getByRole('radio', { name: 'Compact' }).check();
    await page.screenshot({ path: 'test-results/board-view-dialog.png' });
  });

  const check = async () => {
    // The board first: "no Archived column" also holds while the page is still loading.
    await expect(region(page, 'Draft')).toBeVisible();
    await expect(region(page, 'Archived')).toHaveCount(0);
    expect((await columnNames(page)).slice(0, 4)).toEqual(['Draft', 'Waiting for company signature', 'Signed', 'Sent to counterparty']);
    const card = titled(region(page, 'Draft'), supply);
    await expect(card).toContainText('Zakupy');
    await expect(card).not.toContainText('UM/');
    await expect(page.locator('.section-board')).toHaveClass(/board-density-compact/);
  };
  await check();
  await page.reload();
  await check();

  await resetView(page);
  await expect(region(page, 'Archived')).toBeVisible();
  await expect(titled(region(page, 'Draft'), supply)).toContainText('UM/');
  await page.reload();
  await expect(region(page, 'Archived')).toBeVisible();
  expect(problems).toEqual([]);
});

test('filters and search narrow the board; the list shows the same set and the CSV has its rows in its order', async ({ page }) => {
  const problems = watchForProblems(page);
  await openBoard(page);
  const all = await boardTotal(page);
  expect(all).toBe(43);
  const bar = filters(page);
  const draft = region(page, 'Draft');
  const narrowsTo = async (shown: string[], hidden: string[]) => {
    for (const title of shown) await expect(titled(draft, title)).toBeVisible();
    for (const title of hidden) await expect(titled(page, title)).toHaveCount(0);
    await expect.poll(() => boardTotal(page)).toBeLessThan(all);
  };

  // Search as you type: no button to press.
  await bar.getByLabel('Search documents').fill('Northwind');
  await narrowsTo([msa], [supply, nda]);
  await bar.getByLabel('Search documents').fill('');
  await expect.poll(() => boardTotal(page)).toBe(all);

  await bar.getByLabel('Department').fill('Prawny');
  await narrowsTo([nda], [supply, msa]);
  const legal = await boardTotal(page);
  await bar.getByLabel('Tag').fill('NDA');
  await narrowsTo([nda], [supply, msa]);
  expect(await boardTotal(page)).toBeLessThanOrEqual(legal);
  await bar.getByLabel('Tag').fill('');
  await bar.getByLabel('Department').fill('');
  await expect.poll(() => boardTotal(page)).toBe(all);

  // In major units: 48,600.00 PLN is inside, 120,000.00 EUR and the NDA without an amount are not.
  await bar.getByLabel('Amount from').fill('40000');
  await bar.getByLabel('Amount to').fill('50 000,00');
  await narrowsTo([supply], [msa, nda]);
  await bar.getByLabel('Amount from').fill('');
  await bar.getByLabel('Amount to').fill('');

  await bar.getByLabel('Due from').fill('2026-12-01');
  await bar.getByLabel('Due to').fill('2026-12-31');
  await narrowsTo([supply], [msa, nda]);
  await bar.getByLabel('Due from').fill('');
  await bar.getByLabel('Due to').fill('');
  await expect.poll(() => boardTotal(page)).toBe(all);

  await bar.getByRole('combobox', { name: 'Counterparty' }).fill('Kowalczyk');
  await page.getByRole('option', { name: /Małgorzata Kowalczyk/ }).click();
  await narrowsTo([supply], [msa, nda]);
  await page.screenshot({ path: 'test-results/board-filters.png' });
  // The filter is part of the saved view: still there after a reload, with the contact's name.
  await page.reload();
  await expect(filters(page).getByRole('button', { name: /Remove the counterparty filter Małgorzata Kowalczyk/ })).toBeVisible();
  await narrowsTo([supply], [msa, nda]);
  await filters(page).getByRole('button', { name: /Remove the counterparty filter/ }).click();
  await expect.poll(() => boardTotal(page)).toBe(all);

  // --- The list: the same filtered set, sortable, and its CSV ---------------------------------------------------
  await filters(page).getByLabel('Department').fill('Prawny');
  await expect.poll(() => boardTotal(page)).toBeLessThan(all);
  const onBoard = await boardTotal(page);
  await withView(page, (d) => d.getByRole('radio', { name: 'List' }).check());
  const table = page.getByRole('table', { name: 'Documents' });
  await expect(page.getByRole('status').filter({ hasText: /^\d+ documents?$/ })).toHaveText(`${onBoard} document${onBoard === 1 ? '' : 's'}`);
  await expect(table.locator('tbody tr')).toHaveCount(onBoard);
  await expect(table.getByRole('rowheader', { name: nda, exact: true })).toBeVisible();

  const titleHeader = table.getByRole('columnheader', { name: 'Title' });
  const rowTitles = table.locator('tbody th');
  await titleHeader.getByRole('button').click();
  await expect(titleHeader).toHaveAttribute('aria-sort', 'ascending');
  const ascending = await rowTitles.allTextContents();
  await titleHeader.getByRole('button').click();
  await expect(titleHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(table.getByRole('columnheader', { name: 'Updated' })).toHaveAttribute('aria-sort', 'none');
  await expect.poll(() => rowTitles.first().textContent()).toBe(ascending.at(-1));
  const titles = await rowTitles.allTextContents();
  expect(titles).toHaveLength(onBoard);
  const numbers = await table.locator('tbody tr td:first-child').allTextContents();
  await page.screenshot({ path: 'test-results/board-list.png' });

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloading;
  const csv = await readFile((await download.path())!, 'utf8');
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
  expect(parsed.meta.fields).toEqual(['Number', 'Title', 'Stage', 'Counterparty', 'Amount', 'Currency', 'Due date', 'Owner', 'Department', 'Tags', 'Created', 'Updated']);
  expect(parsed.data.map((r) => r.Number)).toEqual(numbers);
  expect(parsed.data.map((r) => r.Title)).toEqual(titles);
  expect(parsed.data.every((r) => r.Department === 'Prawny')).toBe(true);

  await resetView(page);
  await expect(region(page, 'Draft')).toBeVisible();
  expect(problems).toEqual([]);
});

test('live: a move in one tab shows in the other without a reload, and waits while that tab holds a drag', async ({ page }) => {
  await openBoard(page);
  const other = await page.context().newPage();
  await openBoard(other);
  const draftThere = region(other, 'Draft');
  const waitingThere = region(other, 'Waiting for company signature');
  await expect(titled(draftThere, supply)).toBeVisible();
  const draftCount = Number(await draftThere.locator('.board-column-count').textContent());

  const moveInFirstTab = async (title: string) => {
    await titled(region(page, 'Draft'), title).click();
    const panel = page.getByRole('dialog', { name: title });
    await panel.getByLabel('Move to stage').selectOption({ label: 'Waiting for company signature' });
    await panel.getByRole('button', { name: 'Move', exact: true }).click();
    await expect(panel.getByRole('region', { name: /^History/ })).toContainText('Moved from Draft to Waiting for company signature');
    await page.keyboard.press('Escape');
  };

  await moveInFirstTab(supply);
  await expect(titled(waitingThere, supply)).toBeVisible();
  await expect(titled(draftThere, supply)).toHaveCount(0);
  await expect(draftThere.locator('.board-column-count')).toHaveText(String(draftCount - 1));

  // A card lifted in the other tab: the board under it is not swapped while it is held, and follows once it is put down.
  await titled(draftThere, msa).focus();
  await other.keyboard.press('Space');
  await expect(other.locator('body')).toHaveClass(/board-dragging/);
  await moveInFirstTab(nda);
  await other.waitForTimeout(1500);
  await expect(other.locator('body')).toHaveClass(/board-dragging/);
  await expect(titled(draftThere, nda)).toBeVisible();
  await other.keyboard.press('Escape');
  await expect(other.locator('body')).not.toHaveClass(/board-dragging/);
  await expect(titled(waitingThere, nda)).toBeVisible();
  await expect(titled(draftThere, msa)).toBeVisible();
  await other.close();
});
