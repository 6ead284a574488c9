import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { watchForProblems } from './support/app';
import { callHost } from './support/rpc';
import { specHost } from './support/spec-host';

/**
 * Step 1 of the wizard takes a PDF dropped on the window, in Chromium against the demo browser host. The drop is a
 * real one as far as the page can tell: a DataTransfer made in the page holding a File with the fixture's bytes,
 * dragenter/dragover/drop dispatched on the drop zone (and bubbling to the window, where the step listens). A valid PDF
 * is imported, titled from its file name and becomes the Draft; a password-protected PDF and a cut-off one are
 * refused with the reason, in English and in Polish, and nothing is created. At step 2, where no file is taken, a
 * dropped PDF is not opened in place of the app: the drag and the drop are cancelled and nothing is imported.
 */
test.use({ viewport: { width: 1600, height: 1000 } });
const hostOf = specHost({ demo: true });
const samples = path.resolve(import.meta.dirname, '../resources/samples');
const sample = (name: string) => readFileSync(path.join(samples, name));

/** nda-pl.pdf locked with a user password by qpdf, as a protected export arrives. */
function encryptedPdf(): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), 'signet-e2e-upload-'));
  try {
    const locked = path.join(dir, 'locked.pdf');
    execFileSync('qpdf', ['--encrypt', 'user-pw', 'owner-pw', '256', '--', path.join(samples, 'nda-pl.pdf'), locked]);
    return readFileSync(locked);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A download that stopped part-way: the first 60% of a real PDF. */
const cutOffPdf = () => {
  const whole = sample('umowa-dostawy.pdf');
  return whole.subarray(0, Math.floor(whole.length * 0.6));
};

async function openStepOne(page: Page): Promise<Locator> {
  await page.goto(hostOf().url);
  await page.getByRole('button', { name: /^(Create|Utwórz)$/ }).click();
  await expect(page.getByRole('list', { name: /^(Steps|Kroki)$/ }).locator('[aria-current="step"]')).toHaveText(/^1\. /);
  return page.locator('.wizard-dropzone');
}

/** Drags a file in over `target` (the drop zone unless given) and lets go of it: the events a person's drop makes. */
async function dropFile(zone: Locator, file: { name: string; bytes: Buffer; type: string }, target: Locator = zone): Promise<void> {
  const dataTransfer = await zone.page().evaluateHandle(({ name, base64, type }) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    // Specs are type-checked without the DOM library: the page's DataTransfer, named through globalThis.
    const transfer = new (globalThis as unknown as { DataTransfer: new () => { items: { add(file: File): unknown } } }).DataTransfer();
    transfer.items.add(new File([bytes], name, { type }));
    return transfer;
  }, { name: file.name, base64: file.bytes.toString('base64'), type: file.type });
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  // Over the window with a file: the drop zone shows it will take it.
  await expect(zone).toHaveClass(/wizard-dropzone-active/);
  await target.dispatchEvent('drop', { dataTransfer });
  await expect(zone).not.toHaveClass(/wizard-dropzone-active/);
}

const documentCount = async () => (await callHost(hostOf().url, 'documents.list', { limit: 1 })).total;

test('a valid PDF dropped on step 1 is imported, titled from its file name, and becomes the Draft', async ({ page }) => {
  const problems = watchForProblems(page);
  const zone = await openStepOne(page);
  const before = await documentCount();
  // Anywhere on the window, not only the drop zone: here the wizard's heading.
  const heading = page.getByRole('heading', { level: 1, name: 'Prepare and send' });
  await dropFile(zone, { name: 'Umowa dostawy 2026.pdf', bytes: sample('umowa-dostawy.pdf'), type: 'application/pdf' }, heading);

  await expect(page.getByRole('status').filter({ hasText: 'Umowa dostawy 2026.pdf (2 pages)' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByLabel('Title')).toHaveValue('Umowa dostawy 2026');
  expect(await documentCount()).toBe(before);

  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Step 2 of 5: Signers' })).toBeFocused();
  const id = /^#\/create\/([0-9a-f-]{36})$/.exec(new URL(page.url()).hash)?.[1];
  expect(id).toBeDefined();
  const draft = await callHost(hostOf().url, 'documents.get', { id: id! });
  expect(draft).toMatchObject({ title: 'Umowa dostawy 2026', originalName: 'Umowa dostawy 2026.pdf', phase: 'draft' });
  expect(await documentCount()).toBe(before + 1);
  expect(problems).toEqual([]);
});

test('a PDF dropped on step 2 is not opened in place of the app: the wizard stays at step 2 and nothing is imported', async ({ page }) => {
  const problems = watchForProblems(page);
  const calls: string[] = [];
  page.on('websocket', (socket) => socket.on('framesent', (frame) => calls.push(String(frame.payload))));
  const zone = await openStepOne(page);
  await dropFile(zone, { name: 'Umowa dostawy.pdf', bytes: sample('umowa-dostawy.pdf'), type: 'application/pdf' });
  await expect(page.getByRole('status').filter({ hasText: 'Umowa dostawy.pdf (2 pages)' })).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  const stepTwo = page.getByRole('heading', { level: 2, name: 'Step 2 of 5: Signers' });
  await expect(stepTwo).toBeFocused();
  const address = new URL(page.url()).hash;
  const before = await documentCount();
  const imports = () => calls.filter((c) => c.includes('"pdf.import"')).length;
  const imported = imports();

  // What Chromium does with a file let go over a page: open it, unless the page cancelled the drag over it and the
  // drop. Both are cancelled here, and the drag says nothing takes it (the cursor shows no drop).
  const outcome = await stepTwo.evaluate((target, base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    type Transfer = { items: { add(file: File): unknown }; dropEffect: string };
    type DragEventCtor = new (type: string, init: { bubbles: boolean; cancelable: boolean; dataTransfer: Transfer }) => Event;
    const scope = globalThis as unknown as { DataTransfer: new () => Transfer; DragEvent: DragEventCtor };
    const transfer = new scope.DataTransfer();
    transfer.items.add(new File([bytes], 'Umowa dostawy.pdf', { type: 'application/pdf' }));
    const send = (type: string) => target.dispatchEvent(new scope.DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
    const enter = send('dragenter');
    const over = send('dragover');
    const effect = transfer.dropEffect;
    return { enterCancelled: !enter, overCancelled: !over, effect, dropCancelled: !send('drop') };
  }, sample('umowa-dostawy.pdf').toString('base64'));
  expect(outcome).toEqual({ enterCancelled: true, overCancelled: true, effect: 'none', dropCancelled: true });

  await expect(stepTwo).toBeVisible();
  await expect(page.locator('.wizard-dropzone')).toHaveCount(0);
  expect(new URL(page.url()).hash).toBe(address);
  expect(imports()).toBe(imported);
  expect(await documentCount()).toBe(before);
  expect(problems).toEqual([]);
});

test('a password-protected PDF and a cut-off one are refused with the reason, and nothing is created', async ({ page }) => {
  const zone = await openStepOne(page);
  const before = await documentCount();
  const alert = page.getByRole('alert');

  await dropFile(zone, { name: 'locked.pdf', bytes: encryptedPdf(), type: 'application/pdf' });
  await expect(alert).toContainText('The PDF is protected with a password. Remove the password');
  await dropFile(zone, { name: 'half.pdf', bytes: cutOffPdf(), type: 'application/pdf' });
  await expect(alert).toContainText('The PDF is cut off');
  await expect(alert).not.toContainText('password');

  // No file was taken: the step still asks for one, and leaving it creates nothing.
  await expect(page.getByRole('status').filter({ hasText: '.pdf (' })).toHaveCount(0);
  await expect(page.getByLabel('Title')).toHaveValue('');
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page.getByText('Choose a PDF or a document to start from.')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Steps' }).locator('[aria-current="step"]')).toHaveText('1. File');
  expect(await documentCount()).toBe(before);
});

test('the refusals are in Polish when the app speaks Polish', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'pl-PL' });
  try {
    const page = await context.newPage();
    const zone = await openStepOne(page);
    await expect(zone).toContainText('Upuść plik PDF w dowolnym miejscu okna');
    const alert = page.getByRole('alert');
    await dropFile(zone, { name: 'zabezpieczony.pdf', bytes: encryptedPdf(), type: 'application/pdf' });
    await expect(alert).toContainText('Plik PDF jest chroniony hasłem. Usuń hasło');
    await dropFile(zone, { name: 'ucięty.pdf', bytes: cutOffPdf(), type: 'application/pdf' });
    await expect(alert).toContainText('Plik PDF jest ucięty');
    await dropFile(zone, { name: 'notatki.txt', bytes: Buffer.from('To nie jest umowa.'), type: 'text/plain' });
    await expect(alert).toContainText('Ten plik nie jest plikiem PDF.');
  } finally {
    await context.close();
  }
});
