import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { completeFirstRun, createContact, openSection, watchForProblems } from './support/app';
import { BrowserHost } from './support/host';
import { specHost } from './support/spec-host';

/**
 * The contact book end to end, in Chromium against the real browser host on a fresh data folder:
 * first run, create, search, field errors, persistence across a host restart, Polish UI, CSV import.
 * Locators are by role and label only, which also proves that every control is labelled.
 */
const hostOf = specHost();

test('contacts: first run, create, search, validation, restart, Polish, import', async ({ page }) => {
  const pageProblems = watchForProblems(page);

  // --- First run ---------------------------------------------------------------------------------------------
  await page.goto(hostOf().url);
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Signet' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // The token left the visible URL (kept in sessionStorage for reloads).
  expect(page.url()).not.toContain('token=');
  await expect(page.getByLabel('Your name')).not.toHaveValue('');
  await page.getByRole('button', { name: 'Start using Signet' }).click();
  await expect(page.getByLabel('Company name')).toHaveAccessibleDescription(/Required/);
  await page.getByLabel('Company name').fill('Biuro Rachunkowe Łąka sp. z o.o.');
  await page.getByLabel('City').fill('Łódź');
  await page.getByLabel('Your name').fill('Grażyna Wiśniewska');
  await page.getByRole('button', { name: 'Start using Signet' }).click();
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
  await expect(page.getByText('Biuro Rachunkowe Łąka sp. z o.o.')).toBeVisible();

  // --- Create a contact --------------------------------------------------------------------------------------
  await openSection(page, 'Contacts');
  await expect(page.getByText('No contacts yet')).toBeVisible();
  await page.getByRole('button', { name: 'New contact' }).click();
  const dialog = page.getByRole('dialog', { name: 'New contact' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('First name')).toBeFocused();
  await dialog.getByLabel('First name').fill('Zażółć');
  await dialog.getByLabel('Last name').fill('Gęślą');
  await dialog.getByLabel('E-mail').fill('zazolc.gesla@example.pl');
  await dialog.getByLabel('Phone').fill('601 234 567');
  await dialog.getByLabel('Company').fill('Jaźń Consulting');
  await expect(dialog.getByLabel('Country')).toHaveValue('PL');

  // A bad NIP checksum is shown at the field, linked to it for screen readers.
  await dialog.getByLabel('NIP', { exact: true }).fill('123-456-78-90');
  await dialog.getByRole('button', { name: 'Save' }).click();
  const nip = dialog.getByLabel('NIP', { exact: true });
  await expect(nip).toHaveAttribute('aria-invalid', 'true');
  await expect(nip).toHaveAccessibleDescription(/Invalid NIP/);
  await expect(nip).toBeFocused();
  await nip.fill('123-456-32-18');
  await expect(nip).not.toHaveAttribute('aria-invalid', 'true');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Contact Zażółć Gęślą created.' })).toBeVisible();

  const table = page.getByRole('table', { name: 'Contacts' });
  const row = table.getByRole('row', { name: /Zażółć Gęślą/ });
  await expect(row).toBeVisible();
  await expect(row).toContainText('+48 601 234 567');
  await expect(row).toContainText('123-456-32-18');
  await expect(row).toContainText('Client');

  // --- Search as you type, without diacritics -----------------------------------------------------------------
  const search = page.getByRole('searchbox', { name: 'Search' });
  await search.fill('nobody-like-this');
  await expect(page.getByText('No contacts match the search.')).toBeVisible();
  await search.fill('gesla');
  await expect(row).toBeVisible();
  await expect(page.getByText('Showing 1 of 1 contact')).toBeVisible();

  // --- Quick find (combobox): type ahead, arrow, Enter opens the contact; Escape closes the dialog -------------
  const quick = page.getByRole('combobox', { name: 'Quick find' });
  await quick.fill('zazolc');
  await expect(page.getByRole('option', { name: /Zażółć Gęślą/ })).toBeVisible();
  await quick.press('ArrowDown');
  await expect(page.getByRole('option', { name: /Zażółć Gęślą/ })).toHaveAttribute('aria-selected', 'true');
  await quick.press('Enter');
  const existing = page.getByRole('dialog', { name: 'Contact: Zażółć Gęślą' });
  await expect(existing).toBeVisible();
  await expect(existing.getByLabel('Phone')).toHaveValue('+48 601 234 567');
  await page.keyboard.press('Escape');
  await expect(existing).toBeHidden();

  // --- Duplicate: same phone → "open the existing one" instead of a silent second copy -------------------------
  await page.getByRole('button', { name: 'New contact' }).click();
  const second = page.getByRole('dialog', { name: 'New contact' });
  await second.getByLabel('First name').fill('Jan');
  await second.getByLabel('Last name').fill('Duplikat');
  await second.getByLabel('Phone').fill('+48601234567');
  await second.getByRole('button', { name: 'Save' }).click();
  await expect(second.getByRole('alert')).toContainText('Phone: the same as in Zażółć Gęślą');
  await second.getByRole('button', { name: 'Open the existing one (Zażółć Gęślą)' }).click();
  await expect(page.getByRole('dialog', { name: 'Contact: Zażółć Gęślą' })).toBeVisible();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

  // --- Restart the host on the same data folder: the contact is still there -----------------------------------
  await hostOf().restart();
  await page.goto(hostOf().url);
  await openSection(page, 'Contacts');
  await expect(page.getByRole('table', { name: 'Contacts' }).getByRole('row', { name: /Zażółć Gęślą/ })).toContainText('+48 601 234 567');
  // A reload (token from sessionStorage now, not the URL) keeps working.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Contacts' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Zażółć Gęślą/ })).toBeVisible();

  // --- Switch the UI to Polish -----------------------------------------------------------------------------
  await openSection(page, 'Settings');
  await expect(page.getByText('Biuro Rachunkowe Łąka sp. z o.o.').first()).toBeVisible();
  await page.getByRole('radio', { name: 'Polski' }).check();
  const nav = page.getByRole('navigation', { name: 'Sekcje' });
  await expect(nav.getByRole('link', { name: 'Kontakty' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Ustawienia' })).toHaveAttribute('aria-current', 'page');
  await expect(nav.getByRole('link', { name: 'Podpisuj i zarządzaj' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Uprawnienia dostępu' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'pl');
  await expect(page.getByRole('heading', { level: 1, name: 'Ustawienia' })).toBeVisible();

  // --- Import a CSV with one valid and one invalid row, through the mapping step -----------------------------
  await openSection(page, 'Kontakty');
  await page.getByRole('button', { name: 'Importuj' }).click();
  const importDialog = page.getByRole('dialog', { name: 'Import kontaktów' });
  const csv = [
    'Imię;Nazwisko;E-mail;Telefon;Stanowisko służbowe',
    'Małgorzata;Wójcik;m.wojcik@example.pl;512 345 678;Dyrektor finansowy',
    'Bartłomiej;Żuraw;to-nie-jest-adres;600 000 001;Księgowy',
  ].join('\r\n');
  await importDialog.getByLabel('Plik').setInputFiles({ name: 'kontakty.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await importDialog.getByRole('button', { name: 'Dalej' }).click();

  const mapDialog = page.getByRole('dialog', { name: 'Dopasuj kolumny' });
  await expect(mapDialog).toBeVisible();
  await expect(mapDialog.getByLabel('Importuj kolumnę „Imię” jako')).toHaveValue('firstName');
  await expect(mapDialog.getByLabel('Importuj kolumnę „E-mail” jako')).toHaveValue('email');
  // A header the host does not know starts as "skip"; the person maps it.
  const positionColumn = mapDialog.getByLabel('Importuj kolumnę „Stanowisko służbowe” jako');
  await expect(positionColumn).toHaveValue('ignore');
  await positionColumn.selectOption({ label: 'Stanowisko' });
  await mapDialog.getByLabel('Rodzaj importowanych kontaktów').selectOption({ label: 'Dostawca' });
  await mapDialog.getByRole('button', { name: 'Importuj 2 wiersze' }).click();

  const report = page.getByRole('dialog', { name: 'Raport z importu' });
  await expect(report).toContainText('Zaimportowano 1 kontakt.');
  const failed = report.getByRole('table', { name: 'Wiersze, których nie zaimportowano' });
  const failedRow = failed.getByRole('row', { name: /Bartłomiej Żuraw/ });
  await expect(failedRow).toContainText('2');
  await expect(failedRow).toContainText('E-mail: Podaj poprawny adres e-mail');
  await report.getByRole('button', { name: 'Zamknij' }).first().click();
  await expect(report).toBeHidden();

  const imported = page.getByRole('row', { name: /Małgorzata Wójcik/ });
  await expect(imported).toContainText('Dostawca');
  await expect(imported).toContainText('Dyrektor finansowy');
  await expect(imported).toContainText('+48 512 345 678');
  await expect(page.getByRole('row', { name: /Żuraw/ })).toHaveCount(0);

  expect(pageProblems).toEqual([]);
});

test('contacts: shared tax ID, edit, archive, delete, filters, export, vCard, keyboard, lost connection', async ({ page }) => {
  const other = new BrowserHost();
  try {
    await page.goto(await other.start());
    const pageProblems = watchForProblems(page);
    // The skip link is the first stop of the keyboard.
    await completeFirstRun(page, 'Kamiński Logistyka S.A.');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
    await openSection(page, 'Contacts');

    // Two people at one company: the second save stops on the shared NIP, then goes through as a colleague.
    await createContact(page, { firstName: 'Ewa', lastName: 'Kamińska', company: 'Kamiński Logistyka', nip: '1234563218', email: 'ewa@kaminski.pl' });
    await expect(page.getByRole('dialog')).toBeHidden();
    await createContact(page, { firstName: 'Adam', lastName: 'Kamiński', company: 'Kamiński Logistyka', nip: 'PL 123-456-32-18', kind: 'Employee' });
    const dialog = page.getByRole('dialog', { name: 'New contact' });
    await expect(dialog.getByRole('alert')).toContainText('NIP: the same as in Ewa Kamińska');
    await expect(dialog.getByRole('button', { name: 'Open the existing one (Ewa Kamińska)' })).toBeVisible();
    await dialog.getByRole('button', { name: 'Save as a colleague at the same company' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Showing 2 of 2 contacts')).toBeVisible();

    // Dialog keyboard: focus starts in the first field, Shift+Tab wraps from the first control to the last.
    await page.getByRole('button', { name: 'New contact' }).click();
    const fresh = page.getByRole('dialog', { name: 'New contact' });
    await expect(fresh.getByLabel('First name')).toBeFocused();
    await page.keyboard.press('Shift+Tab'); // Kind
    await page.keyboard.press('Shift+Tab'); // Close (×)
    await expect(fresh.getByRole('button', { name: 'Close' })).toBeFocused();
    await page.keyboard.press('Shift+Tab'); // wraps to the last button
    await expect(fresh.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(fresh).toBeHidden();
    await expect(page.getByRole('button', { name: 'New contact' })).toBeFocused();

    // Kind filter and sort.
    await page.getByLabel('Kind').selectOption({ label: 'Employee' });
    await expect(page.getByText('Showing 1 of 1 contact')).toBeVisible();
    await expect(page.getByRole('row', { name: /Adam Kamiński/ })).toContainText('Employee');
    await page.getByLabel('Kind').selectOption({ label: 'All kinds' });
    // By last name, then first: "Kamińska" comes before "Kamiński".
    await page.getByLabel('Sort by').selectOption({ label: 'Name' });
    const names = page.getByRole('table', { name: 'Contacts' }).getByRole('rowheader');
    await expect(names.first()).toContainText('Ewa Kamińska');
    await page.getByLabel('Order').selectOption({ label: 'Descending' });
    await expect(names.first()).toContainText('Adam Kamiński');
    await page.getByRole('columnheader', { name: 'Name' }).getByRole('button').click();
    await expect(page.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'ascending');
    await expect(names.first()).toContainText('Ewa Kamińska');

    // Edit.
    await page.getByRole('button', { name: 'Adam Kamiński' }).click();
    const edit = page.getByRole('dialog', { name: 'Contact: Adam Kamiński' });
    await edit.getByLabel('Position').fill('Księgowy');
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect(edit).toBeHidden();
    await expect(page.getByRole('row', { name: /Adam Kamiński/ })).toContainText('Księgowy');

    // Archive: gone from the list, back with "Show archived", then restored.
    await page.getByRole('button', { name: 'Adam Kamiński' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Archive' }).click();
    await expect(page.getByRole('row', { name: /Adam Kamiński/ })).toHaveCount(0);
    await page.getByLabel('Show archived').check();
    await expect(page.getByRole('row', { name: /Adam Kamiński/ })).toContainText('Archived');
    await page.getByRole('button', { name: 'Adam Kamiński' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Restore from archive' }).click();
    await expect(page.getByRole('row', { name: /Adam Kamiński/ })).not.toContainText('Archived');

    // Delete, with a confirmation.
    await page.getByRole('button', { name: 'Ewa Kamińska' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete Ewa Kamińska?' });
    await expect(confirm).toHaveAccessibleDescription(/cannot be undone/);
    // The step change keeps keyboard focus inside the dialog, on the confirmation's first control.
    await expect(confirm.locator(':focus')).toHaveCount(1);
    await confirm.getByRole('button', { name: 'Delete permanently' }).click();
    await expect(page.getByRole('row', { name: /Ewa Kamińska/ })).toHaveCount(0);
    await expect(page.getByText('Showing 1 of 1 contact')).toBeVisible();

    // Export: a CSV download with the current filters.
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^signet-contacts-\d{4}-\d{2}-\d{2}\.csv$/);
    const exported = await readFile(await download.path(), 'utf8');
    expect(exported).toContain('Kamiński');
    expect(exported).toContain('Księgowy');

    // vCard: straight to the report, no mapping step.
    const vcf = [
      'BEGIN:VCARD', 'VERSION:3.0', 'N:Lewandowska;Joanna;;;', 'FN:Joanna Lewandowska', 'ORG:Lewandowska Design', 'EMAIL:joanna@lewandowska.pl', 'TEL;TYPE=CELL:+48 603 000 111', 'END:VCARD',
      'BEGIN:VCARD', 'VERSION:3.0', 'N:Bez;Maila;;;', 'FN:Maila Bez', 'EMAIL:not-an-email', 'END:VCARD',
    ].join('\r\n');
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByRole('dialog', { name: 'Import contacts' }).getByLabel('File').setInputFiles({ name: 'people.vcf', mimeType: 'text/vcard', buffer: Buffer.from(vcf) });
    await page.getByRole('button', { name: 'Continue' }).click();
    const report = page.getByRole('dialog', { name: 'Import report' });
    await expect(report).toContainText('1 contact imported.');
    await expect(report.getByRole('row', { name: /Maila Bez/ })).toContainText('E-mail: Enter a valid e-mail address');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('row', { name: /Joanna Lewandowska/ })).toContainText('+48 603 000 111');

    expect(pageProblems).toEqual([]);

    // The host goes away: the next call shows a translated "connection lost", not a hang or a stack trace.
    await other.stop();
    await page.getByRole('searchbox', { name: 'Search' }).fill('joanna');
    await expect(page.getByRole('alert')).toContainText('Lost the connection to Signet');
    await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
  } finally {
    await other.dispose();
  }
});

test('the UI follows a Polish OS language until the user picks one', async ({ browser }) => {
  const polish = new BrowserHost();
  const context = await browser.newContext({ locale: 'pl-PL' });
  try {
    const page = await context.newPage();
    const pageProblems = watchForProblems(page);
    await page.goto(await polish.start());
    await expect(page.getByRole('heading', { level: 1, name: 'Witamy w Signet' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'pl');
    await expect(page.getByRole('radio', { name: 'Język systemu (Polski)' })).toBeChecked();
    await page.getByLabel('Nazwa firmy').fill('Zakład Stolarski Jaźwiński');
    await page.getByRole('button', { name: 'Zacznij korzystać z Signet' }).click();
    await expect(page.getByRole('navigation', { name: 'Sekcje' }).getByRole('link', { name: 'Kontakty' })).toBeVisible();
    await openSection(page, 'Kontakty');
    await page.getByRole('button', { name: 'Utwórz' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nowy kontakt' });
    await expect(dialog.getByLabel('Rodzaj')).toHaveValue('client');
    await expect(dialog.getByLabel('Rodzaj').locator('option')).toHaveText(['Klient', 'Dostawca', 'Partner', 'Pracownik']);
    await dialog.getByRole('textbox', { name: 'Imię', exact: true }).fill('Łucja');
    await dialog.getByLabel('Nazwisko').fill('Źdźbło');
    await dialog.getByLabel('E-mail').fill('to nie e-mail');
    await dialog.getByRole('button', { name: 'Zapisz' }).click();
    await expect(dialog.getByLabel('E-mail')).toHaveAccessibleDescription('Podaj poprawny adres e-mail, np. imie@firma.pl.');

    // An explicit choice wins over the OS language, and survives a reload.
    await dialog.getByRole('button', { name: 'Anuluj' }).click();
    await openSection(page, 'Ustawienia');
    await page.getByRole('radio', { name: 'English' }).check();
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    expect(pageProblems).toEqual([]);
  } finally {
    await context.close();
    await polish.dispose();
  }
});

test('a contact named on a document cannot be deleted: the reason, the documents, and "archive instead"', async ({ page }) => {
  // The demo store has documents with signers; it opens straight onto its data (no first-run form).
  const demo = new BrowserHost({ demo: true });
  try {
    await page.goto(await demo.start());
    const pageProblems = watchForProblems(page);
    await openSection(page, 'Contacts');
    await page.getByRole('button', { name: 'Małgorzata Kowalczyk' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete Małgorzata Kowalczyk?' });
    await confirm.getByRole('button', { name: 'Delete permanently' }).click();
    const reason = confirm.getByRole('alert');
    await expect(reason).toContainText('Małgorzata Kowalczyk cannot be deleted because these documents name them as a signer');
    await expect(reason.getByRole('listitem')).toContainText([/^No\. UM\/\d{4}\/\d{2}\/0001: Umowa dostawy materiałów biurowych$/]);
    await confirm.getByRole('button', { name: 'Archive instead' }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByRole('row', { name: /Małgorzata Kowalczyk/ })).toHaveCount(0);
    await page.getByLabel('Show archived').check();
    await expect(page.getByRole('row', { name: /Małgorzata Kowalczyk/ })).toContainText('Archived');
    expect(pageProblems).toEqual([]);
  } finally {
    await demo.dispose();
  }
});
