import { useId, useRef, useState, type CSSProperties, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldKinds, type FieldKind } from '../../../../src-shared/fields/kinds';
import type { FieldEditorSigner } from './FieldEditor';

interface FieldPaletteProps {
  signers: readonly FieldEditorSigner[];
  activeSignerId: string | null;
  onSigner(signerId: string): void;
  /** Enter or a click: in the middle of the page in view. */
  onPlace(kind: FieldKind): void;
  /** Let go after a drag: true when it was over the page (and the field was placed there). */
  onDrop(kind: FieldKind, clientX: number, clientY: number): boolean;
}

const dragThreshold = 4;

/** Whose fields are being placed, and the kinds of field, each placed by Enter or dragged onto the page with the mouse. */
export function FieldPalette({ signers, activeSignerId, onSigner, onPlace, onDrop }: FieldPaletteProps) {
  const { t } = useTranslation();
  const hintId = useId();
  const signerHeading = useId();
  const drag = useRef<{ kind: FieldKind; x: number; y: number; moved: boolean } | null>(null);
  /** A drag ends in a click on the item it started from; that click must not place a second field. */
  const swallowClick = useRef(false);
  const [ghost, setGhost] = useState<{ kind: FieldKind; x: number; y: number } | null>(null);
  const active = signers.find((s) => s.id === activeSignerId);

  const onPointerDown = (event: PointerEvent<HTMLButtonElement>, kind: FieldKind) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { kind, x: event.clientX, y: event.clientY, moved: false };
  };
  const onPointerMove = (event: PointerEvent<HTMLButtonElement>) => {
    const d = drag.current;
    if (!d) return;
    if (!d.moved && Math.hypot(event.clientX - d.x, event.clientY - d.y) < dragThreshold) return;
    d.moved = true;
    setGhost({ kind: d.kind, x: event.clientX, y: event.clientY });
  };
  const onPointerUp = (event: PointerEvent<HTMLButtonElement>) => {
    const d = drag.current;
    drag.current = null;
    setGhost(null);
    if (!d?.moved) return;
    swallowClick.current = true;
    onDrop(d.kind, event.clientX, event.clientY);
  };

  return (
    <div className="field-editor-palette">
      <section aria-labelledby={signerHeading}>
        <h3 id={signerHeading}>{t('fieldEditor.placingFor')}</h3>
        {signers.length === 0 ? <p className="muted">{t('fieldEditor.noSigners')}</p> : null}
        <div role="radiogroup" aria-labelledby={signerHeading} className="field-editor-signers">
          {signers.map((signer) => (
            <label key={signer.id} className="field-editor-signer" style={{ '--signer': signer.color } as CSSProperties}>
              <input type="radio" name={signerHeading} checked={signer.id === activeSignerId} onChange={() => onSigner(signer.id)} />
              <span className="field-editor-swatch" aria-hidden="true" />
              <span>
                {signer.name}
                <span className="muted"> · {t(`board.side.${signer.side}`)}</span>
              </span>
            </label>
          ))}
        </div>
      </section>
      <section aria-label={t('fieldEditor.palette')}>
        <h3>{t('fieldEditor.palette')}</h3>
        <p id={hintId} className="field-hint">
          {t('fieldEditor.paletteHint')}
        </p>
        <ul className="field-editor-kinds" style={{ '--signer': active?.color ?? '#5b6b7c' } as CSSProperties}>
          {fieldKinds.map((kind) => (
            <li key={kind}>
              <button
                type="button"
                className="field-editor-kind"
                aria-describedby={hintId}
                aria-disabled={!active}
                onPointerDown={(event) => onPointerDown(event, kind)}
                onPointerMove={onPointerMove}
                onPointerUp={onPointerUp}
                onPointerCancel={() => {
                  drag.current = null;
                  setGhost(null);
                }}
                onClick={() => {
                  if (swallowClick.current) swallowClick.current = false;
                  else if (active) onPlace(kind);
                }}
              >
                {t(`fieldEditor.kind.${kind}`)}
              </button>
            </li>
          ))}
        </ul>
      </section>
      {ghost ? (
        <div className="field-editor-ghost" style={{ left: ghost.x, top: ghost.y, '--signer': active?.color ?? '#5b6b7c' } as CSSProperties} aria-hidden="true">
          {t(`fieldEditor.kind.${ghost.kind}`)}
        </div>
      ) : null}
    </div>
  );
}
