import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { runnerImport } from 'vite';
import type * as Identity from '../src-main/pdf/identity';
import type * as Seal from '../src-main/pdf/seal';
import { CompanyServer } from './support/company-server';

/**
 * The company server's public verification page (/verify), in Chromium on a phone-sized screen, against the server
 * started as `npm run server` starts it, trusting the test company's CA (`--trust-ca`). PDFs sealed by the project's
 * own code (through Vite's runner), dropped onto the page; English and Polish; no CSP violation in the console.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const companyName = 'Zakłady Łódzkie Sp. z o.o.';

interface BrowserGlobals {
  DataTransfer: new () => { items: { add(file: unknown): void } };
  File: new (parts: Uint8Array[], name: string, options: { type: string }) => unknown;
  document: { documentElement: { scrollWidth: number; lang: string } };
}

let dir: string;
let sealed: Uint8Array;
let tampered: Uint8Array;
let server: CompanyServer;

test.use({ viewport: { width: 360, height: 740 }, timezoneId: 'Europe/Warsaw' });

test.beforeAll(async () => {
  const identity = (await runnerImport<typeof Identity>(path.join(root, 'src-main/pdf/identity.ts'))).module;
  const seal = (await runnerImport<typeof Seal>(path.join(root, 'src-main/pdf/seal.ts'))).module;
  dir = mkdtempSync(path.join(tmpdir(), 'signet-portal-verify-'));
  const company = await identity.createCompanyIdentity(companyName);
  const signer = identity.keySigner(company.sealPrivateKeyPem, company.sealCertificatePem, [company.caCertificatePem]);
  sealed = await seal.sealPdf(new Uint8Array(readFileSync(path.join(root, 'resources/samples/nda-pl.pdf'))), signer, { reason: 'Signet' });
  const changed = Buffer.from(sealed);
  changed[3000] = changed[3000]! ^ 0xff;
  tampered = changed;
  writeFileSync(path.join(dir, 'company-ca.pem'), company.caCertificatePem);
  server = new CompanyServer();
  await server.start(20_000, ['--trust-ca', path.join(dir, 'company-ca.pem')]);
});

test.afterAll(async () => {
  await server?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Console errors (a CSP violation is one) and uncaught exceptions; a refused file's 4xx is the page's to explain. */
function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/status of 4\d\d/.test(msg.text())) problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  return problems;
}

async function drop(page: Page, bytes: Uint8Array, name: string): Promise<void> {
  const zone = page.locator('.drop-zone');
  const dataTransfer = await page.evaluateHandle(
    ({ data, fileName }) => {
      const browser = globalThis as unknown as BrowserGlobals;
      const transfer = new browser.DataTransfer();
      transfer.items.add(new browser.File([new Uint8Array(data)], fileName, { type: 'application/pdf' }));
      return transfer;
    },
    { data: [...bytes], fileName: name },
  );
  await zone.dispatchEvent('dragenter', { dataTransfer });
  await zone.dispatchEvent('dragover', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
}

const pageWidth = (page: Page) => page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.documentElement.scrollWidth);

test('portal /verify on a phone: sealed → valid, modified → the failure explained, a text file refused, English', async ({ page }) => {
  const problems = watchConsole(page);
  const response = await page.goto(`${server.url}/verify`);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  // The built page has no inline script or style for the CSP to refuse.
  const html = await response!.text();
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  expect(html).not.toMatch(/<style|\sstyle=/);

  await expect(page.getByRole('heading', { level: 1, name: 'Check a signed PDF' })).toBeVisible();
  await expect(page.getByLabel('Choose a PDF…')).toHaveAccessibleDescription('One PDF file, up to 50 MB.');
  expect(await pageWidth(page)).toBeLessThanOrEqual(360);

  await drop(page, sealed, 'umowa-opieczętowana.pdf');
  const valid = page.getByRole('heading', { level: 2, name: 'Intact and sealed by a trusted certificate.' });
  await expect(valid).toBeVisible();
  await expect(valid).toBeFocused();
  const row = page.getByRole('table', { name: 'Signatures' }).getByRole('row', { name: new RegExp(companyName) });
  await expect(row).toContainText('intact');
  await expect(row).toContainText("trusted (this company's certificate authority)");
  await expect(page.getByRole('region', { name: 'The file' })).toContainText('umowa-opieczętowana.pdf');
  await expect(page.getByRole('status')).toContainText('umowa-opieczętowana.pdf checked: Intact and sealed by a trusted certificate.');
  expect(await pageWidth(page)).toBeLessThanOrEqual(360);

  // The keyboard reaches "Check another file" from the verdict.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Check another file' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Choose a PDF…')).toBeFocused();

  await drop(page, tampered, 'umowa-zmieniona.pdf');
  await expect(page.getByRole('heading', { level: 2, name: 'NOT intact: the document was changed after it was signed, or a signature is broken.' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Findings' })).toContainText('The signed content has changed since it was signed.');
  await expect(page.getByRole('table', { name: 'Signatures' }).getByRole('row', { name: new RegExp(companyName) })).toContainText('BROKEN');

  await page.getByRole('button', { name: 'Check another file' }).click();
  await page.getByLabel('Choose a PDF…').setInputFiles({ name: 'notatka.pdf', mimeType: 'application/pdf', buffer: Buffer.from('To jest zwykły tekst, nie PDF.\n') });
  await expect(page.getByRole('alert')).toHaveText('This file is not a PDF.');

  expect(problems).toEqual([]);
});

test('portal in Polish from the browser, switched to English and back on the page; a signing link not valid', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'pl-PL', viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const problems = watchConsole(page);
  await page.goto(`${server.url}/verify`);
  await expect(page.getByRole('heading', { level: 1, name: 'Sprawdź podpisany plik PDF' })).toBeVisible();
  expect(await page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.documentElement.lang)).toBe('pl');
  await expect(page.getByRole('button', { name: 'Polski' })).toHaveAttribute('aria-pressed', 'true');

  await drop(page, tampered, 'umowa-zmieniona.pdf');
  await expect(page.getByRole('heading', { level: 2, name: 'NARUSZONY: dokument zmieniono po podpisaniu albo podpis jest uszkodzony.' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Ustalenia' })).toContainText('Podpisana treść zmieniła się od chwili podpisania.');

  // The switch is buttons, reached and pressed by keyboard; the report follows the language.
  await page.getByRole('button', { name: 'English' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'NOT intact: the document was changed after it was signed, or a signature is broken.' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');

  // Kept in this browser: the next page opens in English, whatever the browser's language.
  await page.goto(`${server.url}/s/${'A'.repeat(43)}`);
  await expect(page.getByRole('heading', { level: 1, name: 'This link is not valid' })).toBeVisible();
  await page.getByRole('button', { name: 'Polski' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ten link jest nieważny' })).toBeVisible();
  await page.getByRole('link', { name: 'Sprawdź podpisany plik PDF' }).click();
  await drop(page, sealed, 'umowa.pdf');
  await expect(page.getByRole('heading', { level: 2, name: 'Nienaruszony i opieczętowany zaufanym certyfikatem.' })).toBeVisible();

  expect(problems).toEqual([]);
  await context.close();
});
