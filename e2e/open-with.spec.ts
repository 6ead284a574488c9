import path from 'node:path';
import { expect, test } from '@playwright/test';
import { completeFirstRun, watchForProblems } from './support/app';
import { BrowserHost } from './support/host';

/**
 * "Open with Signet" on a PDF (issue 10: the installers associate .pdf with the app): the shell keeps the file the OS
 * handed it and sends the window to #/verify/opened. The browser host plays the shell's part with --open; the window
 * opens Verify and checks that file as if it had been picked. (The shell's own half — argv, macOS's open-file — is
 * src-main/electron/opened-file.ts, unit-tested, and main.ts.)
 */
let host: BrowserHost | undefined;
test.afterEach(async () => {
  await host?.dispose();
  host = undefined;
});

test('a PDF opened with the app is checked in Verify at once, and only once', async ({ page }) => {
  const problems = watchForProblems(page);
  host = new BrowserHost({ openFile: path.resolve(import.meta.dirname, '../resources/samples/nda-pl.pdf') });
  await page.goto(await host.start());
  await completeFirstRun(page, 'Zakłady Łódzkie Sp. z o.o.');
  await page.evaluate(() => ((globalThis as unknown as { location: { hash: string } }).location.hash = '#/verify/opened'));
  await expect(page.getByRole('heading', { level: 1, name: 'Verification' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'This PDF carries no signature.' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'The file' })).toContainText('nda-pl.pdf');
  // The address is put back: Back does not check it again.
  expect(await page.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash)).toBe('');
  expect(problems).toEqual([]);
});

test('a PDF that is gone by the time the window asks is said so', async ({ page }) => {
  host = new BrowserHost({ openFile: path.resolve(import.meta.dirname, '../resources/samples/no-such-file.pdf') });
  await page.goto(await host.start());
  await completeFirstRun(page, 'Zakłady Łódzkie Sp. z o.o.');
  await page.evaluate(() => ((globalThis as unknown as { location: { hash: string } }).location.hash = '#/verify/opened'));
  await expect(page.getByRole('heading', { level: 1, name: 'Verification' })).toBeVisible();
  await expect(page.getByRole('alert').or(page.getByRole('status')).filter({ hasText: 'The file cannot be read (ENOENT).' })).toBeVisible();
});
