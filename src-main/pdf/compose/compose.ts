import { PDF, rgb } from '@libpdf/core';
import { evidenceFileName, type CertificateData, type Evidence } from '../../../src-shared/pdf/certificate';
import type { PageDimensions } from '../../../src-shared/fields/layout';
import { translator } from '../../../src-shared/i18n/translate';
import { libPdfVisibleBox } from '../page-box';
import { drawCertificatePages } from './certificate-pages';
import { checkComposeFields, type ComposeFields } from './field-check';
import { fieldEvidence } from './field-evidence';
import { drawFieldValues } from './field-values';
import { loadFonts } from './fonts';

export interface ComposeResult {
  bytes: Uint8Array;
  evidence: Evidence;
  certificatePages: number;
}

export interface ComposeOptions {
  /** The filled fields to draw on the document's pages; without them only the stripe and the certificate are added. */
  fields?: ComposeFields | undefined;
}

/**
 * Builds the document to be sealed: the filled fields drawn in their places, a document-ID stripe on every page, the
 * certificate-of-authenticity pages and the evidence attachment, all appended as an incremental update. The original
 * stays a byte-for-byte prefix of the result, so signatures it already carried keep verifying and its SHA-256 can be
 * re-checked from the sealed file itself. Fields are checked before anything is drawn (see `checkComposeFields`).
 */
export async function composeDocument(original: Uint8Array, data: CertificateData, resourcesDir: string, options: ComposeOptions = {}): Promise<ComposeResult> {
  const t = translator(data.language);
  const files = loadFonts(resourcesDir);
  const pdf = await PDF.load(original);
  const fields = options.fields ? checkComposeFields(options.fields, pageDimensions(pdf)) : undefined;
  const fonts = { regular: pdf.embedFont(files.regular), bold: pdf.embedFont(files.bold) };
  const chainHead = data.events.at(-1)?.hash ?? '';

  if (fields) drawFieldValues(pdf, fonts, fields.layout, fields.values, { language: data.language });

  const stripe = t('certificate.stripe', { id: data.documentNumber, hash: data.originalSha256.slice(0, 16) });
  for (let i = 0; i < pdf.getPageCount(); i++) {
    const page = pdf.getPage(i);
    if (!page) continue;
    // Rotated 90° along the left edge, where contracts keep a margin: of the visible page, or a cropped scan would hide it.
    const box = libPdfVisibleBox(pdf, i);
    page.drawText(stripe, { x: box.x + 14, y: box.y + 40, size: 6.5, font: fonts.regular, color: rgb(0.45, 0.48, 0.53), rotate: { angle: 90 } });
  }

  const certificatePages = drawCertificatePages(pdf, fonts, data, chainHead, t);
  const evidence: Evidence = {
    format: 'signet-evidence/1',
    documentId: data.documentId,
    documentNumber: data.documentNumber,
    title: data.title,
    original: { sha256: data.originalSha256, size: data.originalSize, pages: data.originalPages },
    signers: data.signers.map(({ signaturePng: _png, ...rest }) => rest),
    events: data.events,
    ...(fields ? { fields: fieldEvidence(fields.layout, fields.values) } : {}),
    chainHead,
  };
  pdf.addAttachment(evidenceFileName, new TextEncoder().encode(JSON.stringify(evidence, null, 2)), {
    mimeType: 'application/json',
    description: 'Signet evidence: document, signers and the hash-chained history',
  });
  const bytes = await pdf.save({ incremental: true, subsetFonts: true });
  return { bytes, evidence, certificatePages };
}

/** The visible boxes' sizes before /Rotate: the space fields are placed in (see `PageDimensions`), as import measured them. */
function pageDimensions(pdf: PDF): PageDimensions[] {
  return pdf.getPages().map((_, i) => {
    const { width, height } = libPdfVisibleBox(pdf, i);
    return { width, height };
  });
}
