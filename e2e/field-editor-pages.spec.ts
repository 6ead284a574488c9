import { expect, test, type Locator, type Page } from '@playwright/test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { watchForProblems } from './support/app';
import { closeAndStay, goToHash, hashOf } from './support/leaving';
import { callHost } from './support/rpc';
import { specHost } from './support/spec-host';

/**
 * The field editor opened from a Draft's document panel, in Chromium against the demo browser host, on documents made
 * for it over the socket: a scan-like page cropped away from its MediaBox's corner (the page drawn and the space fields
 * are placed in are one size), a 100-page contract (only the thumbnails in view are drawn; the keyboard still reaches
 * every one), and edits that are not saved (closing the editor, a change of address and closing the window ask first).
 */
test.use({ viewport: { width: 1600, height: 1000 } });
const hostOf = specHost({ demo: true });

/** A4 pages, each with its number printed; `crop` sets every page's CropBox as [x, y, width, height]. */
async function pdfOf(pages: number, crop?: [number, number, number, number]): Promise<string> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) {
    const page = doc.addPage([595, 842]);
    page.drawText(`Page ${i}`, { x: 260, y: 420, size: 28, font });
    if (crop) page.setCropBox(...crop);
  }
  return Buffer.from(await doc.save()).toString('base64');
}

/** A Draft of that PDF with the administrator signing for the company. */
async function draftOf(title: string, data: string): Promise<string> {
  const url = hostOf().url;
  const info = await callHost(url, 'app.info', {});
  const { sha256 } = await callHost(url, 'pdf.import', { data });
  const doc = await callHost(url, 'documents.create', { fileSha256: sha256, originalName: `${title}.pdf`, title, companySignerIds: [info.user.id] });
  return doc.id;
}

/** From the board, or from the document's panel when it is still open (the editor was closed over it). */
async function openEditor(page: Page, title: string): Promise<Locator> {
  const panel = page.getByRole('dialog', { name: title });
  if (!(await panel.isVisible())) await page.getByRole('region', { name: /^Draft \d+ documents?$/ }).getByRole('button', { name: new RegExp(`^${title}`) }).click();
  await panel.getByRole('button', { name: 'Signing fields' }).click();
  const editor = page.getByRole('dialog', { name: `Signing fields: ${title}` });
  await expect(editor.locator('.field-editor-page canvas')).toBeVisible({ timeout: 20_000 });
  return editor;
}

async function placeSignature(page: Page, editor: Locator): Promise<void> {
  await editor.getByRole('region', { name: 'Fields' }).getByRole('button', { name: 'Signature', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(editor.getByRole('group', { name: /^Page 1: 1 field$/ })).toBeVisible();
}

test('a cropped page is shown and placed on at the size of its visible part', async ({ page }) => {
  const problems = watchForProblems(page);
  const title = 'Cropped scan';
  await draftOf(title, await pdfOf(1, [50, 100, 495, 642]));
  await page.goto(hostOf().url);
  const editor = await openEditor(page, title);
  const canvas = (await editor.locator('.field-editor-page canvas').boundingBox())!;
  const overlay = (await editor.locator('.field-editor-overlay').boundingBox())!;
  // The fields' layer covers exactly the page pdf.js drew (before, it was the MediaBox's 595 × 842 over a 495 × 642 drawing).
  expect(Math.abs(overlay.width - canvas.width)).toBeLessThan(1.5);
  expect(Math.abs(overlay.height - canvas.height)).toBeLessThan(1.5);
  expect(canvas.height / canvas.width).toBeCloseTo(642 / 495, 2);

  // A field dragged to the visible page's top-right corner stops at its edges: 495 × 642 points.
  await placeSignature(page, editor);
  const field = editor.getByRole('button', { name: /^Signature, / });
  const box = (await field.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 20, box.y, { steps: 4 });
  await page.mouse.move(overlay.x + overlay.width + 300, overlay.y - 300, { steps: 8 });
  await page.mouse.up();
  await expect(editor.locator('.field-editor-geometry')).toHaveText('Page 1 · 315, 592 pt · 180 × 50 pt');
  await editor.getByRole('button', { name: 'Save fields' }).click();
  await expect(editor).toBeHidden();
  expect(problems).toEqual([]);
});

test('a 100-page contract draws only the thumbnails in view, and the keyboard reaches every page', async ({ page }) => {
  const problems = watchForProblems(page);
  const title = 'Hundred page contract';
  await draftOf(title, await pdfOf(100));
  await page.goto(hostOf().url);
  const editor = await openEditor(page, title);
  const pages = editor.getByRole('navigation', { name: 'Pages' });
  const thumbnail = (n: number) => pages.getByRole('button', { name: `Page ${n}, 0 fields` });
  await expect(thumbnail(1)).toHaveAttribute('aria-current', 'page');
  await expect(pages.locator('canvas').first()).toBeVisible();
  const drawn = await pages.getByRole('button').count();
  expect(drawn).toBeGreaterThan(3);
  expect(drawn).toBeLessThan(20);
  expect(await pages.locator('canvas').count()).toBeLessThanOrEqual(drawn);
  // Screen readers still hear where in the hundred each one is.
  await expect(pages.getByRole('listitem').first()).toHaveAttribute('aria-setsize', '100');

  // Tab from one to the next, as before; End, Home and the arrows move along the whole list.
  await thumbnail(1).focus();
  await page.keyboard.press('Tab');
  await expect(thumbnail(2)).toBeFocused();
  await page.keyboard.press('End');
  await expect(thumbnail(100)).toBeFocused();
  await expect(thumbnail(1)).toHaveCount(0);
  await expect(pages.getByRole('listitem').last()).toHaveAttribute('aria-posinset', '100');
  await page.keyboard.press('Enter');
  await expect(thumbnail(100)).toHaveAttribute('aria-current', 'page');
  await expect(editor.getByText('Page 100 of 100')).toBeVisible();
  await expect(thumbnail(100).locator('canvas')).toBeVisible();
  await page.keyboard.press('ArrowUp');
  await expect(thumbnail(99)).toBeFocused();
  await page.keyboard.press('Home');
  await expect(thumbnail(1)).toBeFocused();
  await expect(thumbnail(100)).toHaveCount(0);

  // The page changed with the toolbar: its thumbnail is brought into view.
  await editor.getByRole('button', { name: 'Previous page' }).click();
  await expect(thumbnail(99)).toHaveAttribute('aria-current', 'page');
  await expect(thumbnail(99)).toBeInViewport();
  expect(await pages.getByRole('button').count()).toBeLessThan(20);
  expect(problems).toEqual([]);
});

test('unsaved fields are not lost without asking: Escape, Cancel, a change of address, closing the window', async ({ page }) => {
  const problems = watchForProblems(page);
  const title = 'Unsaved fields';
  const id = await draftOf(title, await pdfOf(2));
  await page.goto(hostOf().url);
  const question = page.getByRole('dialog', { name: 'Discard the changes to the fields?' });

  // Nothing changed: closed at once, and leaving the page asks nothing.
  let editor = await openEditor(page, title);
  await page.keyboard.press('Escape');
  await expect(editor).toBeHidden();
  await expect(question).toHaveCount(0);

  editor = await openEditor(page, title);
  await placeSignature(page, editor);
  // Escape lets go of the field, the next asks; Keep editing has the focus and Escape means it too.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(question).toBeVisible();
  await expect(question).toHaveAccessibleDescription('The fields placed or changed since the editor opened have not been saved.');
  await expect(question.getByRole('button', { name: 'Keep editing' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(question).toBeHidden();
  await expect(editor.getByRole('group', { name: 'Page 1: 1 field' })).toBeVisible();

  await editor.getByRole('button', { name: 'Cancel' }).click();
  await question.getByRole('button', { name: 'Keep editing' }).click();
  await editor.getByRole('button', { name: 'Close' }).first().click();
  await expect(question).toBeVisible();
  await question.getByRole('button', { name: 'Keep editing' }).click();

  // A change of address (Back, a signet:// link) is held back: the editor stays, the address with it.
  const before = await hashOf(page);
  await goToHash(page, `#/sign/${id}`);
  await expect(question).toBeVisible();
  expect(await hashOf(page)).toBe(before);
  await question.getByRole('button', { name: 'Keep editing' }).click();
  await expect(editor).toBeVisible();

  // Closing the tab or window: the browser's own question; staying keeps the edits.
  await closeAndStay(page);
  await expect(editor.getByRole('group', { name: 'Page 1: 1 field' })).toBeVisible();

  // Undone back to what was loaded: nothing to lose, nothing asked.
  await editor.getByRole('button', { name: 'Undo', exact: true }).click();
  await editor.getByRole('button', { name: 'Cancel' }).click();
  await expect(editor).toBeHidden();
  await expect(question).toHaveCount(0);

  // Changed again, then the address is followed after all: the edits are dropped and the signing screen opens.
  editor = await openEditor(page, title);
  await placeSignature(page, editor);
  await goToHash(page, `#/sign/${id}`);
  await question.getByRole('button', { name: 'Discard changes' }).click();
  await expect(editor).toBeHidden();
  await expect.poll(() => hashOf(page)).toBe(`#/sign/${id}`);
  expect((await callHost(hostOf().url, 'documents.fields.get', { id })).layout.fields).toEqual([]);
  expect(problems).toEqual([]);
});
