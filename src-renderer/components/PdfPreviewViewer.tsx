import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Document, Page, pdfjs, type DocumentProps } from 'react-pdf';
import 'react-pdf/dist/Page/TextLayer.css';
import type { PdfPreviewProps } from './PdfPreview';
import { PdfPreviewMessage, type PdfPreviewMessageKind } from './PdfPreviewMessage';
import { PdfPreviewToolbar } from './PdfPreviewToolbar';

// Bundled by Vite as a file of its own, so the worker comes from the app's origin (http on the browser host, app://
// in Electron), the only place the CSP allows a worker script from.
pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

/** The folders electron.vite.config.ts copies out of pdfjs-dist, beside index.html. */
const pdfjsFolder = (name: string) => new URL(`${import.meta.env.BASE_URL}pdfjs/${name}/`, document.baseURI).href;

/** One object for the app's lifetime: react-pdf reloads the document whenever `options` is a new object. */
const options: NonNullable<DocumentProps['options']> = {
  // The CSP has no 'unsafe-eval'; pdf.js would otherwise compile PDF functions with `new Function`.
  isEvalSupported: false,
  // WebAssembly would need 'wasm-unsafe-eval' in the CSP. Without it JPEG 2000 images decode with pdf.js's JavaScript
  // fallback, and ICC colour profiles give way to their alternate colour space: fine for a preview.
  useWasm: false,
  wasmUrl: pdfjsFolder('wasm'),
  cMapUrl: pdfjsFolder('cmaps'),
  cMapPacked: true,
  standardFontDataUrl: pdfjsFolder('standard_fonts'),
};

/** react-pdf's scale 1 draws a PDF point as a CSS pixel; paper size on screen is 96/72 of that. */
const pointsToPercent = 75;

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
  const viewportRef = useRef<HTMLDivElement>(null);
  const fitWidth = useContentWidth(viewportRef);

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
        ref={viewportRef}
        role="group"
        aria-label={showing ? pageOf : undefined}
        tabIndex={showing ? 0 : undefined}
      >
        {failure ? (
          <PdfPreviewMessage kind={failure} />
        ) : (
          <Document
            file={file}
            options={options}
            loading={<PdfPreviewMessage kind="loading" />}
            error={<PdfPreviewMessage kind="unreadable" />}
            onLoadSuccess={(pdf) => setPageCount(pdf.numPages)}
            onLoadError={() => setFailure('unreadable')}
            // react-pdf would ask with window.prompt(), which Electron does not have; the preview does not ask at all.
            onPassword={() => setFailure('protected')}
          >
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
          </Document>
        )}
      </div>
    </>
  );
}

/** The element's content width in whole pixels, kept up to date as the layout changes (window, sidebar, zoom). */
function useContentWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
