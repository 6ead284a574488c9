import { defineConfig } from '@playwright/test';

/**
 * E2E against the browser host in Debian's Chromium (`/usr/bin/chromium`); never `playwright install`.
 * The Electron spec under e2e/electron/ has its own config and runs only where an Electron binary exists.
 * Each spec starts its own host on a fresh data folder (e2e/support/host.ts), from the build in out/.
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  testIgnore: ['**/electron/**'],
  workers: 1,
  retries: 0,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    locale: 'en-US',
    viewport: { width: 1360, height: 860 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
});
