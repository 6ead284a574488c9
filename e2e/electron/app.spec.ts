import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { callNames } from '../../src-shared/contract/calls';
import type { CallResult } from '../../src-shared/contract/result';
import { rendererCsp } from '../../src-shared/security/csp';
import { repoRoot } from './electron-available';
import { launchApp, type LaunchedApp } from './launch';

/*
 * The desktop shell end to end: the real Electron binary, the built app (out/), a fresh data folder.
 * Page code runs in the renderer through `page.evaluate`; this file is type-checked without the DOM library, so the
 * page's globals are reached through `globalThis` with the shape the test expects.
 */

type Bridge = Record<string, (input: unknown) => Promise<CallResult<unknown>>>;
type PageGlobals = { signet?: Bridge } & Record<string, unknown>;

test.describe.configure({ mode: 'serial' });

let app: ElectronApplication;
let page: Page;
let userData: string;

let launched: LaunchedApp | undefined;

test.beforeAll(async () => {
  launched = await launchApp();
  ({ app, page, userData } = launched);
});

test.afterAll(async () => {
  await launched?.close();
});

test('loads the app from app://signet in its one window', async () => {
  expect(page.url()).toMatch(/^app:\/\/signet\//);
  const windows = await app.evaluate(({ BrowserWindow }) =>
    BrowserWindow.getAllWindows().map((w) => ({ url: w.webContents.mainFrame.url, title: w.getTitle() })),
  );
  expect(windows).toHaveLength(1);
  expect(windows[0]?.url).toMatch(/^app:\/\/signet\//);
});

test('window.signet has exactly the contract methods and nothing else is exposed', async () => {
  const exposed = await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    const bridge = g.signet ?? {};
    return {
      keys: Object.keys(bridge).sort(),
      allFunctions: Object.values(bridge).every((v) => typeof v === 'function'),
      ipcLike: Object.getOwnPropertyNames(globalThis).filter((n) => /ipc|electron/i.test(n)),
    };
  });
  expect(exposed.keys).toEqual([...callNames].sort());
  expect(exposed.allFunctions).toBe(true);
  expect(exposed.ipcLike).toEqual([]);
});

// With contextIsolation the page's world is not the preload's, and with sandbox + no nodeIntegration neither has Node.
test('the page has no Node: require, process, module and Buffer are undefined', async () => {
  const types = await page.evaluate(() => {
    const g = globalThis as unknown as Record<string, unknown>;
    return ['require', 'process', 'module', 'Buffer', 'global'].map((name) => typeof g[name]);
  });
  expect(types).toEqual(['undefined', 'undefined', 'undefined', 'undefined', 'undefined']);
});

test('app.info answers through IPC from the fresh data folder', async () => {
  const result = await page.evaluate(() => (globalThis as unknown as { signet: Bridge }).signet['app.info']!({}));
  const pkg = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  expect(result.ok).toBe(true);
  if (!result.ok) return;
  const info = result.value as { version: string; dataDir: string };
  expect(info.version).toBe(pkg.version);
  expect(path.resolve(info.dataDir)).toBe(path.resolve(userData));
});

test('an invalid payload comes back as a VALIDATION error naming the field', async () => {
  const result = await page.evaluate(() =>
    (globalThis as unknown as { signet: Bridge }).signet['contacts.create']!({
      fields: { kind: 'client', firstName: 'Anna', lastName: 'Nowak', email: 'not-an-email' },
    }),
  );
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe('VALIDATION');
  expect(result.error.details?.issues).toContainEqual({ path: 'fields.email', messageKey: 'validation.email' });
});

test('app:// responses carry the CSP and never leave the renderer folder', async () => {
  const probe = await page.evaluate(async () => {
    const index = await fetch('app://signet/index.html');
    const traversal = await fetch('app://signet/assets/..%2f..%2f..%2fpackage.json');
    return { status: index.status, csp: index.headers.get('content-security-policy'), traversal: traversal.status };
  });
  expect(probe.status).toBe(200);
  expect(probe.csp).toBe(rendererCsp);
  expect(probe.traversal).toBe(400);
});

test('window.open and navigation away from the app are denied', async () => {
  const opened = await page.evaluate(() => {
    const g = globalThis as unknown as { open(url: string): unknown };
    return g.open('https://example.com/') === null;
  });
  expect(opened).toBe(true);
  await page.evaluate(() => {
    (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
  });
  // A prevented navigation leaves no trace in the page; give a wrongly allowed one time to commit before checking.
  await page.waitForTimeout(1000);
  expect(page.url()).toMatch(/^app:\/\/signet\//);
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
});

test('a long call reports progress through the preload to the page that asked', async () => {
  const data = (await readFile(path.join(repoRoot, 'resources/samples/nda-pl.pdf'))).toString('base64');
  const { ok, seen } = await page.evaluate(async (pdf) => {
    const reports: { phase: string; done: number; total: number }[] = [];
    const signet = (globalThis as unknown as { signet: Record<string, (input: unknown, onProgress?: (p: never) => void) => Promise<CallResult<unknown>>> }).signet;
    const result = await signet['pdf.verify']!({ data: pdf }, (p) => reports.push(p));
    return { ok: result.ok, seen: reports };
  }, data);
  expect(ok).toBe(true);
  expect(seen.length).toBeGreaterThan(0);
  expect(seen.at(-1)!.done).toBe(seen.at(-1)!.total);
});

test('after first run the company seal is made in the keychain, or the keychain problem is shown with safeStorage offered', async () => {
  // Page functions are serialised into the renderer: each reaches the bridge through its own globalThis.
  const setup = await page.evaluate(() => (globalThis as unknown as { signet: Bridge }).signet['setup.complete']!({ company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Anna' }));
  expect(setup.ok).toBe(true);
  await expect
    .poll(async () => {
      const status = await page.evaluate(() => (globalThis as unknown as { signet: Bridge }).signet['identity.status']!({}));
      return status.ok ? (status.value as { state: string }).state : 'error';
    })
    .not.toBe('creating');
  const status = await page.evaluate(() => (globalThis as unknown as { signet: Bridge }).signet['identity.status']!({}));
  const value = (status.ok ? status.value : {}) as { state: string; keyLocation: string; fallback: { kind: string } | null; seal?: { subject: string } };
  // Electron always offers the fallback; whether the OS keychain works depends on the desktop the spec runs on.
  expect(value.fallback?.kind).toBe('safeStorage');
  if (value.state === 'ready') expect(value.seal?.subject).toContain('Zakłady Łódzkie');
  else expect(value.state).toBe('keyStoreUnavailable');
});
