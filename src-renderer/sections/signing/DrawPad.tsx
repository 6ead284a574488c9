import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import SignaturePad from 'signature_pad';
import type { Signature } from './signature';
import { pngBase64 } from './typed-signature';

/**
 * A signature drawn with a mouse, a pen or a finger (signature_pad takes pointer events, so touch works as well).
 * The canvas is sized to its box at the screen's pixel density and keeps the strokes when the box changes size.
 */
export function DrawPad({ onChange }: { onChange(signature: Signature | null): void }) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePad | null>(null);
  const [strokes, setStrokes] = useState(0);
  const hintId = useId();
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  });

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const pad = new SignaturePad(canvas, { penColor: '#1a2a5a', minWidth: 0.8, maxWidth: 2.6 });
    padRef.current = pad;
    const report = () => {
      const count = pad.toData().length;
      setStrokes(count);
      onChangeRef.current(count > 0 ? { method: 'drawn', image: pngBase64(canvas) } : null);
    };
    pad.addEventListener('endStroke', report);
    const fit = () => {
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      const data = pad.toData();
      canvas.width = Math.round(canvas.offsetWidth * ratio);
      canvas.height = Math.round(canvas.offsetHeight * ratio);
      canvas.getContext('2d')?.scale(ratio, ratio);
      pad.clear();
      pad.fromData(data);
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(canvas);
    return () => {
      observer.disconnect();
      pad.removeEventListener('endStroke', report);
      pad.off();
      padRef.current = null;
    };
  }, []);

  const change = (edit: (pad: SignaturePad) => void) => {
    const pad = padRef.current;
    const canvas = canvasRef.current;
    if (!pad || !canvas) return;
    edit(pad);
    const count = pad.toData().length;
    setStrokes(count);
    onChange(count > 0 ? { method: 'drawn', image: pngBase64(canvas) } : null);
  };

  return (
    <div className="draw-pad">
      <canvas
        ref={canvasRef}
        className="draw-pad-canvas"
        role="img"
        aria-label={t('signingUi.draw.canvas')}
        aria-describedby={hintId}
        data-testid="signature-canvas"
      />
      <p id={hintId} className="field-hint">
        {t('signingUi.draw.hint')}
      </p>
      <div className="draw-pad-actions">
        <button type="button" className="button button-small" disabled={strokes === 0} onClick={() => change((pad) => pad.fromData(pad.toData().slice(0, -1)))}>
          {t('signingUi.draw.undo')}
        </button>
        <button type="button" className="button button-small" disabled={strokes === 0} onClick={() => change((pad) => pad.clear())}>
          {t('signingUi.draw.clear')}
        </button>
      </div>
    </div>
  );
}
