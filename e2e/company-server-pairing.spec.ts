import { expect, test } from '@playwright/test';
import { completeFirstRun, openSection, watchForProblems } from './support/app';
import { specCompanyServer } from './support/company-server';
import { specHost } from './support/spec-host';

/**
 * Settings > Company server in Chromium (browser host) against the real company server started on a free loopback
 * port: an address that is not https and a wrong code refused beside their fields, then the code `pair` printed links
 * this computer (the server lists it), and Unlink, after its question, revokes it there.
 */
const hostOf = specHost();
const server = specCompanyServer();

test('company server: pair from Settings with the code the server printed, see it linked, unlink', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(hostOf().url);
  await completeFirstRun(page, 'Zakłady Łódzkie Sp. z o.o.');
  await openSection(page, 'Settings');
  const card = page.getByRole('region', { name: 'Company server' });
  await expect(card.getByTestId('company-server-state')).toHaveText('Not linked to a company server.');

  const address = card.getByLabel('Server address');
  const code = card.getByLabel('Pairing code');
  const link = card.getByRole('button', { name: 'Link' });
  // Plain http to another machine would carry the token in clear text.
  await address.fill('http://sign.example.com');
  await code.fill('ABCDE-FGHJK');
  await card.getByLabel("This computer's name on the server").fill('Recepcja');
  await link.click();
  await expect(address).toHaveAccessibleDescription(/Use https:\/\/ \(plain http:\/\/ only for this computer/);

  await address.fill(server.url);
  await link.click();
  await expect(code).toHaveAccessibleDescription(/The server does not know this pairing code/);
  await expect(address).not.toHaveAttribute('aria-invalid', 'true');

  await code.fill(server.pair().toLowerCase());
  await link.click();
  await expect(page.getByRole('status').filter({ hasText: 'Linked to the company server.' })).toBeVisible();
  const state = card.getByTestId('company-server-state');
  await expect(state).toContainText(`Linked to ${server.url} as “Recepcja” since`);
  await expect(card).toContainText('Server of: Zakłady Łódzkie');
  expect(server.devices()).toMatch(/ {2}active {2}.*Recepcja\n$/);

  // Still linked after a reload: the state comes from the main side, the token never reaches the page.
  await page.reload();
  await openSection(page, 'Settings');
  await expect(state).toContainText(`Linked to ${server.url} as “Recepcja”`);

  await card.getByRole('button', { name: 'Unlink' }).click();
  const dialog = page.getByRole('dialog', { name: 'Unlink from the company server?' });
  await expect(dialog).toContainText(`forgets its link to ${server.url}`);
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Unlink' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(state).toHaveText('Not linked to a company server.');
  await expect(page.getByRole('status').filter({ hasText: 'Unlinked from the company server.' })).toBeVisible();
  expect(server.devices()).toMatch(/ {2}revoked .*Recepcja\n$/);
  expect(problems).toEqual([]);
});
