import { createHash, X509Certificate } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import { runnerImport } from 'vite';
import type * as Chain from '../src-main/evidence/chain';
import type * as Compose from '../src-main/pdf/compose/compose';
import type * as Identity from '../src-main/pdf/identity';
import type * as Seal from '../src-main/pdf/seal';
import type { WireRequest, WireResponse } from '../src-shared/contract/wire';
import { completeFirstRun, openSection, watchForProblems } from './support/app';
import { BrowserHost } from './support/host';

/**
 * The Verify section end to end, in Chromium against the real browser host: PDFs made by the test with the project's
 * own sealing code (loaded through Vite's runner, as plain Node cannot import TypeScript), uploaded through the file
 * input, by keyboard and by drag and drop, and each verdict checked as the person reads it, in English and Polish.
 * Set VERIFY_SHOTS_DIR to keep a screenshot of every verdict.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const companyName = 'Zakłady Łódzkie Sp. z o.o.';
const signingTime = new Date('2026-11-27T10:00:00.000Z');
const shotsDir = process.env.VERIFY_SHOTS_DIR;

// Local time differs from UTC here, so the table visibly shows both.
test.use({ timezoneId: 'Europe/Warsaw' });

interface Fixtures {
  dir: string;
  unsigned: string;
  sealed: string;
  sealedWithEvidence: string;
  /** Pages of the sealed Signet document: the original's and the certificate pages after them. */
  sealedWithEvidencePages: number;
  originalPages: number;
  tampered: string;
  /** The sealed file cut off after its first 1500 bytes, as by a broken download: it has no pages to draw. */
  cutOff: string;
  /** Draws only with pdf.js's own data files: a character map and a standard font's glyphs. */
  needsPdfjsData: string;
  notPdf: string;
  tooLarge: string;
  sealFingerprint: string;
  /** The sealing company's CA certificate, as a partner would add it in Settings. */
  caPem: string;
  documentNumber: string;
  chainHead: string;
}

/** The few browser names the page functions below use (this file is type-checked without the DOM library). */
interface BrowserGlobals {
  navigator: { clipboard: { readText(): Promise<string> } };
  DataTransfer: new () => { items: { add(file: unknown): void } };
  File: new (parts: Uint8Array[], name: string, options: { type: string }) => unknown;
}

let fx: Fixtures;
let host: BrowserHost;

async function load<T>(relative: string): Promise<T> {
  return (await runnerImport<T>(path.join(root, relative))).module;
}

async function makeFixtures(): Promise<Fixtures> {
  const identity = await load<typeof Identity>('src-main/pdf/identity.ts');
  const seal = await load<typeof Seal>('src-main/pdf/seal.ts');
  const compose = await load<typeof Compose>('src-main/pdf/compose/compose.ts');
  const chain = await load<typeof Chain>('src-main/evidence/chain.ts');

  const dir = mkdtempSync(path.join(tmpdir(), 'signet-verify-e2e-'));
  const file = (name: string) => path.join(dir, name);
  const sample = path.join(root, 'resources/samples/nda-pl.pdf');
  const original = new Uint8Array(readFileSync(sample));

  copyFileSync(sample, file('nda-unsigned.pdf'));

  const company = await identity.createCompanyIdentity(companyName);
  const signer = identity.keySigner(company.sealPrivateKeyPem, company.sealCertificatePem, [company.caCertificatePem]);
  const sealed = await seal.sealPdf(original, signer, { reason: 'Signet', signingTime });
  writeFileSync(file('nda-sealed.pdf'), sealed);

  // One byte inside the signed range (the original's bytes come first), flipped.
  const tampered = Buffer.from(sealed);
  tampered[3000] = tampered[3000]! ^ 0xff;
  writeFileSync(file('nda-tampered.pdf'), tampered);

  // The way Signet itself seals a document: certificate page and evidence attachment first, then the seal.
  const documentNumber = 'UM/2026/11/0042';
  let events = chain.appendEvent([], { at: '2026-11-27T09:58:00.000Z', type: 'created', actor: 'Łukasz Żółkiewski' });
  events = chain.appendEvent(events, { at: signingTime.toISOString(), type: 'sealed', actor: companyName });
  const composed = await compose.composeDocument(
    original,
    {
      documentId: '6f1c7a52-9a4e-4d0b-8f7e-2f0a9d3b1c11',
      documentNumber,
      title: 'Umowa o zachowaniu poufności',
      companyName,
      originalSha256: createHash('sha256').update(original).digest('hex'),
      originalSize: original.length,
      originalPages: 2,
      signers: [],
      events,
      language: 'pl',
    },
    path.join(root, 'resources'),
  );
  const sealedWithEvidence = await seal.sealPdf(composed.bytes, signer, { reason: 'Signet', signingTime });
  writeFileSync(file('umowa-z-dowodem.pdf'), sealedWithEvidence);
  writeFileSync(file('nda-cut-off.pdf'), sealed.subarray(0, 1500));
  writeFileSync(file('partner-ca.pem'), company.caCertificatePem);
  writeFileSync(file('znaki.pdf'), await pdfNeedingPdfjsData());

  writeFileSync(file('notatka.pdf'), 'To jest zwykły tekst, nie PDF.\n');
  // Sparse: 100 MB and one byte on disk costs nothing, and the app must refuse it by its size without reading it.
  writeFileSync(file('ogromny.pdf'), '');
  truncateSync(file('ogromny.pdf'), 100 * 1024 * 1024 + 1);

  return {
    dir,
    unsigned: file('nda-unsigned.pdf'),
    sealed: file('nda-sealed.pdf'),
    sealedWithEvidence: file('umowa-z-dowodem.pdf'),
    sealedWithEvidencePages: (await PDFDocument.load(sealedWithEvidence)).getPageCount(),
    originalPages: (await PDFDocument.load(original)).getPageCount(),
    tampered: file('nda-tampered.pdf'),
    cutOff: file('nda-cut-off.pdf'),
    needsPdfjsData: file('znaki.pdf'),
    notPdf: file('notatka.pdf'),
    tooLarge: file('ogromny.pdf'),
    sealFingerprint: new X509Certificate(company.sealCertificatePem).fingerprint256.replace(/:/g, '').toLowerCase(),
    caPem: file('partner-ca.pem'),
    documentNumber,
    chainHead: composed.evidence.chainHead,
  };
}

/**
 * A page pdf.js cannot draw from the file alone: ZapfDingbats, not embedded (pdf.js takes its glyphs from its own
 * standard fonts, never from the system), and "中文" in a Chinese font named only, through the predefined
 * UniGB-UCS2-H character map (without which pdf.js cannot tell which characters the codes are).
 */
async function pdfNeedingPdfjsData(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([400, 200]);
  page.drawText('✈✉✓✔', { x: 20, y: 150, size: 28, font: await doc.embedFont(StandardFonts.ZapfDingbats) });
  const { context } = doc;
  const descriptor = context.obj({ Type: 'FontDescriptor', FontName: 'STSong-Light', Flags: 6, FontBBox: [-25, -254, 1000, 880], ItalicAngle: 0, Ascent: 880, Descent: -120, CapHeight: 880, StemV: 93 });
  const cidFont = context.obj({
    Type: 'Font',
    Subtype: 'CIDFontType0',
    BaseFont: 'STSong-Light',
    CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('GB1'), Supplement: 4 },
    FontDescriptor: context.register(descriptor),
  });
  const font = context.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: 'STSong-Light-UniGB-UCS2-H', Encoding: 'UniGB-UCS2-H', DescendantFonts: [context.register(cidFont)] });
  page.node.setFontDictionary(PDFName.of('FCJK'), context.register(font));
  page.node.addContentStream(context.register(context.stream('BT /FCJK 24 Tf 20 80 Td <4E2D6587> Tj ET')));
  return doc.save();
}

const sha256Of = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

async function shot(page: Page, name: string): Promise<void> {
  if (!shotsDir) return;
  mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });
}

/** Picks a file through the section's file input (what "Choose a PDF…" opens). */
async function choose(page: Page, file: string, label = 'Choose a PDF…'): Promise<void> {
  await page.getByLabel(label).setInputFiles(file);
}

test.beforeAll(async () => {
  fx = await makeFixtures();
  host = new BrowserHost();
  await host.start();
});

test.afterAll(async () => {
  await host?.dispose();
  if (fx) rmSync(fx.dir, { recursive: true, force: true });
});

test('verify: unsigned, sealed, evidence, tampered, refusals, keyboard, drag and drop, Polish', async ({ page }) => {
  const pageProblems = watchForProblems(page);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(host.url).origin });
  await page.goto(host.url);
  await completeFirstRun(page, companyName);
  await openSection(page, 'Verification');
  const zone = page.getByRole('group', { name: 'Drop a PDF here to check it' });
  await expect(zone).toBeVisible();
  await expect(page.getByLabel('Choose a PDF…')).toHaveAccessibleDescription('One PDF file, up to 100 MB.');

  // --- Unsigned, picked by keyboard: Tab reaches the file input, Enter opens the picker ------------------------
  await page.getByRole('heading', { level: 1, name: 'Verification' }).focus();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Choose a PDF…')).toBeFocused();
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Enter');
  await (await chooser).setFiles(fx.unsigned);
  const unsignedVerdict = page.getByRole('heading', { level: 2, name: 'This PDF carries no signature.' });
  await expect(unsignedVerdict).toBeVisible();
  // Focus lands on the answer, so a screen reader reads it and the keyboard continues from there.
  await expect(unsignedVerdict).toBeFocused();
  await expect(page.getByRole('table', { name: 'Signatures' })).toHaveCount(0);
  const fileFacts = page.getByRole('region', { name: 'The file' });
  await expect(fileFacts).toContainText('nda-unsigned.pdf');
  await expect(fileFacts).toContainText('28,966 bytes');
  await expect(fileFacts).toContainText(sha256Of(fx.unsigned));
  await expect(page.getByRole('status')).toContainText('nda-unsigned.pdf checked: This PDF carries no signature.');
  await shot(page, '1-unsigned');

  // "Check another file" brings the drop zone back, focused on the picker.
  await page.getByRole('button', { name: 'Check another file' }).click();
  await expect(page.getByLabel('Choose a PDF…')).toBeFocused();

  // --- Sealed by a certificate this installation does not trust (there is no company CA yet) ----------------
  await choose(page, fx.sealed);
  await expect(page.getByRole('heading', { level: 2, name: 'Intact, but sealed by a certificate this installation does not trust.' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Findings' })).toHaveText('The sealing certificate does not lead to a trusted certificate authority.');
  const signatures = page.getByRole('table', { name: 'Signatures' });
  const row = signatures.getByRole('row', { name: /pieczęć \/ seal/ });
  await expect(row).toContainText(companyName);
  await expect(row).toContainText('intact');
  await expect(row).toContainText('covers the whole file');
  await expect(row).toContainText('not trusted');
  // The signing time in this computer's zone (Warsaw, UTC+1 in November) and in UTC.
  await expect(row).toContainText('November 27, 2026 at 11:00:00 AM GMT+1');
  await expect(row).toContainText('Nov 27, 2026, 10:00:00 AM UTC');
  // Certificate details behind a disclosure.
  const fingerprint = signatures.getByText(fx.sealFingerprint);
  await expect(fingerprint).toBeHidden();
  await signatures.getByText('Certificate of signature 1').click();
  await expect(fingerprint).toBeVisible();
  await expect(signatures).toContainText(`O=${companyName}`);
  await expect(signatures).toContainText('ETSI.CAdES.detached, SHA-256');
  await expect(page.getByRole('region', { name: 'Signet evidence' })).toContainText('No Signet evidence is embedded in this document');
  await expect(page.getByRole('region', { name: 'The file' })).toContainText(sha256Of(fx.sealed));
  await shot(page, '2-untrusted');

  // "Copy report" puts a plain-text summary on the clipboard.
  await page.getByRole('button', { name: 'Copy report' }).click();
  await expect(page.getByRole('status')).toContainText('The report was copied to the clipboard.');
  const copied = await page.evaluate(() => (globalThis as unknown as BrowserGlobals).navigator.clipboard.readText());
  expect(copied).toContain('Verdict: Intact, but sealed by a certificate this installation does not trust.');
  expect(copied).toContain(`SHA-256: ${sha256Of(fx.sealed)}`);
  expect(copied).toContain(`SHA-256 fingerprint: ${fx.sealFingerprint}`);
  expect(copied).toContain('Certificate trust: not trusted');

  // --- Sealed the way Signet seals: the evidence inside is read and checked ----------------------------------
  await page.getByRole('button', { name: 'Check another file' }).click();
  await choose(page, fx.sealedWithEvidence);
  await expect(page.getByRole('heading', { level: 2, name: 'Intact, but sealed by a certificate this installation does not trust.' })).toBeVisible();
  const evidence = page.getByRole('region', { name: 'Signet evidence' });
  await expect(evidence).toContainText(fx.documentNumber);
  await expect(evidence).toContainText(fx.chainHead);
  await expect(evidence.getByRole('definition').filter({ hasText: /^yes$/ })).toHaveCount(2);
  await shot(page, '3-untrusted-with-evidence');

  // --- Tampered: one byte flipped inside the signed range ----------------------------------------------------
  await page.getByRole('button', { name: 'Check another file' }).click();
  await choose(page, fx.tampered);
  await expect(page.getByRole('heading', { level: 2, name: /^NOT intact/ })).toHaveText(
    'NOT intact: the document was changed after it was signed, or a signature is broken.',
  );
  await expect(page.getByRole('list', { name: 'Findings' })).toContainText('The signed content has changed since it was signed.');
  await expect(page.getByRole('table', { name: 'Signatures' }).getByRole('row', { name: /pieczęć/ })).toContainText('BROKEN');
  await expect(page.getByRole('region', { name: 'Signet evidence' })).toContainText('not read from a file whose signatures are broken');
  await shot(page, '4-tampered');

  // --- Refusals: a text file named .pdf, and a file over the size limit -------------------------------------
  await page.getByRole('button', { name: 'Check another file' }).click();
  await choose(page, fx.notPdf);
  await expect(page.getByRole('alert')).toHaveText('This file is not a PDF.');
  // The picker is back in focus for the next try.
  await expect(page.getByLabel('Choose a PDF…')).toBeFocused();
  await shot(page, '5-not-a-pdf');
  await choose(page, fx.tooLarge);
  await expect(page.getByRole('alert')).toHaveText('The PDF is larger than the limit of 100 MB.');

  // --- Drag and drop onto the zone -------------------------------------------------------------------------
  const bytes = [...readFileSync(fx.sealed)];
  const dataTransfer = await page.evaluateHandle((data) => {
    const browser = globalThis as unknown as BrowserGlobals;
    const transfer = new browser.DataTransfer();
    transfer.items.add(new browser.File([new Uint8Array(data)], 'dropped-seal.pdf', { type: 'application/pdf' }));
    return transfer;
  }, bytes);
  await zone.dispatchEvent('dragenter', { dataTransfer });
  await zone.dispatchEvent('dragover', { dataTransfer });
  await expect(page.locator('.drop-zone-active')).toHaveCount(1);
  await zone.dispatchEvent('drop', { dataTransfer });
  await expect(page.getByRole('heading', { level: 2, name: 'Intact, but sealed by a certificate this installation does not trust.' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'The file' })).toContainText('dropped-seal.pdf');
  await expect(page.getByRole('alert')).toHaveCount(0);

  // --- Polish: the report kept while away shows in the new language; a new check is in Polish too -------------
  await openSection(page, 'Settings');
  await page.getByRole('radio', { name: 'Polski' }).check();
  await openSection(page, 'Weryfikacja');
  await expect(page.getByRole('heading', { level: 2, name: 'Nienaruszony, ale opieczętowany certyfikatem, któremu ta instalacja nie ufa.' })).toBeVisible();
  const polishRow = page.getByRole('table', { name: 'Podpisy' }).getByRole('row', { name: /pieczęć/ });
  await expect(polishRow).toContainText('nienaruszony');
  await expect(polishRow).toContainText('obejmuje cały plik');
  await expect(polishRow).toContainText('niezaufany');
  await expect(polishRow).toContainText('27 listopada 2026');
  await shot(page, '6-pl-untrusted');
  await page.getByRole('button', { name: 'Sprawdź inny plik' }).click();
  await choose(page, fx.tampered, 'Wybierz plik PDF…');
  await expect(page.getByRole('heading', { level: 2, name: 'NARUSZONY: dokument zmieniono po podpisaniu albo podpis jest uszkodzony.' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Ustalenia' })).toContainText('Podpisana treść zmieniła się od chwili podpisania.');
  await shot(page, '7-pl-tampered');
  await page.getByRole('button', { name: 'Sprawdź inny plik' }).click();
  await choose(page, fx.unsigned, 'Wybierz plik PDF…');
  await expect(page.getByRole('heading', { level: 2, name: 'Ten plik PDF nie zawiera podpisu.' })).toBeVisible();
  await page.getByRole('button', { name: 'Sprawdź inny plik' }).click();
  await choose(page, fx.notPdf, 'Wybierz plik PDF…');
  await expect(page.getByRole('alert')).toHaveText('Ten plik nie jest plikiem PDF.');

  expect(pageProblems).toEqual([]);
});

test('verify: progress while checking, and the green verdict of a seal under an authority added in Settings', async ({ page }) => {
  // The sealing CA is added as a trusted authority through Settings, so "valid" is the host's own verdict. The answer
  // is held back on the socket (progress frames pass) until the busy state, with the main side's progress, was seen.
  const other = new BrowserHost();
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  try {
    await page.routeWebSocket(/\/rpc/, (ws) => {
      const server = ws.connectToServer();
      const verifyIds = new Set<number>();
      ws.onMessage((message) => {
        const request = JSON.parse(String(message)) as WireRequest;
        if (request.name === 'pdf.verify') verifyIds.add(request.id);
        server.send(message);
      });
      server.onMessage(async (message) => {
        const frame = JSON.parse(String(message)) as Partial<WireResponse>;
        if (verifyIds.has(frame.id ?? -1) && 'result' in frame) await released;
        ws.send(message);
      });
    });
    await page.goto(await other.start());
    const pageProblems = watchForProblems(page);
    await completeFirstRun(page, companyName);
    await openSection(page, 'Settings');
    const trust = page.getByRole('region', { name: 'Trusted certificate authorities' });
    const chooser = page.waitForEvent('filechooser');
    await trust.getByRole('button', { name: 'Add certificate…' }).click();
    await (await chooser).setFiles(fx.caPem);
    await expect(trust.getByRole('table')).toContainText(companyName);

    await openSection(page, 'Verification');
    await choose(page, fx.sealed);
    await expect(page.getByRole('status')).toContainText('Checking nda-sealed.pdf…');
    const progress = page.getByRole('progressbar', { name: 'Checking nda-sealed.pdf…' });
    await expect(progress).toBeVisible();
    await expect(page.getByRole('region', { name: 'Verification' })).toHaveAttribute('aria-busy', 'true');
    // The main side's last report arrived before the held answer: the bar is full and says what it did.
    await expect(progress).toHaveAttribute('value', /^\d+$/);
    await expect.poll(async () => Number(await progress.getAttribute('value')) / Number(await progress.getAttribute('max'))).toBe(1);
    await expect(page.getByText(/^Reading the recorded history — 100%$/)).toBeVisible();
    await shot(page, '0-checking');
    release();

    const verdict = page.getByRole('heading', { level: 2, name: 'Intact and sealed by a trusted certificate.' });
    await expect(verdict).toBeVisible();
    await expect(verdict).toBeFocused();
    await expect(page.getByRole('list', { name: 'Findings' })).toHaveCount(0);
    await expect(page.getByRole('table', { name: 'Signatures' }).getByRole('row', { name: /pieczęć/ })).toContainText('trusted (an imported certificate authority)');
    await shot(page, '8-valid');
    expect(pageProblems).toEqual([]);
  } finally {
    release();
    await other.dispose();
  }
});

/** The canvas calls the preview test reads pixels with (this file is type-checked without the DOM library). */
interface PageCanvas {
  width: number;
  height: number;
  getContext(type: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
}

/** How much of the drawn page is ink: pixels that are not (nearly) white, as a share of all of them. */
async function inkOnCanvas(page: Page): Promise<{ width: number; ink: number }> {
  const canvas = page.getByRole('region', { name: /^(Preview|Podgląd)$/ }).locator('canvas');
  await expect(canvas).toBeVisible();
  return canvas.evaluate((element) => {
    const c = element as unknown as PageCanvas;
    const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) if (Math.min(data[i]!, data[i + 1]!, data[i + 2]!) < 200) inked++;
    return { width: c.width, ink: inked / (data.length / 4) };
  });
}

test('verify: the preview of the sealed document, page by page by keyboard, zoom, a damaged file, Polish, no CSP violations', async ({ page }) => {
  const own = new BrowserHost();
  try {
    const url = await own.start();
    const pageProblems = watchForProblems(page);
    // pdf.js says "Warning: …" when it cannot load a font, a character map or a decoder (from the page or its worker,
    // whose console Playwright reports apart); a refused load or eval shows as a securitypolicyviolation event, which
    // the console listener does not see.
    const pdfjsWarnings: string[] = [];
    const onConsole = (msg: { text(): string }) => msg.text().startsWith('Warning:') && pdfjsWarnings.push(msg.text());
    page.on('console', onConsole);
    page.on('worker', (worker) =>
      worker.on('console', (msg) => (msg.type() === 'error' ? pageProblems.push(`worker console: ${msg.text()}`) : onConsole(msg))),
    );
    await page.addInitScript(() => {
      type Violation = { violatedDirective: string; blockedURI: string; sourceFile: string; lineNumber: number };
      const g = globalThis as unknown as { cspViolations: string[]; addEventListener(type: string, listener: (e: Violation) => void): void };
      g.cspViolations = [];
      g.addEventListener('securitypolicyviolation', (e) => g.cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
    });
    await page.goto(url);
    await completeFirstRun(page, companyName);
    await openSection(page, 'Verification');

    // --- The sealed Signet document: the original's pages, then the certificate pages ------------------------
    await choose(page, fx.sealedWithEvidence);
    await expect(page.getByRole('heading', { level: 2, name: /^Intact, but sealed/ })).toBeVisible();
    const preview = page.getByRole('region', { name: 'Preview' });
    const count = fx.sealedWithEvidencePages;
    expect(count).toBeGreaterThan(fx.originalPages);
    await expect(preview.getByText(`Page 1 of ${count}`, { exact: true })).toBeVisible();
    await expect(preview.getByRole('group', { name: `Page 1 of ${count}` })).toBeVisible();
    // The sample's first page is empty but for the document-ID stripe Signet adds to every page: a thin line of ink,
    // and its words in the text layer.
    const textLayer = preview.locator('.textLayer');
    await expect(textLayer).toContainText(`Signet · ${fx.documentNumber}`);
    const stripeOnly = await inkOnCanvas(page);
    expect(stripeOnly.ink).toBeGreaterThan(0);
    expect(stripeOnly.ink).toBeLessThan(0.01);
    // pdf.js ran in a real worker from the app's own origin (not the slow in-page fallback).
    expect(page.workers().map((w) => new URL(w.url()).origin)).toContain(own.origin);

    // Keyboard: Previous is there but inert on page 1, Tab goes on to Next, Enter and Space turn the page.
    const previous = preview.getByRole('button', { name: 'Previous page' });
    const next = preview.getByRole('button', { name: 'Next page' });
    await expect(previous).toHaveAttribute('aria-disabled', 'true');
    await previous.focus();
    await page.keyboard.press('Enter');
    await expect(preview.getByText(`Page 1 of ${count}`, { exact: true })).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(next).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(preview.getByText(`Page 2 of ${count}`, { exact: true })).toBeVisible();
    // The contract's text: words in the text layer, and clearly more ink than the stripe, yet far from a black page.
    await expect(textLayer).toContainText('Zakłady Mleczarskie');
    await expect.poll(async () => (await inkOnCanvas(page)).ink).toBeGreaterThan(stripeOnly.ink * 3);
    expect((await inkOnCanvas(page)).ink).toBeLessThan(0.5);
    await shot(page, '9-preview');
    for (let n = 3; n <= count; n++) {
      await page.keyboard.press(n % 2 ? 'Space' : 'Enter');
      await expect(preview.getByText(`Page ${n} of ${count}`, { exact: true })).toBeVisible();
    }
    // The last page is the certificate page; Next stays focused but does nothing more.
    await expect(textLayer).toContainText('Certyfikat autentyczności');
    expect((await inkOnCanvas(page)).ink).toBeGreaterThan(stripeOnly.ink * 3);
    await expect(next).toHaveAttribute('aria-disabled', 'true');
    await page.keyboard.press('Enter');
    await expect(next).toBeFocused();
    await expect(preview.getByText(`Page ${count} of ${count}`, { exact: true })).toBeVisible();
    await page.keyboard.press('Shift+Tab');
    await expect(previous).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(preview.getByText(`Page ${count - 1} of ${count}`, { exact: true })).toBeVisible();

    // Zoom: fitted to the width at first; zooming in draws a wider page, "Fit to width" brings it back.
    const fit = preview.getByRole('button', { name: 'Fit to width' });
    await expect(fit).toHaveAttribute('aria-pressed', 'true');
    const fitted = await inkOnCanvas(page);
    const fittedPercent = Number((await preview.getByText(/^\d+%$/).textContent())?.replace('%', ''));
    await preview.getByRole('button', { name: 'Zoom in' }).click();
    await expect(fit).toHaveAttribute('aria-pressed', 'false');
    await expect(preview.getByText(/^\d+%$/)).not.toHaveText(`${fittedPercent}%`);
    expect(Number((await preview.getByText(/^\d+%$/).textContent())?.replace('%', ''))).toBeGreaterThan(fittedPercent);
    await expect.poll(async () => (await inkOnCanvas(page)).width).toBeGreaterThan(fitted.width);
    await fit.click();
    await expect(preview.getByText(/^\d+%$/)).toHaveText(`${fittedPercent}%`);
    await expect.poll(async () => (await inkOnCanvas(page)).width).toBe(fitted.width);

    // Everything pdf.js needed for this document came from the app (no font, character map or decoder missing).
    expect(pdfjsWarnings).toEqual([]);

    // --- pdf.js's own data, served by the app: a character map and a standard font -----------------------------
    const pdfjsData: string[] = [];
    page.on('response', (res) => res.url().includes('/pdfjs/') && pdfjsData.push(`${res.status()} ${new URL(res.url()).pathname}`));
    await page.getByRole('button', { name: 'Check another file' }).click();
    await choose(page, fx.needsPdfjsData);
    await expect(preview.getByText('Page 1 of 1', { exact: true })).toBeVisible();
    await expect(textLayer).toContainText('中文');
    expect((await inkOnCanvas(page)).ink).toBeGreaterThan(0);
    expect(pdfjsData).toEqual(expect.arrayContaining(['200 /pdfjs/cmaps/UniGB-UCS2-H.bcmap', '200 /pdfjs/standard_fonts/FoxitDingbats.pfb']));
    // Whether this computer has a Chinese font to draw the characters with is its own business; nothing else may be amiss.
    expect(pdfjsWarnings.filter((w) => !/Cannot load system font: STSong-Light/.test(w))).toEqual([]);

    // --- A damaged file: the report still comes, the preview says it cannot draw it ----------------------------
    await page.getByRole('button', { name: 'Check another file' }).click();
    await choose(page, fx.cutOff);
    await expect(page.getByRole('heading', { level: 2, name: 'This PDF carries no signature.' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'The file' })).toContainText(sha256Of(fx.cutOff));
    await expect(preview).toContainText('This PDF cannot be shown: the file is damaged, or it uses something the viewer cannot read.');
    await expect(preview.locator('canvas')).toHaveCount(0);
    await expect(preview.getByRole('button', { name: 'Next page' })).toHaveCount(0);
    await shot(page, '10-preview-damaged');

    // --- Polish: the kept report's preview, and a new one -----------------------------------------------------
    await openSection(page, 'Settings');
    await page.getByRole('radio', { name: 'Polski' }).check();
    await openSection(page, 'Weryfikacja');
    const podglad = page.getByRole('region', { name: 'Podgląd' });
    await expect(podglad).toContainText('Nie można wyświetlić tego pliku PDF: plik jest uszkodzony');
    await page.getByRole('button', { name: 'Sprawdź inny plik' }).click();
    await choose(page, fx.sealedWithEvidence, 'Wybierz plik PDF…');
    await expect(podglad.getByText(`Strona 1 z ${count}`, { exact: true })).toBeVisible();
    await podglad.getByRole('button', { name: 'Następna strona' }).click();
    await expect(podglad.getByText(`Strona 2 z ${count}`, { exact: true })).toBeVisible();
    await expect(podglad.getByRole('button', { name: 'Dopasuj do szerokości' })).toHaveAttribute('aria-pressed', 'true');
    await expect(podglad.locator('.textLayer')).toContainText('Zakłady Mleczarskie');

    // None at all: zod is told not to probe `new Function` before any schema is built (src-renderer/zod-jitless.ts).
    const violations = await page.evaluate(() => (globalThis as unknown as { cspViolations: string[] }).cspViolations);
    expect(violations).toEqual([]);
    expect(pageProblems).toEqual([]);
  } finally {
    await own.dispose();
  }
});
