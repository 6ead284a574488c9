import { useTranslation } from 'react-i18next';
import { PdfPreview } from '../../components/PdfPreview';

/**
 * The checked file as a PDF reader would show it, drawn in the renderer from the File the person gave (nothing is
 * sent again). For a broken file that is the changed content: the report, not the picture, says whether it is intact.
 */
export function PreviewCard({ pdf }: { pdf: Blob }) {
  const { t } = useTranslation();
  return (
    <section className="card verify-preview" aria-labelledby="verify-preview-title">
      <h2 id="verify-preview-title">{t('verifyPage.preview.title')}</h2>
      <PdfPreview data={pdf} />
    </section>
  );
}
