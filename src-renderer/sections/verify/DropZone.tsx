import { useId, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ErrorNotice';
import { maxVerifyMb } from './read-file';

interface DropZoneProps {
  onFile(file: File): void;
  /** The section is being dragged over: the zone lights up (the drop itself is handled by the whole section). */
  dragging: boolean;
  error: unknown;
  inputRef: RefObject<HTMLInputElement | null>;
  /** The largest file taken, for the hint: the desktop's limit unless the page says otherwise (the portal's is lower). */
  limitMb?: number;
}

/**
 * Where a PDF comes in: dropped anywhere on the section, or picked with a real file input. The input is visually
 * hidden but stays in the tab order; its label is drawn as the button, and takes the focus ring when the input has it.
 */
export function DropZone({ onFile, dragging, error, inputRef, limitMb = maxVerifyMb }: DropZoneProps) {
  const { t } = useTranslation();
  const id = useId();
  const inputId = `${id}-file`;
  const titleId = `${id}-title`;
  const hintId = `${id}-hint`;
  return (
    <>
      <div className={`card drop-zone${dragging ? ' drop-zone-active' : ''}`} role="group" aria-labelledby={titleId}>
        <svg className="drop-zone-icon" viewBox="0 0 24 24" width="40" height="40" aria-hidden="true" focusable="false">
          <path
            d="M7 3h7l4 4v14H7zM14 3v4h4M12 10v7M9.5 14.5 12 17l2.5-2.5"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.6"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
        <p id={titleId} className="drop-zone-title">
          {t('verifyPage.dropTitle')}
        </p>
        <p className="drop-zone-or">{t('verifyPage.or')}</p>
        <input
          ref={inputRef}
          id={inputId}
          className="visually-hidden drop-zone-input"
          type="file"
          accept="application/pdf,.pdf"
          aria-describedby={hintId}
          onChange={(e) => {
            const file = e.target.files?.[0];
            // Cleared so that picking the same file again (after fixing it, say) is a change too.
            e.target.value = '';
            if (file) onFile(file);
          }}
        />
        <label htmlFor={inputId} className="button button-primary drop-zone-button">
          {t('verifyPage.choose')}
        </label>
        <p id={hintId} className="field-hint drop-zone-hint">
          {t('verifyPage.dropHint', { limitMb })}
        </p>
      </div>
      {error ? <ErrorNotice error={error} /> : null}
    </>
  );
}
