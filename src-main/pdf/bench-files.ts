import { randomBytes } from 'node:crypto';
import { concatTransformationMatrix, drawObject, popGraphicsState, PDFDocument, pushGraphicsState, StandardFonts } from 'pdf-lib';

/** The documents the benchmark measures; made in the run, so a fresh clone needs no large fixtures. */

/** Pages of contract text, 40 lines each. */
export async function textPdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let p = 0; p < pages; p++) {
    const page = doc.addPage();
    for (let l = 0; l < 40; l++) page.drawText(`Paragraf ${p}.${l}: the supplier delivers the goods listed in the annex.`, { x: 40, y: 760 - l * 18, size: 10, font });
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
