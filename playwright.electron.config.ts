import { defineConfig } from '@playwright/test';
import { electronAvailability } from './e2e/electron/electron-available';

/*
 * The Electron desktop-app spec, kept apart from the browser-host e2e config. It needs an Electron binary (and, on
 * Linux, a display): where there is none this config refuses to load with the reason instead of skipping its tests.
 * The test script checks `electronAvailability()` first and reports why it does not run this config.
 *
 *   xvfb-run -a npx playwright test -c playwright.electron.config.ts   (after `npm run build`)
 */
const availability = electronAvailability();
// SIGNET_ELECTRON_APP: a packaged test build to launch instead of Electron from node_modules (e2e/electron/launch.ts).
if (!availability.available && !process.env.SIGNET_ELECTRON_APP) {
  throw new Error(`The Electron e2e spec cannot run here: ${availability.reason}`);
}

export default defineConfig({
  testDir: 'e2e/electron',
  // One Electron app at a time: each launch is a whole browser, and the spec's tests share one app.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results/electron',
  use: { trace: 'retain-on-failure' },
});
