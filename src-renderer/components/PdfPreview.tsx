import { lazy, Suspense } from 'react';
import { PdfPreviewMessage } from './PdfPreviewMessage';

export interface PdfPreviewProps {
  /**
   * The PDF. A Blob (such as the File a person dropped) is read when needed; bytes are copied first, because pdf.js
   * hands its input to its worker, which would leave the caller holding a detached, empty buffer.
   */
  data: Blob | ArrayBuffer | Uint8Array<ArrayBuffer>;
}

/**
 * pdf.js is most of a megabyte of script: it is fetched the first time a preview is shown, not at start-up. If that
 * fetch fails, the preview says it cannot show the file, and the rest of the screen carries on.
 */
const Viewer = lazy(() =>
  import('./PdfPreviewViewer').then(
    (m) => ({ default: m.PdfPreviewViewer }),
    () => ({ default: () => <PdfPreviewMessage kind="unreadable" /> }),
  ),
);

/** The pages of a PDF, one at a time, with page navigation and zoom (fit to width by default). */
export function PdfPreview(props: PdfPreviewProps) {
  return (
    <div className="pdf-preview">
      <Suspense fallback={<PdfPreviewMessage kind="loading" />}>
        <Viewer {...props} />
      </Suspense>
    </div>
  );
}
