import { useTranslation } from 'react-i18next';

/** Zoom levels, in per cent of the paper's real size (100 % = an A4 page is 21 cm wide on a 96 dpi screen). */
const zoomSteps = [50, 75, 100, 125, 150, 200, 300] as const;

// A step within 1 % of the current zoom (a fitted page can be at any zoom) is skipped: it would change nothing visible.
export const nextZoom = (percent: number) => zoomSteps.find((step) => step > percent + 1);
export const previousZoom = (percent: number) => zoomSteps.findLast((step) => step < percent - 1);

interface PdfPreviewToolbarProps {
  pageNumber: number;
  pageCount: number;
  onPage(pageNumber: number): void;
  /** The current zoom in per cent; `null` until the page's size is known. */
  zoom: number | null;
  fit: boolean;
  onZoom(percent: number): void;
  onFit(): void;
}

const paths = {
  previous: 'M15 5l-7 7 7 7',
  next: 'M9 5l7 7-7 7',
  zoomOut: 'M5 12h14',
  zoomIn: 'M5 12h14M12 5v14',
  fit: 'M4 9V5h4M20 9V5h-4M4 15v4h4M20 15v4h-4M8 12h8',
} as const;

/**
 * Page navigation and zoom. A button that cannot act is `aria-disabled` rather than `disabled`, so that pressing
 * "Next page" on the last page does not throw the keyboard focus back to the top of the document.
 */
export function PdfPreviewToolbar({ pageNumber, pageCount, onPage, zoom, fit, onZoom, onFit }: PdfPreviewToolbarProps) {
  const { t } = useTranslation();
  const zoomIn = zoom === null ? undefined : nextZoom(zoom);
  const zoomOut = zoom === null ? undefined : previousZoom(zoom);
  return (
    <div className="pdf-preview-toolbar">
      <div className="pdf-preview-tools" role="group" aria-label={t('verifyPage.preview.pages')}>
        <ToolButton icon="previous" label={t('verifyPage.preview.previous')} enabled={pageNumber > 1} onPress={() => onPage(pageNumber - 1)} />
        <p className="pdf-preview-page-of" aria-live="polite">
          {t('verifyPage.preview.pageOf', { page: pageNumber, count: pageCount })}
        </p>
        <ToolButton icon="next" label={t('verifyPage.preview.next')} enabled={pageNumber < pageCount} onPress={() => onPage(pageNumber + 1)} />
      </div>
      <div className="pdf-preview-tools" role="group" aria-label={t('verifyPage.preview.zoom')}>
        <ToolButton icon="zoomOut" label={t('verifyPage.preview.zoomOut')} enabled={zoomOut !== undefined} onPress={() => zoomOut && onZoom(zoomOut)} />
        <p className="pdf-preview-zoom" aria-live="polite">
          {zoom === null ? '' : t('verifyPage.preview.zoomLevel', { percent: zoom })}
        </p>
        <ToolButton icon="zoomIn" label={t('verifyPage.preview.zoomIn')} enabled={zoomIn !== undefined} onPress={() => zoomIn && onZoom(zoomIn)} />
        <ToolButton icon="fit" label={t('verifyPage.preview.fitWidth')} enabled pressed={fit} onPress={onFit} />
      </div>
    </div>
  );
}

interface ToolButtonProps {
  icon: keyof typeof paths;
  label: string;
  enabled: boolean;
  pressed?: boolean;
  onPress(): void;
}

function ToolButton({ icon, label, enabled, pressed, onPress }: ToolButtonProps) {
  return (
    <button
      type="button"
      className="button button-small pdf-preview-button"
      aria-label={label}
      title={label}
      aria-disabled={!enabled}
      aria-pressed={pressed}
      onClick={() => {
        if (enabled) onPress();
      }}
    >
      <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
        <path d={paths[icon]} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
    </button>
  );
}
