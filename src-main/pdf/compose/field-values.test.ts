import { createHash, X509Certificate } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { degrees, PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/contract/errors';
import type { FieldLayoutInput } from '../../../src-shared/fields/layout';
import type { FieldPlacementInput, FieldRect } from '../../../src-shared/fields/placement';
import type { CertificateData, Evidence } from '../../../src-shared/pdf/certificate';
import { appendEvent } from '../../evidence/chain';
import { changedPixels, listImages, makePng, renderPage, wordsByPage, type Box } from '../../test-support/pdf-render';
import { pdfsig, writeTemp } from '../../test-support/pdf-tools';
import { resourcesDir } from '../../test-support/temp-services';
import { createCompanyIdentity, keySigner } from '../identity';
import { inspectPdf } from '../inspect';
import { sealPdf } from '../seal';
import { verifyPdf } from '../verify';
import type { ComposeFields } from './field-check';
import { composeDocument } from './compose';

const original = new Uint8Array(fs.readFileSync(path.join(resourcesDir, 'samples', 'umowa-dostawy.pdf')));

/** A wave stroke on a transparent pad, as the signature pad would send it. */
const signaturePng = makePng(300, 100, (x, y) => (Math.abs(y - (50 + 30 * Math.sin(x / 20))) < 4 ? [10, 20, 90, 255] : [255, 255, 255, 0]));
const initialsPng = makePng(120, 80, (x, y) => (Math.abs(x - y) < 5 ? [0, 0, 0, 255] : [255, 255, 255, 0]));
const base64 = (png: Uint8Array) => Buffer.from(png).toString('base64');

const longText = Array.from({ length: 120 }, (_, i) => `słowo${i}`).join(' ');

/** A placement without its id, with who fills it and whether it is required left to defaults (per kind, so options stay typed). */
type Spec = (FieldPlacementInput extends infer P ? (P extends unknown ? Omit<P, 'id' | 'required' | 'signerId'> : never) : never) & {
  required?: boolean;
  signerId?: string;
};
/** Page 2 of the sample is blank below the signature lines; the initials go in the footer of page 1. */
const specs: Record<string, Spec> = {
  name: { kind: 'fullName', page: 1, rect: { x: 60, y: 520, width: 200, height: 22 }, required: true },
  company: { kind: 'companyName', page: 1, rect: { x: 300, y: 520, width: 240, height: 22 }, signerId: 'company' },
  tax: { kind: 'taxId', page: 1, rect: { x: 60, y: 480, width: 120, height: 20 }, signerId: 'company' },
  email: { kind: 'email', page: 1, rect: { x: 200, y: 480, width: 160, height: 20 } },
  phone: { kind: 'phone', page: 1, rect: { x: 380, y: 480, width: 140, height: 20 } },
  amount: { kind: 'number', page: 1, rect: { x: 60, y: 440, width: 100, height: 20 }, decimals: 2, signerId: 'company' },
  dateA: { kind: 'dateSigned', page: 1, rect: { x: 180, y: 440, width: 90, height: 20 }, dateFormat: 'dd.MM.yyyy', required: true },
  dateB: { kind: 'dateSigned', page: 1, rect: { x: 290, y: 440, width: 90, height: 20 }, dateFormat: 'MM/dd/yyyy', signerId: 'company' },
  note: { kind: 'text', page: 1, rect: { x: 60, y: 330, width: 220, height: 90 } },
  long: { kind: 'text', page: 1, rect: { x: 300, y: 360, width: 130, height: 50 } },
  agree: { kind: 'checkbox', page: 1, rect: { x: 60, y: 290, width: 14, height: 14 }, required: true },
  optOut: { kind: 'checkbox', page: 1, rect: { x: 100, y: 290, width: 14, height: 14 } },
  sig: { kind: 'signature', page: 1, rect: { x: 300, y: 230, width: 200, height: 60 }, required: true },
  init: { kind: 'initials', page: 0, rect: { x: 480, y: 40, width: 60, height: 30 } },
  extra: { kind: 'text', page: 1, rect: { x: 60, y: 200, width: 100, height: 20 } },
};

function layoutOf(overrides: Record<string, Partial<Spec>> = {}): FieldLayoutInput {
  return {
    fields: Object.entries(specs).map(([id, spec]) => {
      const merged = { signerId: 'anna', required: false, ...spec, ...overrides[id] };
      return { ...merged, id } as FieldPlacementInput;
    }),
  };
}

const values: Record<string, unknown> = {
  name: 'Łukasz Żółkiewski',
  company: 'Zakłady Łódzkie Sp. z o.o.',
  tax: '123-456-32-18',
  email: 'Anna.Nowak@Example.PL',
  phone: '601 234 567',
  amount: '12345,5',
  dateA: '2026-11-20',
  dateB: '2026-11-21',
  note: 'Zażółć gęślą jaźń\nDruga linia uwag',
  long: longText,
  agree: true,
  optOut: false,
  sig: base64(signaturePng),
  init: `data:image/png;base64,${base64(initialsPng)}`,
};

/** What each text field must read as on the page: normalised, then printed in its own format. */
const printed: Record<string, string> = {
  name: 'Łukasz Żółkiewski',
  company: 'Zakłady Łódzkie Sp. z o.o.',
  tax: '1234563218',
  email: 'anna.nowak@example.pl',
  phone: '+48 601 234 567',
  amount: '12,345.50',
  dateA: '20.11.2026',
  dateB: '11/21/2026',
  note: 'Zażółć gęślą jaźń Druga linia uwag',
};

async function certificateData(): Promise<CertificateData> {
  const info = await inspectPdf(original);
  const events = appendEvent([], { at: '2026-11-20T09:00:00.000Z', type: 'created', actor: 'Łukasz Żółkiewski' });
  return {
    documentId: '0b7e1c1e-8d4f-4a51-9f43-4c3c8a0e5d21',
    documentNumber: 'UM/2026/11/0043',
    title: 'Umowa dostawy',
    companyName: 'Zakłady Łódzkie Sp. z o.o.',
    originalSha256: info.sha256,
    originalSize: info.size,
    originalPages: info.pageCount,
    signers: [],
    events,
    language: 'en',
  };
}

function compose(fields: ComposeFields): Promise<Uint8Array> {
  return certificateData().then((data) => composeDocument(original, data, resourcesDir, { fields }).then((r) => r.bytes));
}

let composedOnce: Promise<Uint8Array> | undefined;
/** Composing embeds and subsets a font: done once for the tests that only read the result. */
function composed(): Promise<Uint8Array> {
  composedOnce ??= compose({ layout: layoutOf(), values });
  return composedOnce;
}

const rectOf = (id: string): FieldRect => specs[id]!.rect as FieldRect;
const inside = (b: Box, r: FieldRect, slack = 0.5) =>
  b.x0 >= r.x - slack && b.x1 <= r.x + r.width + slack && b.y0 >= r.y - slack && b.y1 <= r.y + r.height + slack;
const centreInside = (b: Box, r: FieldRect) => inside({ x0: (b.x0 + b.x1) / 2, x1: (b.x0 + b.x1) / 2, y0: (b.y0 + b.y1) / 2, y1: (b.y0 + b.y1) / 2 }, r, 0);

function wordsIn(pages: ReturnType<typeof wordsByPage>, id: string) {
  const page = pages[specs[id]!.page];
  if (!page) throw new Error(`no page for ${id}`);
  return page.words.filter((w) => centreInside(w, rectOf(id)));
}

async function refusal(fields: ComposeFields): Promise<AppError> {
  const error = await compose(fields).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ code: 'VALIDATION', messageKey: 'errors.validation' });
  return error as AppError;
}

describe('drawFieldValues (through composeDocument)', () => {
  it.each(Object.keys(printed))('prints %s inside its rectangle on its page', async (id) => {
    const pages = wordsByPage(await composed());
    const words = wordsIn(pages, id);
    expect(words.map((w) => w.text).join(' ')).toBe(printed[id]);
    for (const w of words) expect(inside(w, rectOf(id)), `${w.text} at ${JSON.stringify(w)}`).toBe(true);
    // Nothing of it printed anywhere else on the document's own pages (the certificate pages follow them).
    const occurrences = (all: ReturnType<typeof wordsByPage>) => all.slice(0, 2).flatMap((p) => p.words.filter((w) => w.text === words[0]!.text));
    const elsewhere = occurrences(pages).filter((w) => !words.includes(w));
    expect(elsewhere).toEqual(occurrences(wordsByPage(original)));
  });

  it('vertically centres a one-line value in its box', async () => {
    const [word] = wordsIn(wordsByPage(await composed()), 'name');
    const r = rectOf('name');
    const middle = (word!.y0 + word!.y1) / 2;
    expect(Math.abs(middle - (r.y + r.height / 2))).toBeLessThan(1.5);
  });

  it('shrinks and wraps a long text, cuts it with an ellipsis, and keeps every word inside its box', async () => {
    const pages = wordsByPage(await composed());
    const words = wordsIn(pages, 'long');
    const nameHeight = wordsIn(pages, 'name')[0]!.y1 - wordsIn(pages, 'name')[0]!.y0;
    expect(words.length).toBeGreaterThan(20);
    for (const w of words) {
      expect(inside(w, rectOf('long')), `${w.text} at ${JSON.stringify(w)}`).toBe(true);
      expect(w.y1 - w.y0).toBeLessThan(nameHeight * 0.7);
    }
    expect(new Set(words.map((w) => Math.round(w.y0))).size).toBeGreaterThan(3);
    expect(words.at(-1)!.text.endsWith('…')).toBe(true);
    expect(words.length).toBeLessThan(120);
    expect(words[0]!.text).toBe('słowo0');
  });

  it('draws nothing outside the fields (renderings of the page compared pixel by pixel)', async () => {
    const bytes = await composed();
    for (const page of [0, 1]) {
      const changed = changedPixels(renderPage(original, page + 1), renderPage(bytes, page + 1));
      expect(changed.length).toBeGreaterThan(100);
      const rects = Object.entries(specs).filter(([, s]) => s.page === page).map(([id]) => rectOf(id));
      // The document-ID stripe runs up the left margin of every page.
      const stray = changed.filter((px) => px.x1 > 25 && !rects.some((r) => inside(px, r, 1)));
      expect(stray).toEqual([]);
    }
  });

  it('draws a check mark for a ticked box and nothing for an unticked one', async () => {
    const changed = changedPixels(renderPage(original, 2), renderPage(await composed(), 2));
    const count = (id: string) => changed.filter((px) => inside(px, rectOf(id), 0)).length;
    expect(count('agree')).toBeGreaterThan(40);
    expect(count('optOut')).toBe(0);
    expect(count('extra')).toBe(0);
  });

  it('draws the signature and initials PNGs on their pages, fitted to their boxes with the aspect ratio kept', async () => {
    expect(listImages(original)).toEqual([]);
    const images = listImages(await composed()).filter((i) => i.type === 'image');
    expect(images).toHaveLength(2);
    const signature = images.find((i) => i.width === 300 && i.height === 100);
    const initials = images.find((i) => i.width === 120 && i.height === 80);
    // 300×100 into 198×58 (the box less a point each side): the height limits it.
    expect(signature).toMatchObject({ page: 2 });
    expect(signature!.drawnHeight).toBeCloseTo(58, 0);
    expect(signature!.drawnWidth).toBeCloseTo(174, 0);
    expect(initials).toMatchObject({ page: 1 });
    expect(initials!.drawnHeight).toBeCloseTo(28, 0);
    expect(initials!.drawnWidth).toBeCloseTo(42, 0);

    // Centred in the box: the stroke spans the drawn width, 13 pt in from each side of the 200 pt box.
    const r = rectOf('sig');
    const ink = changedPixels(renderPage(original, 2), renderPage(await composed(), 2)).filter((px) => inside(px, r, 0));
    expect(Math.min(...ink.map((px) => px.x0))).toBeCloseTo(r.x + 13, -0.5);
    expect(Math.max(...ink.map((px) => px.x1))).toBeCloseTo(r.x + r.width - 13, -0.5);
  });

  it('records each field in the evidence with a SHA-256 of its value, not the image', async () => {
    const file = writeTemp(await composed());
    execFileSync('pdfdetach', ['-saveall', '-o', path.dirname(file), file]);
    const text = fs.readFileSync(path.join(path.dirname(file), 'signet-evidence.json'), 'utf8');
    const evidence = JSON.parse(text) as Evidence;
    const sha = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
    const byId = new Map((evidence.fields ?? []).map((f) => [f.id, f]));
    expect([...byId.keys()].sort()).toEqual(Object.keys(specs).sort());
    expect(byId.get('sig')).toEqual({ id: 'sig', kind: 'signature', page: 1, rect: rectOf('sig'), signerId: 'anna', sha256: sha(signaturePng) });
    expect(byId.get('init')?.sha256).toBe(sha(initialsPng));
    expect(byId.get('name')?.sha256).toBe(sha('Łukasz Żółkiewski'));
    expect(byId.get('email')?.sha256).toBe(sha('anna.nowak@example.pl'));
    expect(byId.get('amount')?.sha256).toBe(sha('12345.5'));
    expect(byId.get('optOut')?.sha256).toBe(sha('false'));
    expect(byId.get('extra')?.sha256).toBeNull();
    expect(text).not.toContain(base64(signaturePng).slice(0, 40));
  });

  it('keeps the original as a byte-exact prefix, and the composed file seals and verifies', async () => {
    const bytes = await composed();
    expect(Buffer.from(bytes.subarray(0, original.length)).equals(Buffer.from(original))).toBe(true);
    const company = await createCompanyIdentity('Zakłady Łódzkie Sp. z o.o.');
    const sealed = await sealPdf(bytes, keySigner(company.sealPrivateKeyPem, company.sealCertificatePem, [company.caCertificatePem]));
    const report = await verifyPdf(sealed, { company: [new X509Certificate(company.caCertificatePem)], imported: [] });
    expect(report.verdict).toBe('valid');
    expect(pdfsig(writeTemp(sealed))).toContain('Signature is Valid');
    expect(wordsByPage(sealed)[1]!.words.some((w) => w.text === 'Żółkiewski')).toBe(true);
  });

  it('reads a tax ID in the signer’s country', async () => {
    const layout = layoutOf();
    const foreign = { layout, values: { ...values, tax: 'de 123456789' } };
    const refused = await refusal(foreign);
    expect(refused.details?.issues).toEqual([{ path: 'values.tax', messageKey: 'validation.nip' }]);
    const pages = wordsByPage(await compose({ ...foreign, signerCountries: { company: 'DE' } }));
    expect(wordsIn(pages, 'tax').map((w) => w.text).join(' ')).toBe('DE 123456789');
  });
});

/**
 * Pages whose visible part does not start at 0,0, as producers write them: a scan cropped to [50 100 545 742]; a
 * MediaBox with a negative origin; a page turned by /Rotate 90; a page whose MediaBox is inherited from the page tree.
 */
async function unusualPages(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).setCropBox(50, 100, 495, 642);
  doc.addPage([595, 842]).setMediaBox(-100, -100, 595, 842);
  doc.addPage([595, 842]).setRotation(degrees(90));
  const inherited = doc.addPage([595, 842]);
  inherited.node.delete(PDFName.of('MediaBox'));
  doc.catalog.Pages().set(PDFName.of('MediaBox'), doc.context.obj([0, 0, 595, 842]));
  return doc.save();
}

const unusual = {
  cropped: { kind: 'fullName', page: 0, rect: { x: 40, y: 600, width: 200, height: 22 } },
  shifted: { kind: 'fullName', page: 1, rect: { x: 380, y: 800, width: 180, height: 20 } },
  rotated: { kind: 'fullName', page: 2, rect: { x: 60, y: 700, width: 200, height: 22 } },
  inherited: { kind: 'fullName', page: 3, rect: { x: 60, y: 800, width: 180, height: 20 } },
} as const;
const unusualValues = { cropped: 'Zażółć Gęślą', shifted: 'Łukasz Żółkiewski', rotated: 'Jaźń Obrócona', inherited: 'Anna Nowak' };

describe('drawFieldValues on pages that are cropped, shifted, rotated or inherit their size', () => {
  let composedUnusual: Promise<{ original: Uint8Array; bytes: Uint8Array }> | undefined;
  const composeUnusual = () =>
    (composedUnusual ??= (async () => {
      const bytes = await unusualPages();
      const layout = { fields: Object.entries(unusual).map(([id, f]) => ({ ...f, id, signerId: 'anna', required: true })) };
      const data = { ...(await certificateData()), originalPages: 4 };
      return { original: bytes, bytes: (await composeDocument(bytes, data, resourcesDir, { fields: { layout, values: unusualValues } })).bytes };
    })());

  it('measures each page as a viewer shows it', async () => {
    expect((await inspectPdf(await unusualPages())).pageSizes).toEqual([
      { width: 495, height: 642 },
      { width: 595, height: 842 },
      { width: 595, height: 842 },
      { width: 595, height: 842 },
    ]);
  });

  it('draws each value inside its rectangle as measured from the visible bottom-left corner', async () => {
    // Words as a viewer shows the page: the cropped part, from its own corner.
    const pages = wordsByPage((await composeUnusual()).bytes);
    expect(pages[0]).toMatchObject({ width: 495, height: 642 });
    // The rotated page is checked on its rendering, below: pdftotext's boxes on it are neither as shown nor unrotated.
    for (const id of ['cropped', 'shifted', 'inherited'] as const) {
      const words = pages[unusual[id].page]!.words.filter((w) => unusualValues[id].split(' ').includes(w.text));
      expect(words.map((w) => w.text).join(' '), id).toBe(unusualValues[id]);
      for (const w of words) expect(inside(w, unusual[id].rect), `${id}: ${w.text} at ${JSON.stringify(w)}`).toBe(true);
    }
  });

  it('draws nothing outside the field on the cropped page', async () => {
    const { original: before, bytes } = await composeUnusual();
    const changed = changedPixels(renderPage(before, 1), renderPage(bytes, 1));
    expect(changed.length).toBeGreaterThan(50);
    expect(changed.filter((px) => px.x1 > 25 && !inside(px, unusual.cropped.rect, 1))).toEqual([]);
  });

  it('prints the document-ID stripe in the left margin of the visible page', async () => {
    const pages = wordsByPage((await composeUnusual()).bytes);
    for (const page of [0, 1, 3]) {
      const stripe = pages[page]!.words.filter((w) => w.text === 'UM/2026/11/0043');
      expect(stripe, `page ${page + 1}`).toHaveLength(1);
      expect(stripe[0]!.x1, `page ${page + 1}`).toBeLessThan(25);
    }
  });

  it('draws on a page with /Rotate in its unrotated space: the value turns with the page, where the editor (which shows the page unrotated) placed it', async () => {
    const { original: before, bytes } = await composeUnusual();
    const r = unusual.rotated.rect;
    // Shown turned a quarter clockwise, 842 wide and 595 high: the unrotated point (x, y) is seen x down from the top, y from the left.
    const seen: FieldRect = { x: r.y, y: 595 - (r.x + r.width), width: r.height, height: r.width };
    const after = renderPage(bytes, unusual.rotated.page + 1);
    expect({ width: after.width / 2, height: after.height / 2 }).toEqual({ width: 842, height: 595 });
    const changed = changedPixels(renderPage(before, unusual.rotated.page + 1), after);
    expect(changed.filter((px) => inside(px, seen, 0)).length).toBeGreaterThan(50);
    // The stripe runs along the top edge as shown (the unrotated left margin); nothing else is drawn.
    expect(changed.filter((px) => px.y0 < 595 - 25 && !inside(px, seen, 1))).toEqual([]);
  });
});

describe('composeDocument refuses fields it cannot draw', () => {
  it('refuses invalid values, a value for an unknown field and a required field left empty, all at once', async () => {
    const { name: _name, ...withoutName } = values;
    const error = await refusal({
      layout: layoutOf(),
      values: { ...withoutName, email: 'not-an-email', agree: false, sig: 'iVBORw0KGgo=', nope: 'x', constructor: 'y' },
    });
    expect(error.details?.issues).toEqual(
      expect.arrayContaining([
        { path: 'values.name', messageKey: 'validation.required' },
        { path: 'values.email', messageKey: 'validation.email' },
        { path: 'values.agree', messageKey: 'validation.required' },
        { path: 'values.sig', messageKey: 'validation.pngImage' },
        { path: 'values.nope', messageKey: 'validation.unknownField' },
        { path: 'values.constructor', messageKey: 'validation.unknownField' },
      ]),
    );
    expect(error.details?.issues).toHaveLength(6);
  });

  it('refuses a required date signed the signing service did not fill, and one that is not a date', async () => {
    const { dateA: _dateA, ...withoutDate } = values;
    expect((await refusal({ layout: layoutOf(), values: withoutDate })).details?.issues).toEqual([{ path: 'values.dateA', messageKey: 'validation.required' }]);
    expect((await refusal({ layout: layoutOf(), values: { ...values, dateB: '2026-02-30' } })).details?.issues).toEqual([
      { path: 'values.dateB', messageKey: 'validation.date' },
    ]);
  });

  it('refuses a layout that does not fit the real pages', async () => {
    const error = await refusal({
      layout: layoutOf({ init: { page: 2 }, company: { rect: { x: 400, y: 520, width: 200, height: 22 } } }),
      values,
    });
    const index = (id: string) => Object.keys(specs).indexOf(id);
    expect(error.details?.issues).toEqual(
      expect.arrayContaining([
        { path: `fields.${index('init')}.page`, messageKey: 'validation.pageOutOfRange' },
        { path: `fields.${index('company')}.rect`, messageKey: 'validation.fieldOutsidePage' },
      ]),
    );
  });

  it('refuses fields of two signers drawn over each other', async () => {
    const error = await refusal({ layout: layoutOf({ company: { rect: { x: 100, y: 520, width: 240, height: 22 } } }), values });
    expect(error.details?.issues).toEqual([{ path: `fields.${Object.keys(specs).indexOf('company')}.rect`, messageKey: 'validation.fieldsOverlap' }]);
  });
});
