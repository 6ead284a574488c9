import { useMemo, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Page } from 'react-pdf';
import 'react-pdf/dist/Page/TextLayer.css';
import type { PageDimensions } from '../../../src-shared/fields/layout';
import type { FieldPlacement } from '../../../src-shared/fields/placement';
import { PdfPreviewMessage } from '../../components/PdfPreviewMessage';
import { PdfDocument } from '../../components/PdfDocument';
import { useContentWidth } from '../../components/use-content-width';
import { fieldInputId } from './SignerFieldsForm';
import { isImageKind, type DraftValues } from './signer-fields';

interface SignPagesProps {
  file: Blob;
  pageSizes: readonly PageDimensions[];
  /** Only this signer's fields: nobody else's are shown on the signing screen. */
  fields: readonly FieldPlacement[];
  values: DraftValues;
  /** The signature being made, shown in the signature fields. */
  signatureImage: string | null;
}

/** Widest a page is drawn: a page wider than this is harder to read, not easier. */
const maxPageWidth = 900;

/**
 * Every page one under the other, so the whole document is read before signing, with the signer's fields marked where
 * they will be filled. A field on the page is a label for its input in the form: clicking it goes to the input.
 */
export function SignPages({ file, pageSizes, fields, values, signatureImage }: SignPagesProps) {
  const { t } = useTranslation();
  const [box, setBox] = useState<HTMLDivElement | null>(null);
  const width = Math.min(useContentWidth(box), maxPageWidth);
  const [pageCount, setPageCount] = useState(0);
  const [failed, setFailed] = useState(false);
  const byPage = useMemo(() => {
    const map = new Map<number, FieldPlacement[]>();
    for (const f of fields) map.set(f.page, [...(map.get(f.page) ?? []), f]);
    return map;
  }, [fields]);

  return (
    <div className="sign-pages" ref={setBox}>
      {failed ? (
        <PdfPreviewMessage kind="unreadable" />
      ) : (
        <PdfDocument file={file} onPages={setPageCount} onFailure={() => setFailed(true)}>
          {width > 0
            ? Array.from({ length: pageCount }, (_, index) => {
                const size = pageSizes[index];
                const scale = size ? width / size.width : 1;
                return (
                  // Each page takes its height before pdf.js has drawn it, so nothing below moves while pages load
                  // (on a phone the signer's fields and Sign are below them).
                  <section key={index} className="sign-page" style={size ? { minHeight: size.height * scale } : undefined} aria-label={t('signingUi.pageOf', { page: index + 1, count: pageCount })}>
                    <Page
                      pageIndex={index}
                      width={width}
                      rotate={0}
                      renderAnnotationLayer={false}
                      loading={<PdfPreviewMessage kind="loading" />}
                      error={<PdfPreviewMessage kind="pageFailed" />}
                    />
                    {size ? (
                      <div className="sign-page-overlay" aria-hidden="true">
                        {(byPage.get(index) ?? []).map((f) => {
                          const style: CSSProperties = {
                            left: f.rect.x * scale,
                            top: (size.height - f.rect.y - f.rect.height) * scale,
                            width: f.rect.width * scale,
                            height: f.rect.height * scale,
                          };
                          const value = values[f.id];
                          const content = isImageKind(f.kind) ? (
                            signatureImage ? <img src={`data:image/png;base64,${signatureImage}`} alt="" /> : t(`fieldEditor.kind.${f.kind}`)
                          ) : value === true ? (
                            '✓'
                          ) : typeof value === 'string' && value ? (
                            value
                          ) : (
                            (f.label ?? t(`fieldEditor.kind.${f.kind}`))
                          );
                          return isImageKind(f.kind) || f.kind === 'dateSigned' ? (
                            <span key={f.id} className="sign-field sign-field-auto" style={style}>
                              {content}
                            </span>
                          ) : (
                            <label key={f.id} htmlFor={fieldInputId(f.id)} className={`sign-field${f.required ? ' sign-field-required' : ''}`} style={style}>
                              {content}
                            </label>
                          );
                        })}
                      </div>
                    ) : null}
                  </section>
                );
              })
            : null}
        </PdfDocument>
      )}
    </div>
  );
}
