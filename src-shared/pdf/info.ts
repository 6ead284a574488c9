/** What Signet records about an imported original (points are PDF user-space units, 1/72 inch). */
export interface PageSize {
  width: number;
  height: number;
}

export interface PdfInfo {
  sha256: string;
  size: number;
  pageCount: number;
  pageSizes: PageSize[];
  /** Signatures or form fields already in the file: kept as they are; our seal is appended after them. */
  hasSignatures: boolean;
  hasForm: boolean;
}
