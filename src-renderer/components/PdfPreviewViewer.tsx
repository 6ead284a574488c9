import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Page } from 'react-pdf';
import 'react-pdf/dist/Page/TextLayer.css';
import type { PdfPreviewProps } from './PdfPreview';
import { PdfPreviewMessage, type PdfPreviewMessageKind } from './PdfPreviewMessage';
import { PdfPreviewToolbar } from './PdfPreviewToolbar';
import { PdfDocument } from './PdfDocument';
import { pointsToPercent } from './pdfjs-setup';
import { useContentWidth } from './use-content-width';

type Zoom = 'fit' | number;

export function PdfPreviewViewer({ data }: PdfPreviewProps) {
  const { t } = useTranslation();
  const file = useMemo(() => (data instanceof Blob ? data : new Blob([data], { type: 'application/pdf' })), [data]);
  const [shownFile, setShownFile] = useState(file);
  const [pageCount, setPageCount] = useState(0);
  const [pageNumber, setPageNumber] = useState(1);
  const [failure, setFailure] = useState<Extract<PdfPreviewMessageKind, 'unreadable' | 'protected'> | null>(null);
  const [failedPage, setFailedPage] = useState<number | null>(null);
  const [zoom, setZoom] = useState<Zoom>('fit');
  /** The current page's width in PDF points, known once it has loaded. */
  const [pageWidth, setPageWidth] = useState(0);
  const [viewport, setViewport] = useState<HTMLDivElement | null>(null);
  const fitWidth = useContentWidth(viewport);

  // Another file starts again at its first page (zoom stays: it is the person's choice, not the file's).
  if (shownFile !== file) {
    setShownFile(file);
    setPageCount(0);
    setPageNumber(1);
    setFailure(null);
    setFailedPage(null);
  }

  const percent = zoom !== 'fit' ? zoom : pageWidth > 0 && fitWidth > 0 ? Math.round((fitWidth / pageWidth) * pointsToPercent) : null;
  const pageOf = t('verifyPage.preview.pageOf', { page: pageNumber, count: pageCount });
  const showing = pageCount > 0 && !failure;

  return (
    <>
      {showing ? (
        <PdfPreviewToolbar
          pageNumber={pageNumber}
          pageCount={pageCount}
          onPage={setPageNumber}
          zoom={percent}
          fit={zoom === 'fit'}
          onZoom={setZoom}
          onFit={() => setZoom('fit')}
        />
      ) : null}
      {/* Focusable so that a zoomed page can be scrolled with the arrow keys. */}
      <div
        className={`pdf-preview-viewport${failure ? ' pdf-preview-viewport-empty' : ''}`}
        ref={setViewport}
        role="group"
        aria-label={showing ? pageOf : undefined}
        tabIndex={showing ? 0 : undefined}
      >
        {failure ? (
          <PdfPreviewMessage kind={failure} />
        ) : (
          <PdfDocument file={file} onPages={setPageCount} onFailure={setFailure}>
            {fitWidth > 0 && failedPage !== pageNumber ? (
              <Page
                className="pdf-preview-page"
                pageNumber={pageNumber}
                {...(zoom === 'fit' ? { width: fitWidth } : { scale: zoom / pointsToPercent })}
                // Links and form widgets in someone else's PDF stay inert pictures: nothing on a preview can be clicked.
                renderAnnotationLayer={false}
                loading={<PdfPreviewMessage kind="loading" />}
                error={<PdfPreviewMessage kind="pageFailed" />}
                onLoadSuccess={(page) => setPageWidth(page.originalWidth)}
                onRenderError={() => setFailedPage(pageNumber)}
              />
            ) : failedPage === pageNumber ? (
              <PdfPreviewMessage kind="pageFailed" />
            ) : null}
          </PdfDocument>
        )}
      </div>
    </>
  );
}
