import { useTranslation } from 'react-i18next';

export type PdfPreviewMessageKind = 'loading' | 'unreadable' | 'protected' | 'pageFailed';

/**
 * What shows in place of a page. Not an alert: the preview sits beside something more important (a verification
 * report, a document's details), and a preview that cannot be drawn must not interrupt what a screen reader says first.
 */
export function PdfPreviewMessage({ kind }: { kind: PdfPreviewMessageKind }) {
  const { t } = useTranslation();
  if (kind === 'loading') {
    return (
      <p className="pdf-preview-message pdf-preview-loading">
        <span className="pdf-preview-spinner" aria-hidden="true" />
        {t('verifyPage.preview.loading')}
      </p>
    );
  }
  return <p className="notice notice-error pdf-preview-message pdf-preview-error">{t(`verifyPage.preview.${kind}`)}</p>;
}
