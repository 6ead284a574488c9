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
/** A card's drag handle: the card itself, which takes focus and space; its outer slot is what the list places. */
const handle = '[data-rfd-drag-handle-draggable-id]';
const countOf = async (region: Locator) => Number((await region.locator('.board-column-count').innerText()).replace(/\D/g, ''));

test('10,000 documents: every column renders with its count and first cards, and a keyboard drag persists', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(hostOf().url);
  const draft = column(page, 'Draft');
  const waiting = column(page, 'Waiting for company signature');
  await expect(draft.locator(handle).first()).toBeVisible();
  const counts = await page.locator('section.board-column .board-column-count').allInnerTexts();
  expect(counts).toHaveLength(8);
  expect(counts.reduce((n, c) => n + Number(c.replace(/\D/g, '')), 0)).toBe(10_003);
  // Only a first page of each column is in the page, not thousands of cards.
  expect(await page.locator(handle).count()).toBeLessThan(8 * 60);

  const before = await countOf(waiting);
  const first = draft.locator(handle).first();
  const id = await first.getAttribute('data-rfd-drag-handle-draggable-id');
  await first.focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await expect(page.getByRole('group', { name: 'Signing stages' })).toHaveAttribute('aria-busy', 'false');
  await expect.poll(() => countOf(waiting)).toBe(before + 1);

  await page.reload();
  await expect.poll(() => countOf(column(page, 'Waiting for company signature'))).toBe(before + 1);
  // The moved card changed last, so it heads its new column.
  await expect(column(page, 'Waiting for company signature').locator(handle).first()).toHaveAttribute('data-rfd-drag-handle-draggable-id', id!);
  expect(problems).toEqual([]);
});

test('10,000 documents: a long column loads further pages as it is scrolled, yet keeps only the cards in view in the page', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(hostOf().url);
  const draft = column(page, 'Draft');
  const cards = draft.locator(handle);
  await expect(cards.first()).toBeVisible();
  const total = await countOf(draft);
  const more = draft.getByRole('button', { name: /^Show \d[\d,]* more$/ });
  const notLoaded = async () => Number((await more.innerText()).replace(/\D/g, ''));
  const before = await notLoaded();
  expect(before).toBeGreaterThan(total - 60);

  // Scrolled to its end a few times, the column asks for page after page by itself.
  const list = draft.locator('.board-column-cards');
  for (let i = 0; i < 4; i++) {
    const asked = await notLoaded();
    await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect.poll(notLoaded).toBeLessThan(asked);
  }
  const loaded = total - (await notLoaded());
  expect(loaded).toBeGreaterThanOrEqual(5 * 30);
  // Far more are loaded than are rendered: the list is virtual.
  expect(await cards.count()).toBeLessThan(40);
  // The cards in the page are those near the end of what is loaded (the first page has left it), and they tell
  // assistive technology where they stand in the whole column.
  const shown = draft.locator('[role="listitem"]');
  await expect(shown.last()).toHaveAttribute('aria-setsize', String(total));
  expect(Number(await shown.first().getAttribute('aria-posinset'))).toBeGreaterThan(30);
  expect(Number(await shown.last().getAttribute('aria-posinset'))).toBeGreaterThan(loaded - 60);

  // A card deep in the scrolled column still drags by keyboard, and lands at the head of the next column.
  const waiting = column(page, 'Waiting for company signature');
  const waitingBefore = await countOf(waiting);
  const deep = shown.nth(3).locator(handle);
  const deepId = await deep.getAttribute('data-rfd-drag-handle-draggable-id');
  await deep.focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await expect.poll(() => countOf(waiting)).toBe(waitingBefore + 1);
  await expect(waiting.locator(handle).first()).toHaveAttribute('data-rfd-drag-handle-draggable-id', deepId!);
  await expect(draft.locator(`[data-rfd-drag-handle-draggable-id="${deepId}"]`)).toHaveCount(0);

  // Scrolled back to the top, the first cards are there again.
  await list.evaluate((el) => el.scrollTo({ top: 0 }));
  await expect(shown.first()).toHaveAttribute('aria-posinset', '1');
  expect(problems).toEqual([]);
});
