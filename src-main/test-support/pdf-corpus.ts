import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { execFileSync } from 'node:child_process';
import { producerVariants, qpdfVariants, writeTemp } from './pdf-tools';
import { resourcesDir } from './temp-services';

/**
 * PDFs as real producers write them, made by the test run (nothing downloaded): the shipped office-suite and browser
 * samples, each also turned by qpdf into object-stream / xref-stream, linearized and uncompressed variants and rewritten
 * by Ghostscript, cairo and MuPDF; a scanner-like file (a page as one large JPEG, no text); a pdf-lib file with an
 * AcroForm; and — when `signed` is given — one that already carries someone else's signature.
 */
export async function pdfCorpus(signed?: (bytes: Uint8Array) => Promise<Uint8Array>): Promise<Record<string, Uint8Array>> {
  const files: Record<string, Uint8Array> = {};
  for (const name of fs.readdirSync(path.join(resourcesDir, 'samples'))) {
    const bytes = new Uint8Array(fs.readFileSync(path.join(resourcesDir, 'samples', name)));
    files[name] = bytes;
    const written = writeTemp(bytes, name);
    for (const [variant, v] of Object.entries({ ...qpdfVariants(written), ...producerVariants(written) })) files[`${name} (${variant})`] = v;
  }
  files['scan (one large page image)'] = await scannedPage(files['umowa-dostawy.pdf']!);
  const made = await PDFDocument.create();
  const page = made.addPage([595.28, 841.89]);
  page.drawText('Formularz / form', { x: 50, y: 780, font: await made.embedFont(StandardFonts.Helvetica) });
  made.getForm().createTextField('company.name').addToPage(page, { x: 50, y: 700, width: 200, height: 20 });
  files['pdf-lib with an AcroForm'] = await made.save();
  if (signed) files['already signed by someone else'] = await signed(files['nda-pl.pdf']!);
  return files;
}

/** A page as a flatbed scanner delivers it: rendered at 200 dpi to JPEG, one image filling an A4 page, no text layer. */
async function scannedPage(source: Uint8Array): Promise<Uint8Array> {
  const file = writeTemp(source, 'to-scan.pdf');
  execFileSync('pdftoppm', ['-jpeg', '-r', '200', '-f', '1', '-l', '1', '-singlefile', file, `${file}.scan`]);
  const doc = await PDFDocument.create();
  const image = await doc.embedJpg(fs.readFileSync(`${file}.scan.jpg`));
  doc.addPage([595.28, 841.89]).drawImage(image, { x: 0, y: 0, width: 595.28, height: 841.89 });
  return doc.save();
}
