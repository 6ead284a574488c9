/**
 * `npm test`: everything a fresh clone needs to prove itself, in order — system packages, npm packages, type-check,
 * lint, build, unit and integration tests (vitest, plain Node, inside a throwaway keyring session), end-to-end tests in
 * Chromium against the browser host, and the Electron spec where an Electron binary exists. Ends with one line:
 * "signet: N passed, N failed".
 */
import fs from 'node:fs';
import path from 'node:path';
import { withKeyring } from './lib/keyring.mjs';
import { electronBinary, ensureNodeModules, has, root, run } from './lib/run.mjs';
import { ensureSystemPackages } from './lib/system-packages.mjs';

const reports = path.join(root, '.tmp', 'reports');
fs.rmSync(reports, { recursive: true, force: true });
fs.mkdirSync(reports, { recursive: true });
const started = Date.now();
const timings = [];

async function step(name, command, args, env = {}, runner = run) {
  console.log(`\n=== ${name}`);
  const t0 = Date.now();
  const code = await runner(command, args, { env });
  timings.push(`${name} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (code !== 0) {
    console.error(`\n${name} failed (exit ${code}).`);
    summary(true);
    process.exit(code);
  }
}

function count(file, read) {
  try {
    return read(JSON.parse(fs.readFileSync(path.join(reports, file), 'utf8')));
  } catch {
    return { passed: 0, failed: 0 };
  }
}

function summary(aborted = false) {
  const unit = count('vitest.json', (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests }));
  const pg = count('vitest-pg.json', (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests }));
  const e2e = count('playwright.json', (r) => ({ passed: r.stats.expected, failed: r.stats.unexpected + r.stats.flaky }));
  const electron = count('playwright-electron.json', (r) => ({ passed: r.stats.expected, failed: r.stats.unexpected + r.stats.flaky }));
  console.log(`\n${timings.join(' · ')} · total ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`unit+integration ${unit.passed}/${unit.passed + unit.failed}, e2e ${e2e.passed}/${e2e.passed + e2e.failed}, electron ${electron.passed}/${electron.passed + electron.failed}`);
  const failed = unit.failed + pg.failed + e2e.failed + electron.failed + (aborted ? 1 : 0);
  console.log(`signet: ${unit.passed + pg.passed + e2e.passed + electron.passed} passed, ${failed} failed`);
}

await ensureSystemPackages();
await ensureNodeModules();
await step('type-check', 'npm', ['run', '--silent', 'typecheck']);
await step('lint', 'npm', ['run', '--silent', 'lint']);
await step('build', 'npx', ['electron-vite', 'build']);
// Inside a private D-Bus session with an unlocked, throwaway GNOME Keyring, for the keychain test (scripts/lib/keyring.mjs).
await step(
  'unit and integration tests (vitest, test keyring)',
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${path.join(reports, 'vitest.json')}`],
  {},
  withKeyring,
);
// The company server's central flows and the sync suites again with the server's store on PostgreSQL (a throwaway
// cluster per vitest worker, src-server/test-support/postgres.ts); the run above had them on SQLite.
await step(
  'company server on PostgreSQL (vitest: server flows and sync again, SIGNET_TEST_DATABASE=postgres)',
  'npm',
  ['run', '--silent', 'test:server-pg', '--', '--reporter=default', '--reporter=json', `--outputFile.json=${path.join(reports, 'vitest-pg.json')}`],
);
// Also inside a test keyring: the browser host keeps the company seal's key in the keychain, as the desktop app does.
await step(
  'end-to-end tests (Playwright, Chromium, browser host, test keyring)',
  'npx',
  ['playwright', 'test', '--reporter=list,json'],
  { PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(reports, 'playwright.json') },
  withKeyring,
);

// SIGNET_ELECTRON_APP: a packaged test build to run the specs against (e2e/electron/launch.ts).
const electron = process.env.SIGNET_ELECTRON_APP ? { available: true } : await electronBinary();
if (electron.available) {
  const args = ['playwright', 'test', '-c', 'playwright.electron.config.ts', '--reporter=list,json'];
  const needsDisplay = process.platform === 'linux' && !process.env.DISPLAY && has('xvfb-run');
  await step('Electron spec (Playwright, real Electron binary)', needsDisplay ? 'xvfb-run' : 'npx', needsDisplay ? ['-a', 'npx', ...args] : args, {
    PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(reports, 'playwright-electron.json'),
  });
} else {
  console.log(`\n=== Electron specs (e2e/electron: the shell, a contact and a verification in the window, security settings): NOT RUN — ${electron.reason}.`);
  console.log('    Everything it exercises beyond the window itself is covered under Node and in Chromium above.');
}
summary();
