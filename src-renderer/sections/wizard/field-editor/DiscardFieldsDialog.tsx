import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../components/Dialog';

/** "Discard the changes?" over the field editor: Keep editing has the focus, so a stray Enter or Escape loses nothing. */
export function DiscardFieldsDialog({ onKeep, onDiscard }: { onKeep(): void; onDiscard(): void }) {
  const { t } = useTranslation();
  const questionId = useId();
  return (
    <Dialog
      title={t('fieldEditor.discard.title')}
      onClose={onKeep}
      size="small"
      describedBy={questionId}
      footer={
        <>
          <button type="button" className="button button-danger" onClick={onDiscard}>
            {t('fieldEditor.discard.confirm')}
          </button>
          <button type="button" className="button" onClick={onKeep} data-autofocus="">
            {t('fieldEditor.discard.keep')}
          </button>
        </>
      }
    >
      <p id={questionId}>{t('fieldEditor.discard.question')}</p>
    </Dialog>
  );
}
