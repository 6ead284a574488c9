import { useTranslation } from 'react-i18next';
import { Page } from 'react-pdf';
import type { FieldPlacement } from '../../../../src-shared/fields/placement';

interface PageThumbnailsProps {
  pageCount: number;
  current: number;
  fields: readonly FieldPlacement[];
  onPage(index: number): void;
}

/** Width of a thumbnail in CSS pixels: small enough for a column beside the page, large enough to tell pages apart. */
const thumbnailWidth = 84;

/** Every page small, with how many fields it holds; a press shows that page. */
export function PageThumbnails({ pageCount, current, fields, onPage }: PageThumbnailsProps) {
  const { t } = useTranslation();
  return (
    <nav className="field-editor-thumbnails" aria-label={t('fieldEditor.pages')}>
      <ol>
        {Array.from({ length: pageCount }, (_, index) => {
          const count = fields.filter((f) => f.page === index).length;
          return (
            <li key={index}>
              <button
                type="button"
                className="field-editor-thumbnail"
                aria-current={index === current ? 'page' : undefined}
                aria-label={t('fieldEditor.thumbnail', { page: index + 1, count })}
                onClick={() => onPage(index)}
              >
                <Page pageIndex={index} width={thumbnailWidth} rotate={0} renderTextLayer={false} renderAnnotationLayer={false} loading="" error="" />
                <span aria-hidden="true">
                  {index + 1}
                  {count > 0 ? ` · ${count}` : ''}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
