/** Import limits; the administrator may change them (settings come with a later issue), these are the defaults. */
export interface PdfLimits {
  maxBytes: number;
  maxPages: number;
}

export const defaultPdfLimits: PdfLimits = {
  maxBytes: 100 * 1024 * 1024,
  maxPages: 2000,
};
