import { expect, type Page } from '@playwright/test';

/** The page's own address, read and set in the page (specs are type-checked without the DOM library). */
type Located = { location: { hash: string } };

export const hashOf = (page: Page): Promise<string> => page.evaluate(() => (globalThis as unknown as Located).location.hash);

export async function goToHash(page: Page, hash: string): Promise<void> {
  await page.evaluate((to) => {
    (globalThis as unknown as Located).location.hash = to;
  }, hash);
}

/** Closes the page as a person closes the tab, answers the browser's "Leave site?" with stay, and checks it was asked. */
export async function closeAndStay(page: Page): Promise<void> {
  const asked: string[] = [];
  page.once('dialog', (dialog) => {
    asked.push(dialog.type());
    void dialog.dismiss();
  });
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => asked).toEqual(['beforeunload']);
}
