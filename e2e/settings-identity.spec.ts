import { X509Certificate } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { completeFirstRun, openSection, watchForProblems } from './support/app';
import { BrowserHost } from './support/host';
import { makeTestPki, type TestPki } from './support/pki';

/**
 * Settings → "Company certificate" and "Trusted certificate authorities" against the real browser host, whose keys go
 * to the throwaway GNOME Keyring `npm test` starts (scripts/lib/keyring.mjs). PKCS#12 files and CA certificates come
 * from openssl, not from Signet. Set IDENTITY_SHOTS_DIR to keep screenshots of the Settings page.
 */
const companyName = 'Tłocznia Żerań Sp. z o.o.';
// ASCII: openssl-pki.ts passes -subj without -utf8, so openssl would store non-ASCII letters double-encoded.
const importedSubject = '/CN=Pieczec Importowana/O=Firma Importowana S.A.';
const p12Password = 'właściwe-hasło-7';
const shotsDir = process.env.IDENTITY_SHOTS_DIR;

let pki: TestPki;
let host: BrowserHost;

test.beforeAll(async () => {
  pki = await makeTestPki('/CN=Zaufane Centrum Testowe CA/O=Zaufane Centrum S.A.');
});

test.afterAll(() => {
  pki?.dispose();
});

test.beforeEach(async ({ page }) => {
  host = new BrowserHost();
  await page.goto(await host.start());
  await completeFirstRun(page, companyName);
  await openSection(page, 'Settings');
});

test.afterEach(async () => {
  await host?.dispose();
});

/** The fingerprint as the card shows it: sixteen upper-case groups of four. */
function grouped(pem: string): string {
  return new X509Certificate(pem).fingerprint256.replace(/:/g, '').match(/.{4}/g)!.join(' ');
}

/** Presses Enter on a control, as a keyboard user reaches it (the focus is put there the way Tab would leave it). */
async function pressOn(control: Locator): Promise<void> {
  await control.focus();
  await control.press('Enter');
}

async function shot(page: Page, name: string): Promise<void> {
  if (!shotsDir) return;
  mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });
}

test('company certificate: ready after first run, CA export, PKCS#12 import refused and accepted', async ({ page }) => {
  const problems = watchForProblems(page);
  const card = page.getByRole('region', { name: 'Company certificate' });
  const seal = card.getByRole('region', { name: 'Seal certificate' });
  const chain = card.getByRole('region', { name: 'Certificate chain' });

  // --- Made by Signet after first run, its key in the Secret Service keyring ---------------------------------
  await expect(card.getByRole('status')).toHaveText('Ready: documents are sealed with this certificate.');
  await expect(seal).toContainText(`${companyName} — pieczęć / seal`);
  await expect(seal).toContainText(`${companyName} — Signet CA`);
  await expect(card).toContainText(/Private key kept in\s*System keychain — Secret Service/);
  await expect(card).toContainText('Made by Signet');
  await expect(card.getByRole('button', { name: 'Try again' })).toHaveCount(0);

  // --- Export: a PEM download of the CA, the same certificate the chain shows ---------------------------------
  const downloading = page.waitForEvent('download');
  await pressOn(card.getByRole('button', { name: 'Export CA certificate (.pem)' }));
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/-signet-ca\.pem$/);
  const pem = await readFile(await download.path(), 'utf8');
  expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----\n$/);
  const ca = new X509Certificate(pem);
  expect(ca.ca).toBe(true);
  expect(ca.subject).toContain(companyName);
  await expect(chain.locator('li').last()).toContainText(grouped(pem));
  await expect(page.getByRole('status').filter({ hasText: `Saved ${download.suggestedFilename()}.` })).toBeVisible();

  // --- Import: not a PKCS#12, then a wrong password; the old certificate stays --------------------------------
  const importButton = card.getByRole('button', { name: 'Import PKCS#12…' });
  await pressOn(importButton);
  const dialog = page.getByRole('dialog', { name: 'Import a PKCS#12 file' });
  const file = dialog.getByLabel('PKCS#12 file');
  const password = dialog.getByLabel('Password');
  await expect(file).toBeFocused();
  await expect(password).toHaveAttribute('type', 'password');
  await expect(password).toHaveAttribute('autocomplete', 'off');

  await password.press('Enter');
  await expect(file).toHaveAccessibleDescription(/Choose a \.p12 or \.pfx file\./);

  await file.setInputFiles({ name: 'notes.p12', mimeType: 'application/x-pkcs12', buffer: Buffer.from('just some text, not a PKCS#12') });
  await password.fill(p12Password);
  await password.press('Enter');
  await expect(file).toHaveAttribute('aria-invalid', 'true');
  await expect(file).toHaveAccessibleDescription(/This is not a PKCS#12 file \(\.p12 or \.pfx\)\./);
  await expect(file).toBeFocused();

  const p12 = pki.p12({ subject: importedSubject, password: p12Password });
  await file.setInputFiles({ name: 'pieczęć.p12', mimeType: 'application/x-pkcs12', buffer: p12 });
  await expect(file).not.toHaveAttribute('aria-invalid', 'true');
  await password.fill('złe-hasło');
  await password.press('Enter');
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(password).toHaveAccessibleDescription(/The password does not open this PKCS#12 file\./);
  await expect(password).toBeFocused();
  await shot(page, 'import-refused-en');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(importButton).toBeFocused();
  await expect(seal).toContainText(`${companyName} — pieczęć / seal`);
  await expect(card).toContainText('Made by Signet');

  // --- The right password: the imported seal is the company's now -------------------------------------------
  await importButton.press('Enter');
  await file.setInputFiles({ name: 'pieczęć.pfx', mimeType: 'application/x-pkcs12', buffer: p12 });
  await password.fill(p12Password);
  await password.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Imported. The company seal is now: CN=Pieczec Importowana' })).toBeVisible();
  await expect(card.getByRole('status')).toHaveText('Ready: documents are sealed with this certificate.');
  await expect(seal).toContainText('CN=Pieczec Importowana, O=Firma Importowana S.A.');
  await expect(seal).not.toContainText(companyName);
  await expect(card).toContainText('Imported from a PKCS#12 file');
  await expect(chain.locator('li')).toHaveCount(1);
  await expect(chain).toContainText(grouped(pki.caPem));

  // The export follows: partners now get the commercial CA.
  const second = page.waitForEvent('download');
  await pressOn(card.getByRole('button', { name: 'Export CA certificate (.pem)' }));
  expect(grouped(await readFile(await (await second).path(), 'utf8'))).toBe(grouped(pki.caPem));

  await shot(page, 'settings-imported-en');
  expect(problems).toEqual([]);
});

test('trusted authorities: garbage refused, add, remove after a confirmation, and the Polish texts', async ({ page }) => {
  const problems = watchForProblems(page);
  const trust = page.getByRole('region', { name: 'Trusted certificate authorities' });
  const add = trust.getByRole('button', { name: 'Add certificate…' });
  await expect(trust).toContainText('No authorities added.');

  const choose = async (name: string, contents: string | Buffer) => {
    const chooser = page.waitForEvent('filechooser');
    await pressOn(add);
    await (await chooser).setFiles({ name, mimeType: 'application/x-pem-file', buffer: Buffer.from(contents) });
  };

  // --- A file that holds no certificate --------------------------------------------------------------------
  await choose('nonsense.pem', '-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n');
  await expect(trust.getByRole('alert')).toHaveText('No certificate could be read from this file. Use a .pem, .cer or .crt file.');
  await expect(trust.getByRole('table')).toHaveCount(0);
  // Far too large for a certificate: refused before it is read or sent.
  await choose('backup.pem', 'x'.repeat(300 * 1024));
  await expect(trust.getByRole('alert')).toHaveText('This file is too large for a certificate (at most 256 KB). Check that you chose the right file.');

  // --- A CA in PEM: listed with its fingerprint ------------------------------------------------------------
  await choose('zaufane-centrum.pem', pki.caPem);
  const table = trust.getByRole('table', { name: 'Trusted certificate authorities' });
  const row = table.getByRole('row', { name: /Zaufane Centrum Testowe CA/ });
  await expect(row).toContainText(grouped(pki.caPem));
  await expect(row).toContainText(String(new Date(new X509Certificate(pki.caPem).validTo).getFullYear()));
  await expect(trust.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: '1 certificate authority added.' })).toBeVisible();
  await shot(page, 'settings-trust-en');

  // --- Remove: Cancel keeps it; the confirmation removes it --------------------------------------------------
  const remove = row.getByRole('button', { name: /^Remove/ });
  await expect(remove).toHaveAccessibleName(/^Remove CN=Zaufane Centrum Testowe CA/);
  await pressOn(remove);
  const confirm = page.getByRole('dialog', { name: 'Remove this certificate authority?' });
  await expect(confirm).toHaveAccessibleDescription(/will verify as untrusted again/);
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(confirm).toBeHidden();
  await expect(row).toBeVisible();
  await expect(remove).toBeFocused();

  await remove.press('Enter');
  await page.keyboard.press('Shift+Tab');
  await expect(confirm.getByRole('button', { name: 'Remove', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(confirm).toBeHidden();
  await expect(trust.getByRole('table')).toHaveCount(0);
  await expect(trust).toContainText('No authorities added.');
  await expect(add).toBeFocused();

  // --- Polish ---------------------------------------------------------------------------------------------
  await page.getByRole('radio', { name: 'Polski' }).check();
  await expect(page.getByRole('heading', { level: 1, name: 'Ustawienia' })).toBeVisible();
  const card = page.getByRole('region', { name: 'Certyfikat firmy' });
  await expect(card.getByRole('status')).toHaveText('Gotowy: dokumenty są pieczętowane tym certyfikatem.');
  await expect(card).toContainText(/Klucz prywatny przechowywany w\s*Systemowy pęk kluczy/);
  await expect(card).toContainText('Utworzony przez Signet');
  await expect(card.getByRole('region', { name: 'Certyfikat pieczęci' })).toContainText('Odcisk SHA-256');
  await expect(card.getByRole('button', { name: 'Eksportuj certyfikat CA (.pem)' })).toBeVisible();
  const polishTrust = page.getByRole('region', { name: 'Zaufane urzędy certyfikacji' });
  await expect(polishTrust).toContainText('Nie dodano żadnych urzędów.');

  await pressOn(card.getByRole('button', { name: 'Importuj PKCS#12…' }));
  const dialog = page.getByRole('dialog', { name: 'Import pliku PKCS#12' });
  await dialog.getByLabel('Plik PKCS#12').setInputFiles({ name: 'pieczęć.p12', mimeType: 'application/x-pkcs12', buffer: pki.p12({ password: p12Password }) });
  await dialog.getByLabel('Hasło').fill('złe-hasło');
  await dialog.getByLabel('Hasło').press('Enter');
  await expect(dialog.getByLabel('Hasło')).toHaveAccessibleDescription(/To hasło nie otwiera tego pliku PKCS#12\./);
  await dialog.getByRole('button', { name: 'Anuluj' }).click();

  const chooser = page.waitForEvent('filechooser');
  await pressOn(polishTrust.getByRole('button', { name: 'Dodaj certyfikat…' }));
  await (await chooser).setFiles({ name: 'bzdura.crt', mimeType: 'application/x-x509-ca-cert', buffer: Buffer.from([0x30, 0x03, 0x02, 0x01, 0x00]) });
  await expect(polishTrust.getByRole('alert')).toHaveText('Nie udało się odczytać certyfikatu z tego pliku. Użyj pliku .pem, .cer lub .crt.');
  await shot(page, 'settings-pl');

  expect(problems).toEqual([]);
});
