import { expect, test } from '@playwright/test';
import { completeFirstRun, openSection, watchForProblems } from './support/app';
import { specCompanyServer } from './support/company-server';
import { callHost } from './support/rpc';
import { specHost } from './support/spec-host';
import { readStore } from '../src-server/test-support/live-server';
import { serverStoreFile } from '../src-server/store/open-server-store';

/**
 * The sidebar's sync line in Chromium (browser host) against the built company server: absent before pairing;
 * synced after it; offline with the changes waiting while the server is down, and work goes on (a contact is made
 * meanwhile); synced again with "Sync now" once it is back — the contact then on the server.
 */
const hostOf = specHost();
const server = specCompanyServer();

test('sync state: synced, offline with changes waiting (work goes on), synced again with Sync now', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(hostOf().url);
  await completeFirstRun(page, 'Zakłady Łódzkie Sp. z o.o.');
  const line = page.getByTestId('sync-status');
  await expect(line).toHaveCount(0);

  await callHost(hostOf().url, 'companyServer.pair', { url: server.url, code: server.pair(), deviceName: 'Recepcja' });
  await callHost(hostOf().url, 'sync.now', {});
  await expect(line).toHaveText(/^Synced \d{1,2}:\d{2}( [AP]M)?$/);
  await expect(line).toHaveAttribute('role', 'status');
  // Where sync runs, Settings has the list of what it refused: nothing yet.
  await openSection(page, 'Settings');
  await expect(page.getByRole('region', { name: 'Sync conflicts' })).toContainText('No conflicts.');

  await server.kill();
  await callHost(hostOf().url, 'contacts.create', { fields: { kind: 'client', firstName: 'Jan', lastName: 'Kowalski', email: 'jan@example.pl' } });
  await callHost(hostOf().url, 'sync.now', {});
  await expect(line).toContainText(/^Offline · 1 change waiting · next try \d{1,2}:\d{2}/);
  const now = line.getByRole('button', { name: 'Sync now' });
  await expect(now).toBeVisible();

  await server.start();
  await now.click();
  await expect(line).toHaveText(/^Synced \d{1,2}:\d{2}( [AP]M)?$/);
  const onServer = readStore<{ value: string }>(serverStoreFile(server.dataDir), "select value from sync_entries where entity = 'contact' and key = 'last_name'");
  expect(onServer).toEqual([{ value: '"Kowalski"' }]);
  expect(problems).toEqual([]);
});
