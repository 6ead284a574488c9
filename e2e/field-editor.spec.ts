import { expect, test, type Locator, type Page } from '@playwright/test';
import { watchForProblems } from './support/app';
import { demoTitles } from './support/demo-board';
import { specHost } from './support/spec-host';

/**
 * The field editor (wizard step 3) end to end, in Chromium against the demo browser host, opened from a Draft's
 * document panel until the wizard exists: a signature placed from the palette by keyboard and nudged, undo and redo by
 * button and shortcut, a text field for the counterparty auto-filled from their company and moved with the mouse, a
 * date dragged from the palette and widened by its handle, saved, and still there when opened again after a reload.
 */
const { supply } = demoTitles;
test.use({ viewport: { width: 1600, height: 1000 } });
const hostOf = specHost({ demo: true });

async function openEditor(page: Page): Promise<Locator> {
  await page.getByRole('region', { name: /^Draft \d+ documents?$/ }).getByRole('button', { name: new RegExp(`^${supply}`) }).click();
  const panel = page.getByRole('dialog', { name: supply });
  await panel.getByRole('button', { name: 'Signing fields' }).click();
  const editor = page.getByRole('dialog', { name: `Signing fields: ${supply}` });
  await expect(editor.locator('.field-editor-page canvas')).toBeVisible({ timeout: 20_000 });
  return editor;
}

/** "Page 1 · 207.5, 396 pt · 180 × 50 pt" → the numbers. */
async function geometry(editor: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const text = (await editor.locator('.field-editor-geometry').textContent()) ?? '';
  const m = /([\d.]+), ([\d.]+) pt · ([\d.]+) × ([\d.]+) pt/.exec(text);
  if (!m) throw new Error(`no geometry in "${text}"`);
  return { x: Number(m[1]), y: Number(m[2]), width: Number(m[3]), height: Number(m[4]) };
}

test('field editor: keyboard placement, nudge, undo/redo, auto-fill from the contact, mouse move, saved and reopened', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.addInitScript(() => {
    const g = globalThis as unknown as { cspViolations: string[]; addEventListener(type: string, listener: (e: { violatedDirective: string; blockedURI: string }) => void): void };
    g.cspViolations = [];
    g.addEventListener('securitypolicyviolation', (e) => g.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(hostOf().url);
  const editor = await openEditor(page);
  const fields = editor.getByRole('group', { name: /^Page 1: \d+ fields?$/ });
  await expect(fields).toHaveAccessibleName('Page 1: 0 fields');
  await expect(editor.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Page 1, 0 fields' })).toHaveAttribute('aria-current', 'page');

  // --- A signature for the company, placed from the palette with Enter, lands in view and takes the focus ---------
  await expect(editor.getByRole('radio', { name: /Company$/ })).toBeChecked();
  const palette = editor.getByRole('region', { name: 'Fields' });
  await palette.getByRole('button', { name: 'Signature', exact: true }).focus();
  await page.keyboard.press('Enter');
  const signature = fields.getByRole('button', { name: /^Signature, .+, required$/ });
  await expect(signature).toBeFocused();
  await expect(signature).toHaveAttribute('aria-pressed', 'true');
  await expect(fields).toHaveAccessibleName('Page 1: 1 field');
  const placed = await geometry(editor);
  expect(placed).toMatchObject({ width: 180, height: 50 });

  // --- Nudged: arrows by 1 pt, Shift+arrows by 10 pt (down on screen is down on the page) --------------------------
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  await expect.poll(() => geometry(editor)).toEqual({ ...placed, x: placed.x + 2, y: placed.y - 10 });
  // Alt+arrows resize from the bottom-right corner.
  await page.keyboard.press('Alt+Shift+ArrowRight');
  await expect.poll(() => geometry(editor)).toEqual({ x: placed.x + 2, y: placed.y - 10, width: 190, height: 50 });

  // --- Undo and redo: the shortcut, then the buttons --------------------------------------------------------------
  await page.keyboard.press('Control+z');
  await expect.poll(() => geometry(editor)).toEqual({ ...placed, x: placed.x + 2, y: placed.y - 10 });
  await page.keyboard.press('Control+z');
  await expect.poll(() => geometry(editor)).toEqual({ ...placed, x: placed.x + 2 });
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => geometry(editor)).toEqual({ ...placed, x: placed.x + 2, y: placed.y - 10 });
  await editor.getByRole('button', { name: 'Undo', exact: true }).click();
  await editor.getByRole('button', { name: 'Redo', exact: true }).click();
  const signed = { ...placed, x: placed.x + 2, y: placed.y - 10 };
  await expect.poll(() => geometry(editor)).toEqual(signed);

  // --- A text field for the counterparty, filled from their company, moved clear of the signature by mouse --------
  await editor.getByRole('radio', { name: /Małgorzata Kowalczyk/ }).check();
  await palette.getByRole('button', { name: 'Text', exact: true }).focus();
  await page.keyboard.press('Enter');
  const text = fields.getByRole('button', { name: /^Text, Małgorzata Kowalczyk$/ });
  await expect(text).toBeFocused();
  const properties = editor.getByRole('complementary', { name: 'Text' });
  await properties.getByLabel('Fill from the contact').selectOption({ label: 'Company' });
  await expect(properties.getByLabel('Value')).toHaveValue('Agro-Lub Dostawy S.A.');
  // On top of the company's signature it cannot be saved: the overlap is shown on the field.
  await expect(text).toHaveAttribute('aria-invalid', 'true');
  await expect(properties).toContainText('overlap');
  const box = (await text.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 + 20, { steps: 4 });
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 + 120, { steps: 8 });
  await page.mouse.up();
  await expect(text).not.toHaveAttribute('aria-invalid', 'true');
  const textAt = await geometry(editor);
  expect(textAt.y).toBeLessThan(signed.y - 20);
  await properties.getByLabel('Value').fill('Agro-Lub Dostawy S.A. (Lublin)');
  await properties.getByLabel('Required').check();
  await page.screenshot({ path: 'test-results/field-editor.png' });

  // --- With the mouse: a date dragged from the palette onto the page, then widened by its corner handle -----------
  const pageBox = (await fields.boundingBox())!;
  const item = (await palette.getByRole('button', { name: 'Date signed', exact: true }).boundingBox())!;
  await page.mouse.move(item.x + item.width / 2, item.y + item.height / 2);
  await page.mouse.down();
  await page.mouse.move(item.x + item.width / 2 + 30, item.y + item.height / 2, { steps: 4 });
  await page.mouse.move(pageBox.x + pageBox.width * 0.3, pageBox.y + pageBox.height * 0.9, { steps: 10 });
  await page.mouse.up();
  const date = fields.getByRole('button', { name: /^Date signed, Małgorzata Kowalczyk, required$/ });
  await expect(date).toBeFocused();
  await expect(fields).toHaveAccessibleName('Page 1: 3 fields');
  const dateAt = await geometry(editor);
  expect(dateAt).toMatchObject({ width: 100, height: 20 });
  const handle = (await date.locator('.field-editor-handle-se').boundingBox())!;
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(handle.x + 60, handle.y + handle.height / 2, { steps: 6 });
  await page.mouse.up();
  await expect.poll(async () => (await geometry(editor)).width).toBeGreaterThan(130);
  expect((await geometry(editor)).x).toBe(dateAt.x);

  // --- Saved: the editor closes, the history says so --------------------------------------------------------------
  await editor.getByRole('button', { name: 'Save fields' }).click();
  await expect(editor).toBeHidden();
  const panel = page.getByRole('dialog', { name: supply });
  await expect(panel.getByRole('region', { name: /^History/ })).toContainText('Signing fields saved (3)');
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();

  // --- Reopened after a reload: the layout and the values are there ------------------------------------------------
  await page.reload();
  const again = await openEditor(page);
  const fieldsAgain = again.getByRole('group', { name: 'Page 1: 3 fields' });
  await fieldsAgain.getByRole('button', { name: /^Signature, .+, required$/ }).click();
  await expect.poll(() => geometry(again)).toEqual(signed);
  await fieldsAgain.getByRole('button', { name: /^Text, Małgorzata Kowalczyk, required$/ }).focus();
  const propertiesAgain = again.getByRole('complementary', { name: 'Text' });
  await expect(propertiesAgain.getByLabel('Value')).toHaveValue('Agro-Lub Dostawy S.A. (Lublin)');
  // Typed over the contact's company, the value is the preparer's own: no longer filled from the contact.
  await expect(propertiesAgain.getByLabel('Fill from the contact')).toHaveValue('');
  await expect(propertiesAgain.getByLabel('Signer')).toHaveValue('counterparty-1');
  await expect.poll(() => geometry(again)).toEqual(textAt);

  // Escape first lets go of the selected field, then closes the editor.
  await page.keyboard.press('Escape');
  await expect(again).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(again).toBeHidden();

  const violations = await page.evaluate(() => (globalThis as unknown as { cspViolations: string[] }).cspViolations);
  expect(violations).toEqual([]);
  expect(problems).toEqual([]);
});
