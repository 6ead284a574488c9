import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { completeFirstRun, openSection, watchForProblems } from './support/app';
import { BrowserHost } from './support/host';
import { makeTestPki, type TestPki } from './support/pki';

/**
 * Issue 10, item 4, in the UI: a managed policy file (given to the browser host with --policy, as IT would try one
 * before deploying it) shows in Settings — where it is, what it fixes — and every setting it fixes shows as locked,
 * its fields read-only, while what stays the laptop's (the SMTP password) can still be set. A policy that cannot be
 * applied is reported there with its problems, and nothing is locked.
 */
const scratch = mkdtempSync(path.join(tmpdir(), 'signet-policy-e2e-'));
let pki: TestPki;
let host: BrowserHost | undefined;

test.beforeAll(async () => {
  pki = await makeTestPki('/CN=Centrum Certyfikacji Zaklady CA/O=Zaklady Lodzkie');
});
test.afterAll(() => {
  pki?.dispose();
  rmSync(scratch, { recursive: true, force: true });
});
test.afterEach(async () => {
  await host?.dispose();
  host = undefined;
});

function policyFile(name: string, policy: unknown): string {
  const file = path.join(scratch, name);
  writeFileSync(file, typeof policy === 'string' ? policy : JSON.stringify(policy, null, 2));
  return file;
}

test('policy: every setting it fixes shows locked in Polish, only the password stays editable', async ({ page }) => {
  const problems = watchForProblems(page);
  // Every call the page sends to the host (its one WebSocket), to show what was never sent.
  const sent: string[] = [];
  page.on('websocket', (ws) => ws.on('framesent', (frame) => void sent.push(String(frame.payload))));
  const file = policyFile('policy.json', {
    companyServerUrl: 'https://podpis.zaklady.pl',
    locked: { smtp: { host: 'smtp.zaklady.pl', port: 587, security: 'starttls', fromAddress: 'it@zaklady.pl', fromName: 'Dział IT' }, language: 'pl' },
    updates: { enabled: false },
    trustedCaCertificates: [pki.caPem],
  });
  host = new BrowserHost({ policyFile: file });
  await page.goto(await host.start());
  // The locked language wins from the first screen on.
  await expect(page.getByRole('heading', { level: 1, name: 'Witamy w Signet' })).toBeVisible();
  await page.getByLabel('Nazwa firmy').fill('Zakłady Łódzkie Sp. z o.o.');
  await page.getByRole('button', { name: 'Zacznij korzystać z Signet' }).click();
  await openSection(page, 'Ustawienia');

  const policy = page.getByRole('region', { name: 'Zarządzane przez dział IT' });
  await expect(policy.getByTestId('policy-source')).toHaveText(file);
  await expect(policy.getByTestId('policy-locks')).toHaveText('serwer firmowy, serwer SMTP, język, aktualizacje, zaufane urzędy certyfikacji');
  await expect(policy).toContainText('Wyłączone: instaluje je dział IT');

  const mail = page.getByRole('region', { name: 'Poczta e-mail (SMTP)' });
  await expect(mail.getByTestId('policy-locked')).toHaveText('Ustawione przez zasady działu IT: nie można tego zmienić tutaj.');
  await expect(mail.getByLabel('Serwer SMTP')).toHaveValue('smtp.zaklady.pl');
  await expect(mail.getByLabel('Serwer SMTP')).not.toBeEditable();
  await expect(mail.getByLabel('Port')).toHaveValue('587');
  await expect(mail.getByLabel('Szyfrowanie')).toHaveValue('STARTTLS (zwykle port 587)');
  await expect(mail.getByLabel('Szyfrowanie')).not.toBeEditable();
  // Read-only fields stay in the tab order, so a keyboard user can reach and read them.
  await mail.getByLabel('Serwer SMTP').focus();
  await page.keyboard.press('Tab');
  await expect(mail.getByLabel('Port')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(mail.getByLabel('Szyfrowanie')).toBeFocused();
  await mail.getByLabel('Hasło', { exact: true }).fill('hasło-tego-laptopa');
  await mail.getByRole('button', { name: 'Zapisz' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Zapisano ustawienia poczty.' })).toBeVisible();
  await expect(mail.getByLabel('Hasło', { exact: true })).toHaveAccessibleDescription(/Hasło jest zapisane w pęku kluczy/);
  await expect(mail.getByLabel('Serwer SMTP')).toHaveValue('smtp.zaklady.pl');

  const language = page.getByRole('region', { name: 'Język', exact: true });
  await expect(language.getByRole('radiogroup')).toHaveAttribute('aria-readonly', 'true');
  await expect(language.getByRole('radio', { name: 'Polski' })).toBeChecked();
  // Choosing another by keyboard changes nothing: the policy's language stays.
  await language.getByRole('radio', { name: 'Polski' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(language.getByRole('radio', { name: 'Polski' })).toBeChecked();
  await expect(page.getByRole('heading', { level: 1, name: 'Ustawienia' })).toBeVisible();
  await expect(language.getByTestId('policy-locked')).toBeVisible();

  const trust = page.getByRole('region', { name: 'Zaufane urzędy certyfikacji' });
  const row = trust.getByRole('row', { name: /Centrum Certyfikacji Zaklady CA/ });
  await expect(row).toContainText('Zasady firmy');
  await expect(row.getByRole('button')).toHaveCount(0);

  const server = page.getByRole('region', { name: 'Serwer firmowy' });
  await expect(server.getByLabel('Adres serwera')).toHaveValue('https://podpis.zaklady.pl');
  await expect(server.getByLabel('Adres serwera')).not.toBeEditable();
  await expect(server.getByTestId('policy-locked').first()).toBeVisible();
  // An invitation for another server: said so, and its code is not sent anywhere.
  await server.getByRole('button', { name: 'Zaloguj się z zaproszeniem' }).click();
  const enrol = server.getByRole('form', { name: 'Zaloguj się z zaproszeniem' });
  await enrol.getByLabel('Link z e-maila').fill('signet://enrol?server=https%3A%2F%2Finny.example.com&code=K7MQ3X9TPAK7MQ3X9TPA');
  await expect(enrol.getByRole('alert')).toContainText('To zaproszenie jest do https://inny.example.com, a zasady działu IT pozwalają tylko na https://podpis.zaklady.pl');
  await enrol.getByRole('button', { name: 'Zaloguj się' }).click();
  await expect(enrol.getByRole('alert')).toBeVisible();
  expect(sent.some((call) => call.includes('"policy.get"'))).toBe(true);
  expect(sent.filter((call) => call.includes('companyServer.enrol'))).toEqual([]);
  await expect(page.getByTestId('updates-status')).toHaveText('Wyłączone przez zasady działu IT: to on instaluje aktualizacje.');
  await expect(page.getByRole('button', { name: 'Sprawdź aktualizacje' })).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('policy: one that cannot be applied is reported in Settings with where each problem is, and locks nothing', async ({ page }) => {
  const problems = watchForProblems(page);
  const file = policyFile('broken.json', { companyServerUrl: 'ftp://podpis', locked: { language: 'de' }, autoUpdate: false });
  host = new BrowserHost({ policyFile: file });
  await page.goto(await host.start());
  await completeFirstRun(page, 'Zakłady Łódzkie Sp. z o.o.');
  await openSection(page, 'Settings');
  const policy = page.getByRole('region', { name: 'Managed by your IT department' });
  const alert = policy.getByRole('alert');
  await expect(alert).toContainText('This policy could not be applied, so none of it is in force.');
  await expect(alert.getByRole('listitem')).toHaveCount(3);
  await expect(alert).toContainText(`${file}: companyServerUrl`);
  await expect(alert).toContainText(`${file}: locked.language`);
  await expect(alert).toContainText('A key Signet’s policy does not have. (autoUpdate)');
  await expect(page.getByTestId('policy-locked')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Language', exact: true }).getByRole('radio', { name: 'Polski' })).toBeEnabled();
  // No policy in force, and the browser host is not an installed app: it does not update itself, and says so.
  await expect(page.getByTestId('updates-status')).toHaveText('This copy does not update itself: it is not an installed app.');
  expect(problems).toEqual([]);
});
