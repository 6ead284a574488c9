import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/ConfirmDialog';

interface DiscardFieldsDialogProps {
  onKeep(): void;
  onDiscard(): void;
  /** Where saving is one call (the wizard's step), "Save and leave" as well; what it throws is shown in the dialog. */
  onSave?: (() => Promise<void>) | undefined;
}

/** "Discard the changes?" over the field editor: Keep editing has the focus, so a stray Enter or Escape loses nothing. */
export function DiscardFieldsDialog({ onKeep, onDiscard, onSave }: DiscardFieldsDialogProps) {
  const { t } = useTranslation();
  return (
    <ConfirmDialog
      title={t('fieldEditor.discard.title')}
      question={t('fieldEditor.discard.question')}
      confirmLabel={t('fieldEditor.discard.confirm')}
      cancelLabel={t('fieldEditor.discard.keep')}
      onCancel={onKeep}
      onConfirm={async () => onDiscard()}
      alternative={onSave ? { label: t('fieldEditor.discard.save'), run: onSave } : undefined}
    />
  );
}
