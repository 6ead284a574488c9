import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DrawPad } from './DrawPad';
import type { Signature, SignatureMethod } from './signature';
import { TypePad } from './TypePad';
import { UploadPad } from './UploadPad';

const methods: readonly SignatureMethod[] = ['drawn', 'typed', 'uploaded'];

/**
 * Draw, Type or Upload, as a tablist (arrow keys move between tabs, Home/End to the ends). Each tab keeps what was
 * made in it; the signature is the active tab's. Every panel stays mounted, so switching tabs loses no strokes.
 */
export function SignatureTabs({ signerName, onChange }: { signerName: string; onChange(signature: Signature | null): void }) {
  const { t } = useTranslation();
  const [active, setActive] = useState<SignatureMethod>('drawn');
  const made = useRef<Record<SignatureMethod, Signature | null>>({ drawn: null, typed: null, uploaded: null });
  const tabRefs = useRef<Partial<Record<SignatureMethod, HTMLButtonElement | null>>>({});
  const base = useId();
  // Read by the pads' callbacks, which may have been made before the last switch of tab (a typed name still drawing).
  const activeRef = useRef(active);

  const update = (method: SignatureMethod, signature: Signature | null) => {
    made.current[method] = signature;
    if (method === activeRef.current) onChange(signature);
  };
  const select = (method: SignatureMethod, focus = false) => {
    activeRef.current = method;
    setActive(method);
    onChange(made.current[method]);
    if (focus) tabRefs.current[method]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const at = methods.indexOf(active);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1 + methods.length, Home: 0, End: methods.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    select(methods[next % methods.length]!, true);
  };

  return (
    <div className="signature-tabs">
      <div role="tablist" aria-label={t('signingUi.tabs.label')} className="signature-tablist" onKeyDown={onKeyDown}>
        {methods.map((m) => (
          <button
            key={m}
            ref={(el) => {
              tabRefs.current[m] = el;
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${m}`}
            aria-controls={`${base}-panel-${m}`}
            aria-selected={m === active}
            tabIndex={m === active ? 0 : -1}
            className="signature-tab"
            onClick={() => select(m)}
          >
            {t(`signingUi.tabs.${m}`)}
          </button>
        ))}
      </div>
      {methods.map((m) => (
        <div key={m} role="tabpanel" id={`${base}-panel-${m}`} aria-labelledby={`${base}-tab-${m}`} hidden={m !== active} className="signature-panel">
          {m === 'drawn' ? <DrawPad onChange={(s) => update('drawn', s)} /> : m === 'typed' ? <TypePad initialName={signerName} onChange={(s) => update('typed', s)} /> : <UploadPad onChange={(s) => update('uploaded', s)} />}
        </div>
      ))}
    </div>
  );
}
