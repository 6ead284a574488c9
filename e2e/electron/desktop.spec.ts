import path from 'node:path';
import { expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { getCurrentFuseWire } from '@electron/fuses';
import { rendererMetaCsp } from '../../src-shared/security/csp';
import { testBuildFuses } from '../../scripts/lib/app-fuses.mjs';
import { completeFirstRun, createContact, openSection, watchForProblems } from '../support/app';
import { repoRoot } from './electron-available';
import { launchApp, type LaunchedApp } from './launch';

/*
 * Issue 10, item 7: the desktop app itself — unpacked, or the packaged test build (SIGNET_ELECTRON_APP) — used as a
 * person uses it (a contact created, a PDF verified, through the window) and its security settings read from the main
 * process. Runs wherever an Electron binary is installed; the test script says why when it is not.
 */
test.describe.configure({ mode: 'serial' });

let launched: LaunchedApp | undefined;
let app: ElectronApplication;
let page: Page;
let problems: string[];

test.beforeAll(async () => {
  launched = await launchApp();
  ({ app, page } = launched);
  problems = watchForProblems(page);
});
test.afterAll(async () => {
  await launched?.close();
});

test('the window\u2019s security settings, read from the main process', async () => {
  // Electron has no getter for a window's webPreferences, so the main process asks the page and the OS processes.
  const seen = await app.evaluate(async ({ app: electronApp, BrowserWindow }) => {
    const windows = BrowserWindow.getAllWindows();
    const contents = windows[0]!.webContents;
    const inPage = (script: string) => contents.executeJavaScript(script) as Promise<unknown>;
    return {
      windows: windows.length,
      // No Node in the page's world (nodeIntegration off, and context isolation keeps the preload's own world apart).
      pageGlobals: await inPage(`['require', 'process', 'module', 'Buffer', 'global'].map((n) => typeof globalThis[n]).join(',')`),
      // Only what the preload exposed through contextBridge reaches the page.
      ipcGlobals: await inPage(`Object.getOwnPropertyNames(globalThis).filter((n) => /ipc|electron/i.test(n)).join(',')`),
      bridge: await inPage(`typeof globalThis.signet?.['app.info']`),
      metaCsp: await inPage(`document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? null`),
      navigationGuards: contents.listenerCount('will-navigate'),
      // The OS says whether each renderer is sandboxed on macOS and Windows (undefined on Linux).
      renderersSandboxed: electronApp.getAppMetrics().filter((m) => m.type === 'Tab').map((m) => m.sandboxed),
    };
  });
  expect(seen).toMatchObject({ windows: 1, pageGlobals: 'undefined,undefined,undefined,undefined,undefined', ipcGlobals: '', bridge: 'function', metaCsp: rendererMetaCsp });
  expect(seen.navigationGuards).toBeGreaterThan(0);
  expect(seen.renderersSandboxed.filter((s) => s === false)).toEqual([]);
  // Navigation away is blocked (the guard above at work): the page stays on the app.
  await page.evaluate(() => ((globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/'));
  await page.waitForTimeout(1000);
  expect(page.url()).toMatch(/^app:\/\/signet\//);
});

test('the binary carries the fuses it runs with: the test build\u2019s when packaged, the inspector on either way', async () => {
  const wire = await getCurrentFuseWire(launched!.executablePath);
  // As many fuses as this Electron has (a ninth, WasmTrapHandlers, from Electron 41).
  const places = Object.keys(wire).filter((key) => /^\d+$/.test(key)).length;
  expect(places).toBeGreaterThanOrEqual(8);
  const state = (index: number) => wire[index as keyof typeof wire];
  // Playwright drives the app through the inspector: on in the test build, and in Electron's own binary by default.
  expect(state(3)).toBe(49);
  // Only a packaged build has its fuses flipped (afterPack); the unpacked run uses Electron's binary as it ships.
  if (launched!.packaged) expect(Object.values(testBuildFuses).slice(0, places).map((on, index) => state(index) === (on ? 49 : 48))).not.toContain(false);
});

test('a contact created through the window', async () => {
  await completeFirstRun(page, 'Zakłady Łódzkie Sp. z o.o.');
  await openSection(page, 'Contacts');
  await createContact(page, { firstName: 'Anna', lastName: 'Kowalska', email: 'anna.kowalska@example.pl', company: 'Kowalski i Syn' });
  await expect(page.getByRole('row', { name: /Anna Kowalska/ })).toBeVisible();
});

test('a PDF verified through the window', async () => {
  await openSection(page, 'Verification');
  await page.getByLabel('Choose a PDF…').setInputFiles(path.join(repoRoot, 'resources/samples/nda-pl.pdf'));
  await expect(page.getByRole('heading', { level: 2, name: 'This PDF carries no signature.' })).toBeVisible();
  expect(problems).toEqual([]);
});
