import { randomBytes } from 'node:crypto';
import { concatTransformationMatrix, drawObject, popGraphicsState, PDFDocument, pushGraphicsState, StandardFonts } from 'pdf-lib';

/** The documents the benchmark measures; made in the run, so a fresh clone needs no large fixtures. */

/**
 * Pages of contract text, 40 lines each, in one font. `fontPerLine` draws each line the way pdf-lib's drawText does when
 * handed the font: every call adds two new names to the page's font resources, 80 a page, 40,000 in the document.
 * Office suites name a handful of fonts a page; the file with 40,000 names shows what @libpdf/core's loading costs
 * when a producer writes many names.
 */
export async function textPdf(pages: number, { fontPerLine = false } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let p = 0; p < pages; p++) {
    const page = doc.addPage();
    page.setFont(font);
    page.setFontSize(10);
    for (let l = 0; l < 40; l++) page.drawText(`Paragraf ${p}.${l}: the supplier delivers the goods listed in the annex.`, { x: 40, y: 760 - l * 18, ...(fontPerLine ? { font } : {}) });
  }
  return doc.save();
}

/**
 * A "scanned" document: every page one RGB image of noise, which does not compress, so the file is as large as its
 * pixels. The image stream is written as it is (no filter): compressing 100 MB of noise would cost the run seconds and
 * gain nothing, the bytes a seal or a verification has to read are the same.
 */
export async function scanPdf(pages: number, bytesPerPage: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const side = Math.floor(Math.sqrt(bytesPerPage / 3));
  for (let p = 0; p < pages; p++) {
    const image = doc.context.register(
      doc.context.stream(randomBytes(side * side * 3), { Type: 'XObject', Subtype: 'Image', Width: side, Height: side, ColorSpace: 'DeviceRGB', BitsPerComponent: 8 }),
    );
    const page = doc.addPage([595, 842]);
    const name = page.node.newXObject('Scan', image);
    page.pushOperators(pushGraphicsState(), concatTransformationMatrix(595, 0, 0, 842, 0, 0), drawObject(name), popGraphicsState());
  }
  return doc.save();
}
