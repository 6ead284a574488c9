import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AutoFillContact } from '../../../../src-shared/fields/auto-fill';
import type { FieldKind } from '../../../../src-shared/fields/kinds';
import type { FieldLayout, PageDimensions } from '../../../../src-shared/fields/layout';
import type { FieldValues } from '../../../../src-shared/fields/values';
import { PdfPreviewMessage } from '../../../components/PdfPreviewMessage';
import { PdfPreviewToolbar } from '../../../components/PdfPreviewToolbar';
import { PdfDocument } from '../../../components/PdfDocument';
import { pointsToPercent } from '../../../components/pdfjs-setup';
import { useContentWidth } from '../../../components/use-content-width';
import { canRedo, canUndo, editorOutput, editorReducer, initEditor, type EditorAction, type EditorOutput, type EditorState } from './editor-state';
import { FieldPage, pointsAt } from './FieldPage';
import { FieldPalette } from './FieldPalette';
import { FieldProperties } from './FieldProperties';
import { PageThumbnails } from './PageThumbnails';
import './field-editor.css';

export interface FieldEditorSigner {
  /** The reference fields use (`signerRef`). */
  id: string;
  name: string;
  side: 'company' | 'counterparty';
  /** A CSS colour (`signerColor`); the signer's fields are drawn in it. */
  color: string;
  /** What auto-fill reads: name, company, tax ID, e-mail, phone. */
  contact?: AutoFillContact | undefined;
}

export interface FieldEditorProps {
  /** The PDF the fields go on. */
  file: Blob;
  /** Its pages' unrotated sizes in points, as recorded at import: the space fields are placed (and checked) in. */
  pageSizes: readonly PageDimensions[];
  signers: readonly FieldEditorSigner[];
  initialLayout?: FieldLayout | undefined;
  initialValues?: FieldValues | undefined;
  /** Every change, with the layout and values checked the way the service will check them. */
  onChange(output: EditorOutput): void;
}

type Zoom = 'fit' | number;
/** Room around the page inside the viewport, so its shadow and a field on its edge stay visible when fitted. */
const viewportPadding = 32;

const isMac = /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * Step 3 of preparing a document: the pages with the fields placed on them, a palette to add fields (dragged onto the
 * page, or placed with Enter in the middle of what is in view), fields moved and resized by mouse and keyboard, each
 * signer's fields in their colour, a properties panel with values auto-filled from the signer's contact, zoom, and undo.
 * Self-contained: the caller gives the file, pages, signers and the fields to start from, and hears every change.
 */
export function FieldEditor({ file, pageSizes, signers, initialLayout, initialValues, onChange }: FieldEditorProps) {
  const { t } = useTranslation();
  const [state, setState] = useState<EditorState>(() => initEditor({ pages: pageSizes, signers, layout: initialLayout, values: initialValues }));
  const [pageIndex, setPageIndex] = useState(0);
  const [zoom, setZoom] = useState<Zoom>('fit');
  const [announcement, setAnnouncement] = useState('');
  const [loadFailed, setLoadFailed] = useState(false);
  const [viewport, setViewport] = useState<HTMLDivElement | null>(null);
  const overlayRef = useRef<HTMLDivElement>(null);
  /** The field (or the page, when the field is gone) to focus once the next render is on screen. */
  const pendingFocus = useRef<string | null>(null);
  const fitWidth = useContentWidth(viewport);
  const hintId = useId();

  const onChangeRef = useRef(onChange);
  useLayoutEffect(() => {
    onChangeRef.current = onChange;
  });
  const output = useMemo(() => editorOutput(state), [state]);
  const { fields, values } = state;
  useEffect(() => onChangeRef.current(output), [output]);

  useEffect(() => {
    const id = pendingFocus.current;
    if (id === null) return;
    pendingFocus.current = null;
    const overlay = overlayRef.current;
    const target = overlay?.querySelector<HTMLElement>(`[data-field-id="${CSS.escape(id)}"]`) ?? overlay;
    target?.focus();
  });

  const page = pageSizes[pageIndex] ?? pageSizes[0] ?? { width: 595, height: 842 };
  const scale = zoom === 'fit' ? Math.max(0.2, (fitWidth - viewportPadding) / page.width) : zoom / pointsToPercent;
  const signerById = useMemo(() => new Map(signers.map((s) => [s.id, s])), [signers]);
  const selected = fields.find((f) => f.id === state.selectedId);

  /** Runs one step and what follows it on screen: the page it happened on, focus, an announcement. */
  const act = (action: EditorAction, after?: { focus?: boolean; announce?: string }) => {
    const next = editorReducer(state, action);
    if (next === state) return;
    setState(next);
    const field = next.fields.find((f) => f.id === next.selectedId);
    if (field && field.page !== pageIndex) setPageIndex(field.page);
    if (after?.focus) pendingFocus.current = field?.id ?? '';
    if (after?.announce) setAnnouncement(after.announce);
  };

  const kindName = (kind: FieldKind) => t(`fieldEditor.kind.${kind}`);
  const place = (kind: FieldKind, center: { x: number; y: number }) =>
    act({ type: 'place', kind, page: pageIndex, center }, { focus: true, announce: t('fieldEditor.placed', { kind: kindName(kind), page: pageIndex + 1 }) });

  /** The middle of the part of the page in view: where a field placed from the keyboard appears. */
  const placeInView = (kind: FieldKind) => {
    const view = viewport?.getBoundingClientRect();
    const overlay = overlayRef.current?.getBoundingClientRect();
    if (!view || !overlay) return place(kind, { x: page.width / 2, y: page.height / 2 });
    const left = Math.max(view.left, overlay.left);
    const right = Math.min(view.right, overlay.right);
    const top = Math.max(view.top, overlay.top);
    const bottom = Math.min(view.bottom, overlay.bottom);
    const visible = right > left && bottom > top;
    place(kind, visible ? pointsAt((left + right) / 2, (top + bottom) / 2, overlay, scale, page) : { x: page.width / 2, y: page.height / 2 });
  };

  /** A palette item let go over the page: placed where it was dropped. */
  const dropAt = (kind: FieldKind, clientX: number, clientY: number): boolean => {
    const overlay = overlayRef.current?.getBoundingClientRect();
    if (!overlay || clientX < overlay.left || clientX > overlay.right || clientY < overlay.top || clientY > overlay.bottom) return false;
    place(kind, pointsAt(clientX, clientY, overlay, scale, page));
    return true;
  };

  const undo = () => act({ type: 'undo' }, { focus: true, announce: t('fieldEditor.undone') });
  const redo = () => act({ type: 'redo' }, { focus: true, announce: t('fieldEditor.redone') });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    // A text box keeps its own undo (of the letters typed in it).
    if (target.closest('input, textarea, select')) return;
    const mod = isMac ? event.metaKey : event.ctrlKey;
    const key = event.key.toLowerCase();
    if (mod && key === 'z') {
      event.preventDefault();
      if (event.shiftKey) redo();
      else undo();
    } else if (mod && key === 'y' && !isMac) {
      event.preventDefault();
      redo();
    }
  };

  const zoomPercent = Math.round(scale * pointsToPercent);
  return (
    <div className="field-editor" onKeyDown={onKeyDown}>
      <div className="field-editor-toolbar">
        <div className="pdf-preview-tools" role="group" aria-label={t('fieldEditor.history')}>
          <button type="button" className="button button-small" aria-disabled={!canUndo(state)} onClick={() => canUndo(state) && undo()} aria-keyshortcuts={isMac ? 'Meta+Z' : 'Control+Z'}>
            {t('fieldEditor.undo')}
          </button>
          <button type="button" className="button button-small" aria-disabled={!canRedo(state)} onClick={() => canRedo(state) && redo()} aria-keyshortcuts={isMac ? 'Meta+Shift+Z' : 'Control+Shift+Z'}>
            {t('fieldEditor.redo')}
          </button>
        </div>
        <PdfPreviewToolbar
          pageNumber={pageIndex + 1}
          pageCount={pageSizes.length}
          onPage={(n) => setPageIndex(n - 1)}
          zoom={fitWidth > 0 ? zoomPercent : null}
          fit={zoom === 'fit'}
          onZoom={setZoom}
          onFit={() => setZoom('fit')}
        />
      </div>
      {loadFailed ? (
        <PdfPreviewMessage kind="unreadable" />
      ) : (
        <PdfDocument file={file} className="field-editor-body" onFailure={() => setLoadFailed(true)}>
          <PageThumbnails pages={pageSizes} current={pageIndex} fields={fields} onPage={setPageIndex} />
          <FieldPalette
            signers={signers}
            activeSignerId={state.activeSignerId}
            onSigner={(signerId) => act({ type: 'setActiveSigner', signerId })}
            onPlace={placeInView}
            onDrop={dropAt}
          />
          <div className="field-editor-viewport" ref={setViewport}>
            {fitWidth > 0 ? (
              <FieldPage
                overlayRef={overlayRef}
                pageIndex={pageIndex}
                page={page}
                scale={scale}
                fields={fields.filter((f) => f.page === pageIndex)}
                values={values}
                selectedId={state.selectedId}
                signers={signerById}
                issuesByField={output.issuesByField}
                hintId={hintId}
                act={act}
              />
            ) : null}
          </div>
          <FieldProperties
            field={selected}
            value={selected ? values[selected.id] : undefined}
            signers={signers}
            issues={selected ? (output.issuesByField[selected.id] ?? []) : []}
            act={act}
          />
        </PdfDocument>
      )}
      <p id={hintId} className="visually-hidden">
        {t('fieldEditor.fieldHint')}
      </p>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </div>
  );
}
