import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from '@playwright/test';
import { builtAppMissing, electronAvailability, repoRoot } from './electron-available';

export interface LaunchedApp {
  app: ElectronApplication;
  page: Page;
  userData: string;
  /** The packaged executable launched (SIGNET_ELECTRON_APP), or null for the unpacked app in out/. */
  packaged: string | null;
  /** The binary that runs: the packaged one, or Electron's own from node_modules. */
  executablePath: string;
  close(): Promise<void>;
}

/**
 * The desktop app on a fresh data folder: the unpacked build (out/, with Electron from node_modules), or the packaged
 * test build when SIGNET_ELECTRON_APP names its executable (`SIGNET_TEST_BUILD=1 npm run dist -- --dir`: production
 * fuses but the inspector, which Playwright drives it through). Throws the reason when neither can run here.
 */
export async function launchApp(): Promise<LaunchedApp> {
  const packaged = process.env.SIGNET_ELECTRON_APP ?? null;
  let executablePath: string;
  if (packaged) executablePath = packaged;
  else {
    const availability = electronAvailability();
    if (!availability.available) throw new Error(availability.reason);
    const notBuilt = builtAppMissing();
    if (notBuilt) throw new Error(notBuilt);
    executablePath = availability.executablePath;
  }
  const userData = await mkdtemp(path.join(os.tmpdir(), 'signet-electron-e2e-'));
  const env = Object.fromEntries(Object.entries({ ...process.env, SIGNET_USER_DATA: userData }).filter((e): e is [string, string] => e[1] !== undefined));
  // Chromium refuses to run as root with its sandbox on (CI containers); the page is still Electron-sandboxed.
  const noSandbox = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const app = await electron.launch({
    executablePath,
    // Unpacked: the app folder (not the bare out/main/electron-main.js), so Electron reads package.json's name and version.
    args: packaged ? noSandbox : [...noSandbox, repoRoot],
    cwd: repoRoot,
    env,
  });
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  return {
    app,
    page,
    userData,
    packaged,
    executablePath,
    close: async () => {
      await app.close();
      await rm(userData, { recursive: true, force: true });
    },
  };
}
