import { useRef, useState, type CSSProperties, type KeyboardEvent, type PointerEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Page } from 'react-pdf';
import type { FieldKind } from '../../../../src-shared/fields/kinds';
import type { PageDimensions } from '../../../../src-shared/fields/layout';
import type { FieldPlacement, FieldRect } from '../../../../src-shared/fields/placement';
import { PdfPreviewMessage } from '../../../components/PdfPreviewMessage';
import type { DraftValue, EditorAction, FieldIssue } from './editor-state';
import type { FieldEditorSigner } from './FieldEditor';
import { moveRect, resizeRect, type Handle } from './field-geometry';

/** A point on screen in the page's points (origin bottom-left, y upwards), for a page drawn at `scale` pixels a point. */
export function pointsAt(clientX: number, clientY: number, overlay: DOMRect, scale: number, page: PageDimensions): { x: number; y: number } {
  return { x: (clientX - overlay.left) / scale, y: page.height - (clientY - overlay.top) / scale };
}

/** Pixels the pointer travels before a press becomes a drag: a click that wobbles a little does not move the field. */
const dragThreshold = 3;
const handles: readonly Handle[] = ['nw', 'ne', 'sw', 'se'];

interface Gesture {
  id: string;
  kind: FieldKind;
  handle: Handle | null;
  startX: number;
  startY: number;
  start: FieldRect;
  moved: boolean;
}

interface FieldPageProps {
  overlayRef: RefObject<HTMLDivElement | null>;
  pageIndex: number;
  page: PageDimensions;
  scale: number;
  fields: readonly FieldPlacement[];
  values: Readonly<Record<string, DraftValue>>;
  selectedId: string | null;
  signers: ReadonlyMap<string, FieldEditorSigner>;
  issuesByField: Readonly<Record<string, readonly FieldIssue[]>>;
  /** Describes the keys a field answers to. */
  hintId: string;
  act(action: EditorAction, after?: { focus?: boolean; announce?: string }): void;
}

/**
 * One page drawn by pdf.js, with its fields on top. Pages are drawn unrotated: that is the space fields are placed in
 * and drawn into at completion (see `drawFieldValues`), so what is seen here is where the value will be.
 */
export function FieldPage({ overlayRef, pageIndex, page, scale, fields, values, selectedId, signers, issuesByField, hintId, act }: FieldPageProps) {
  const { t } = useTranslation();
  const gesture = useRef<Gesture | null>(null);
  /** The rectangle being dragged, shown as it goes and stored once, when the mouse is let go (one undo step). */
  const [preview, setPreview] = useState<{ id: string; rect: FieldRect } | null>(null);
  const size = { width: page.width * scale, height: page.height * scale };

  const rectFor = (g: Gesture, event: PointerEvent) => {
    const dx = (event.clientX - g.startX) / scale;
    const dy = (event.clientY - g.startY) / scale;
    return g.handle ? resizeRect(g.kind, g.start, g.handle, dx, dy, page) : moveRect(g.start, dx, dy, page);
  };

  const startGesture = (event: PointerEvent<HTMLElement>, field: FieldPlacement, handle: Handle | null) => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.stopPropagation();
    const element = event.currentTarget.closest<HTMLElement>('[data-field-id]');
    element?.focus();
    element?.setPointerCapture(event.pointerId);
    act({ type: 'select', id: field.id });
    gesture.current = { id: field.id, kind: field.kind, handle, startX: event.clientX, startY: event.clientY, start: field.rect, moved: false };
  };

  const onPointerMove = (event: PointerEvent) => {
    const g = gesture.current;
    if (!g) return;
    if (!g.moved && Math.hypot(event.clientX - g.startX, event.clientY - g.startY) < dragThreshold) return;
    g.moved = true;
    setPreview({ id: g.id, rect: rectFor(g, event) });
  };

  const onPointerUp = (event: PointerEvent) => {
    const g = gesture.current;
    gesture.current = null;
    setPreview(null);
    if (g?.moved) act({ type: 'setRect', id: g.id, rect: rectFor(g, event) });
  };

  const onPointerCancel = () => {
    gesture.current = null;
    setPreview(null);
  };

  const onFieldKey = (event: KeyboardEvent<HTMLElement>, field: FieldPlacement) => {
    const step = event.shiftKey ? 10 : 1;
    const arrows: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const arrow = arrows[event.key];
    if (arrow) {
      event.preventDefault();
      const [dx, dy] = arrow;
      act(event.altKey ? { type: 'resize', id: field.id, handle: 'se', dx, dy } : { type: 'nudge', id: field.id, dx, dy });
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      act({ type: 'remove', id: field.id }, { focus: true, announce: t('fieldEditor.removed') });
    } else if (event.key === 'Escape' && selectedId === field.id) {
      // Deselects; a second Escape reaches the dialog and closes it.
      event.preventDefault();
      event.stopPropagation();
      act({ type: 'select', id: null });
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      act({ type: 'select', id: field.id });
    }
  };

  return (
    <div className="field-editor-page" style={size}>
      <Page
        pageIndex={pageIndex}
        scale={scale}
        rotate={0}
        renderTextLayer={false}
        renderAnnotationLayer={false}
        loading={<PdfPreviewMessage kind="loading" />}
        error={<PdfPreviewMessage kind="pageFailed" />}
      />
      <div
        ref={overlayRef}
        className="field-editor-overlay"
        role="group"
        aria-label={t('fieldEditor.pageFields', { page: pageIndex + 1, count: fields.length })}
        tabIndex={-1}
        onPointerDown={(event) => {
          if (event.target === event.currentTarget) act({ type: 'select', id: null });
        }}
      >
        {fields.map((field) => {
          const rect = preview?.id === field.id ? preview.rect : field.rect;
          const signer = signers.get(field.signerId);
          const selected = field.id === selectedId;
          const invalid = (issuesByField[field.id]?.length ?? 0) > 0;
          const value = values[field.id];
          const kind = t(`fieldEditor.kind.${field.kind}`);
          const style = {
            left: rect.x * scale,
            top: (page.height - rect.y - rect.height) * scale,
            width: rect.width * scale,
            height: rect.height * scale,
            '--signer': signer?.color ?? '#5b6b7c',
          } as CSSProperties;
          return (
            <div
              key={field.id}
              data-field-id={field.id}
              className={`field-editor-field${selected ? ' is-selected' : ''}${invalid ? ' is-invalid' : ''}`}
              style={style}
              role="button"
              tabIndex={0}
              aria-pressed={selected}
              aria-label={t(field.required ? 'fieldEditor.fieldNameRequired' : 'fieldEditor.fieldName', {
                kind: field.label ? `${kind} “${field.label}”` : kind,
                signer: signer?.name ?? t('fieldEditor.noSigner'),
              })}
              aria-describedby={hintId}
              aria-invalid={invalid || undefined}
              onFocus={() => act({ type: 'select', id: field.id })}
              onKeyDown={(event) => onFieldKey(event, field)}
              onPointerDown={(event) => startGesture(event, field, null)}
              onPointerMove={onPointerMove}
              onPointerUp={onPointerUp}
              onPointerCancel={onPointerCancel}
            >
              <span className="field-editor-field-text" aria-hidden="true">
                {typeof value === 'string' && value ? value : value === true ? '✓' : (field.label ?? kind)}
                {field.required ? ' *' : ''}
              </span>
              {selected
                ? handles.map((handle) => (
                    <span key={handle} className={`field-editor-handle field-editor-handle-${handle}`} aria-hidden="true" onPointerDown={(event) => startGesture(event, field, handle)} />
                  ))
                : null}
            </div>
          );
        })}
      </div>
    </div>
  );
}
