import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { qpdfVariants, writeTemp } from './pdf-tools';
import { resourcesDir } from './temp-services';

/**
 * PDFs as real producers write them, made by the test run (nothing downloaded): the shipped office-suite and browser
 * samples, each also turned by qpdf into object-stream / xref-stream, linearized and uncompressed variants, a pdf-lib
 * file with an AcroForm, and — when `signed` is given — one that already carries someone else's signature.
 */
export async function pdfCorpus(signed?: (bytes: Uint8Array) => Promise<Uint8Array>): Promise<Record<string, Uint8Array>> {
  const files: Record<string, Uint8Array> = {};
  for (const name of fs.readdirSync(path.join(resourcesDir, 'samples'))) {
    const bytes = new Uint8Array(fs.readFileSync(path.join(resourcesDir, 'samples', name)));
    files[name] = bytes;
    for (const [variant, v] of Object.entries(qpdfVariants(writeTemp(bytes, name)))) files[`${name} (${variant})`] = v;
  }
  const made = await PDFDocument.create();
  const page = made.addPage([595.28, 841.89]);
  page.drawText('Formularz / form', { x: 50, y: 780, font: await made.embedFont(StandardFonts.Helvetica) });
  made.getForm().createTextField('company.name').addToPage(page, { x: 50, y: 700, width: 200, height: 20 });
  files['pdf-lib with an AcroForm'] = await made.save();
  if (signed) files['already signed by someone else'] = await signed(files['nda-pl.pdf']!);
  return files;
}
