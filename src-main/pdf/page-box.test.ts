import { PDF } from '@libpdf/core';
import { PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { inspectPdf } from './inspect';
import { libPdfVisibleBox, pdfLibVisibleBox, visibleBox } from './page-box';

describe('visibleBox', () => {
  it('is the MediaBox when there is no CropBox', () => {
    expect(visibleBox([0, 0, 595, 842], undefined)).toEqual({ x: 0, y: 0, width: 595, height: 842 });
  });

  it('is the CropBox clipped to the MediaBox, with its own origin', () => {
    expect(visibleBox([0, 0, 595, 842], [50, 100, 545, 742])).toEqual({ x: 50, y: 100, width: 495, height: 642 });
    expect(visibleBox([0, 0, 595, 842], [-20, 700, 300, 900])).toEqual({ x: 0, y: 700, width: 300, height: 142 });
    expect(visibleBox([-100, -50, 495, 792], undefined)).toEqual({ x: -100, y: -50, width: 595, height: 842 });
  });

  it('normalises swapped corners and ignores a box that encloses nothing', () => {
    expect(visibleBox([595, 842, 0, 0], [545, 742, 50, 100])).toEqual({ x: 50, y: 100, width: 495, height: 642 });
    expect(visibleBox([0, 0, 595, 842], [100, 100, 100, 500])).toEqual({ x: 0, y: 0, width: 595, height: 842 });
    // A CropBox wholly outside the MediaBox: pdf.js shows the MediaBox.
    expect(visibleBox([0, 0, 595, 842], [600, 900, 700, 1000])).toEqual({ x: 0, y: 0, width: 595, height: 842 });
    expect(visibleBox([0, 0, 595, Number.NaN], undefined)).toEqual({ x: 0, y: 0, width: 612, height: 792 });
    expect(visibleBox(undefined, [0, 0, 100, 100])).toEqual({ x: 0, y: 0, width: 100, height: 100 });
  });
});

/** Page 1 cropped like a scan; page 2 with its MediaBox only on the page tree's root, as many producers write it. */
async function twoPages(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).setCropBox(50, 100, 495, 642);
  const inherited = doc.addPage([300, 400]);
  inherited.node.delete(PDFName.of('MediaBox'));
  doc.catalog.Pages().set(PDFName.of('MediaBox'), doc.context.obj([0, 0, 300, 400]));
  return doc.save();
}

describe('reading the visible box', () => {
  it('with pdf-lib (import) and with @libpdf/core (composition) gives the same boxes', async () => {
    const bytes = await twoPages();
    const expected = [
      { x: 50, y: 100, width: 495, height: 642 },
      { x: 0, y: 0, width: 300, height: 400 },
    ];
    expect((await PDFDocument.load(bytes)).getPages().map(pdfLibVisibleBox)).toEqual(expected);
    const pdf = await PDF.load(bytes);
    expect([0, 1].map((i) => libPdfVisibleBox(pdf, i))).toEqual(expected);
  });

  it('is what import records as the page sizes', async () => {
    expect((await inspectPdf(await twoPages())).pageSizes).toEqual([
      { width: 495, height: 642 },
      { width: 300, height: 400 },
    ]);
  });
});
