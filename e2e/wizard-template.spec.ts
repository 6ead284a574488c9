import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { watchForProblems } from './support/app';
import { callHost } from './support/rpc';
import { specHost } from './support/spec-host';

/**
 * Templates in the wizard, in Chromium against the demo browser host. A Draft with a signature for the company and
 * one for a counterparty is saved as a template over the WebSocket; in step 1 the template is listed with its pages,
 * fields and signer places, another one is deleted after a confirmation, and using it makes a Draft that opens at step 2 with the company signer in
 * place; a different counterparty is chosen there and step 3 shows the template's counterparty signature as theirs
 * and their name in its auto-filled name field; back in step 2 another contact takes the place and the name follows;
 * that Draft is then saved as a template with the wizard's own "Save as template" button and offered next time.
 */
test.use({ viewport: { width: 1600, height: 1000 } });
const hostOf = specHost({ demo: true });
const pdf = path.resolve(import.meta.dirname, '../resources/samples/service-agreement-en.pdf');

async function templateFromDraft(url: string, name: string, counterpartyId: string): Promise<void> {
  const info = await callHost(url, 'app.info', {});
  const { sha256 } = await callHost(url, 'pdf.import', { data: fs.readFileSync(pdf).toString('base64') });
  const doc = await callHost(url, 'documents.create', { fileSha256: sha256, originalName: 'service-agreement-en.pdf', title: `${name} (source)`, companySignerIds: [info.user.id], counterpartyContactIds: [counterpartyId] });
  const box = (x: number) => ({ page: 0, rect: { x, y: 80, width: 180, height: 50 }, required: true });
  // The counterparty's name is filled from their contact: the template keeps the field, not the name.
  const nameField = { id: 'name-client', kind: 'fullName', signerId: 'counterparty-1', source: 'fullName', page: 0, rect: { x: 320, y: 200, width: 180, height: 20 }, required: true };
  const layout = { fields: [{ id: 'sig-company', kind: 'signature', signerId: 'company-1', ...box(60) }, { id: 'sig-client', kind: 'signature', signerId: 'counterparty-1', ...box(320) }, nameField] };
  await callHost(url, 'documents.fields.save', { id: doc.id, version: doc.version, layout, values: { 'name-client': 'Teodor Szablonowy' } });
  await callHost(url, 'templates.saveFromDocument', { documentId: doc.id, name });
}

async function openCreate(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Prepare and send' })).toBeFocused();
}

test('template: listed in step 1, one deleted after confirming, another used; its counterparty fields go to the one chosen', async ({ page }) => {
  const problems = watchForProblems(page);
  const url = hostOf().url;
  const first = await callHost(url, 'contacts.create', { fields: { kind: 'client', firstName: 'Teodor', lastName: 'Szablonowy', companyName: 'Pierwsza Sp. z o.o.' } });
  await callHost(url, 'contacts.create', { fields: { kind: 'partner', firstName: 'Wanda', lastName: 'Odmienna', companyName: 'Druga S.A.' } });
  await templateFromDraft(url, 'Service agreement template', first.id);
  await templateFromDraft(url, 'Old template', first.id);

  await page.goto(url);
  const admin = (await page.getByTestId('current-user').textContent())!.trim();
  await openCreate(page);
  const templates = page.getByRole('region', { name: 'Start from a template' });
  const list = templates.getByRole('list');
  await expect(list.getByRole('listitem')).toHaveCount(2);
  const item = list.getByRole('listitem').filter({ hasText: 'Service agreement template' });
  await expect(item).toContainText(/\d+ pages? · 3 fields/);
  await expect(item).toContainText(`For the company: ${admin}`);
  await expect(item).toContainText('Signers for the other party: 1, chosen in step 2');

  // --- Deleting asks first; Cancel has the focus --------------------------------------------------------------------
  await templates.getByRole('button', { name: 'Delete template “Old template”' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete the template?' });
  await expect(confirm).toContainText('“Old template” will no longer be offered here.');
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Delete template' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Template “Old template” deleted.' })).toBeVisible();
  await expect(list.getByRole('listitem')).toHaveCount(1);

  // --- Using one makes the Draft and goes on at step 2, the company signer in place, no counterparty yet -------------
  await templates.getByRole('button', { name: 'Use template “Service agreement template”' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Step 2 of 5: Signers' })).toBeFocused();
  await expect(page.getByRole('heading', { level: 1, name: /^Prepare and send: draft / })).toBeVisible();
  await expect(page).toHaveURL(/#\/create\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('group', { name: 'Signing for the company' }).getByRole('checkbox', { name: admin })).toBeChecked();
  const counterparty = page.getByRole('group', { name: 'Signing for the other party' });
  await expect(counterparty.getByRole('listitem')).toHaveCount(0);

  // --- Someone the template never saw, from the contact book ------------------------------------------------------
  await counterparty.getByRole('combobox', { name: 'Find in the contact book' }).fill('Odmienna');
  await page.getByRole('option', { name: /Wanda Odmienna/ }).click();
  await expect(counterparty.getByRole('listitem')).toHaveText(/Wanda Odmienna/);
  await page.getByRole('button', { name: 'Next', exact: true }).click();

  await expect(page.getByRole('heading', { level: 2, name: 'Step 3 of 5: Fields' })).toBeFocused();
  await expect(page.locator('.field-editor-page canvas').first()).toBeVisible({ timeout: 20_000 });
  const fields = page.getByRole('group', { name: 'Page 1: 3 fields' });
  await expect(fields.getByRole('button', { name: /^Signature, Wanda Odmienna, required$/ })).toBeVisible();
  await expect(fields.getByRole('button', { name: new RegExp(`^Signature, ${admin}, required$`) })).toBeVisible();
  await expect(page.getByText(/no longer exists|left out/i)).toHaveCount(0);
  // The name field, saved in the template without a value, is filled from the contact chosen now.
  const nameValue = async (who: string) => {
    await fields.getByRole('button', { name: new RegExp(`^Full name, ${who}, required$`) }).click();
    return page.getByRole('complementary', { name: 'Full name' }).getByLabel('Value');
  };
  await expect(await nameValue('Wanda Odmienna')).toHaveValue('Wanda Odmienna');

  // --- Back in step 2 the counterparty is changed: the auto-filled name follows the new contact ------------------
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Step 2 of 5: Signers' })).toBeFocused();
  await counterparty.getByRole('button', { name: /^Remove Wanda Odmienna/ }).click();
  await counterparty.getByRole('combobox', { name: 'Find in the contact book' }).fill('Szablonowy');
  await page.getByRole('option', { name: /Teodor Szablonowy/ }).click();
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Step 3 of 5: Fields' })).toBeFocused();
  await expect(page.locator('.field-editor-page canvas').first()).toBeVisible({ timeout: 20_000 });
  await expect(await nameValue('Teodor Szablonowy')).toHaveValue('Teodor Szablonowy');

  // --- This Draft saved as a template from the wizard's header: a name already taken is refused by field ------------
  await page.getByRole('button', { name: 'Save as template' }).click();
  const save = page.getByRole('dialog', { name: 'Save as template' });
  const name = save.getByRole('textbox', { name: /Template name/ });
  await expect(name).toBeFocused();
  await name.fill('service agreement TEMPLATE');
  await save.getByRole('button', { name: 'Save template' }).click();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await name.fill('Agreement with Wanda');
  await save.getByRole('button', { name: 'Save template' }).click();
  await expect(save).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Saved the template “Agreement with Wanda”.' })).toBeVisible();
  // Still at step 3 of the same Draft; the new template is offered in step 1 of the next one.
  await expect(page.getByRole('heading', { level: 2, name: 'Step 3 of 5: Fields' })).toBeVisible();
  await page.getByRole('button', { name: 'Save draft and close' }).click();
  await openCreate(page);
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list.getByRole('listitem').filter({ hasText: 'Agreement with Wanda' })).toContainText(/3 fields/);
  expect(problems).toEqual([]);
});
