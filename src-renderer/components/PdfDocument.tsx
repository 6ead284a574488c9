import type { ReactNode } from 'react';
import { Document } from 'react-pdf';
import { PdfPreviewMessage } from './PdfPreviewMessage';
import { pdfDocumentOptions } from './pdfjs-setup';

interface PdfDocumentProps {
  file: Blob;
  className?: string | undefined;
  onPages?: ((count: number) => void) | undefined;
  /** The file could not be read, or it asks for a password. */
  onFailure(kind: 'unreadable' | 'protected'): void;
  children?: ReactNode;
}

/**
 * react-pdf's Document as every viewer here opens one: the app's pdf.js options and messages, and a password-protected
 * file reported as a failure — react-pdf would ask with window.prompt(), which Electron does not have, and no viewer
 * here asks at all.
 */
export function PdfDocument({ file, className, onPages, onFailure, children }: PdfDocumentProps) {
  return (
    <Document
      file={file}
      options={pdfDocumentOptions}
      {...(className ? { className } : {})}
      loading={<PdfPreviewMessage kind="loading" />}
      error={<PdfPreviewMessage kind="unreadable" />}
      onLoadSuccess={(pdf) => onPages?.(pdf.numPages)}
      onLoadError={() => onFailure('unreadable')}
      onPassword={() => onFailure('protected')}
    >
      {children}
    </Document>
  );
}
