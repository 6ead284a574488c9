import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Signature } from './signature';
import { uploadToPng, uploadTypes, type UploadProblem } from './upload-image';

/** A picture of the signature (a scan, a photo) as PNG or JPEG, redrawn as a PNG of a sensible size. */
export function UploadPad({ onChange }: { onChange(signature: Signature | null): void }) {
  const { t } = useTranslation();
  const [image, setImage] = useState<string | null>(null);
  const [problem, setProblem] = useState<UploadProblem | null>(null);
  const inputId = useId();
  const errorId = useId();

  const choose = async (file: File | undefined) => {
    setProblem(null);
    if (!file) return;
    const result = await uploadToPng(file);
    if (result.ok) {
      setImage(result.base64);
      onChange({ method: 'uploaded', image: result.base64 });
    } else {
      setImage(null);
      setProblem(result.problem);
      onChange(null);
    }
  };

  return (
    <div className="upload-pad">
      <div className="field">
        <label htmlFor={inputId}>{t('signingUi.upload.choose')}</label>
        <input
          id={inputId}
          type="file"
          accept={uploadTypes.join(',')}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? errorId : undefined}
          onChange={(e) => void choose(e.target.files?.[0])}
        />
        <p className="field-hint">{t('signingUi.upload.hint')}</p>
        {problem ? (
          <p id={errorId} className="field-error" role="alert">
            {t(problem)}
          </p>
        ) : null}
      </div>
      {image ? (
        <div className="type-pad-preview">
          <img src={`data:image/png;base64,${image}`} alt={t('signingUi.upload.preview')} />
        </div>
      ) : null}
    </div>
  );
}
