import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Signature } from './signature';
import { renderTypedSignature, typedName } from './typed-signature';

/** The signer's name, typed and drawn in a handwriting face: also the way to sign without a pointer. */
export function TypePad({ initialName, onChange }: { initialName: string; onChange(signature: Signature | null): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(initialName);
  /** The last name drawn, with its picture: shown only while it is still the name in the box. */
  const [rendered, setRendered] = useState<{ text: string; png: string } | null>(null);
  const image = rendered && rendered.text === typedName(name) ? rendered.png : null;
  const inputId = useId();

  useEffect(() => {
    const text = typedName(name);
    let live = true;
    if (!text) {
      onChange(null);
      return;
    }
    renderTypedSignature(text).then(
      (png) => {
        if (!live) return;
        setRendered({ text, png });
        onChange({ method: 'typed', image: png });
      },
      () => live && onChange(null),
    );
    return () => {
      live = false;
    };
    // onChange is the parent's setter for this tab: a new one each render must not draw the name again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [name]);

  return (
    <div className="type-pad">
      <div className="field">
        <label htmlFor={inputId}>{t('signingUi.type.name')}</label>
        <input id={inputId} value={name} maxLength={100} autoComplete="name" onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="type-pad-preview">
        {image ? <img src={`data:image/png;base64,${image}`} alt={t('signingUi.type.preview', { name: typedName(name) })} /> : <p className="muted">{t('signingUi.type.empty')}</p>}
      </div>
    </div>
  );
}
