import { expect, test, type Locator, type Page } from '@playwright/test';
import { watchForProblems } from './support/app';
import { demoBoardHost } from './support/demo-board';

/**
 * The board with 10,000 documents (`--demo-documents`): it renders every column with its count and a first page of
 * cards, and a keyboard drag persists across a reload. Behaviour only; how fast it is belongs to `npm run bench`.
 */
const hostOf = demoBoardHost({ demoDocuments: 10_000, startTimeoutMs: 60_000 });

/** A column by its stage name (its heading), and the count it shows. */
const column = (page: Page, name: string) => page.locator('section.board-column').filter({ has: page.getByRole('heading', { name: new RegExp(`^${name} [\\d,]+ documents?$`) }) });
const countOf = async (region: Locator) => Number((await region.locator('.board-column-count').innerText()).replace(/\D/g, ''));

test('10,000 documents: every column renders with its count and first cards, and a keyboard drag persists', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(hostOf().url);
  const draft = column(page, 'Draft');
  const waiting = column(page, 'Waiting for company signature');
  await expect(draft.locator('[data-rfd-draggable-id]').first()).toBeVisible();
  const counts = await page.locator('section.board-column .board-column-count').allInnerTexts();
  expect(counts).toHaveLength(8);
  expect(counts.reduce((n, c) => n + Number(c.replace(/\D/g, '')), 0)).toBe(10_003);
  // Only a first page of each column is in the page, not thousands of cards.
  expect(await page.locator('[data-rfd-draggable-id]').count()).toBeLessThan(8 * 60);

  const before = await countOf(waiting);
  const first = draft.locator('[data-rfd-draggable-id]').first();
  const id = await first.getAttribute('data-rfd-draggable-id');
  await first.focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await expect(page.getByRole('group', { name: 'Signing stages' })).toHaveAttribute('aria-busy', 'false');
  await expect.poll(() => countOf(waiting)).toBe(before + 1);

  await page.reload();
  await expect.poll(() => countOf(column(page, 'Waiting for company signature'))).toBe(before + 1);
  // The moved card changed last, so it heads its new column.
  await expect(column(page, 'Waiting for company signature').locator('[data-rfd-draggable-id]').first()).toHaveAttribute('data-rfd-draggable-id', id!);
  expect(problems).toEqual([]);
});
