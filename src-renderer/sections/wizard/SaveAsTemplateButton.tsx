import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Template } from '../../../src-shared/templates/types';
import { api } from '../../api';
import { TextField } from '../../components/Field';
import { FormDialog } from '../../components/FormDialog';
import { useAppStore } from '../../state/app-store';

export interface SaveAsTemplateButtonProps {
  /** The document whose file, fields and signer places the template keeps (a Draft or one already sent). */
  documentId: string;
  /** The name the dialog proposes. */
  title: string;
  disabled?: boolean | undefined;
  /**
   * Runs before the save, e.g. to store what the current wizard step holds, since the template is made from what the
   * document has stored; what it throws is shown in the dialog and nothing is saved.
   */
  beforeSave?: (() => Promise<void>) | undefined;
  onSaved?: ((template: Template) => void) | undefined;
}

const fields = ['name'] as const;

/** "Save as template": a button and a small dialog asking for the name (unique in the company), announcing the result. */
export function SaveAsTemplateButton({ documentId, title, disabled, beforeSave, onSaved }: SaveAsTemplateButtonProps) {
  const { t } = useTranslation();
  const announce = useAppStore((s) => s.announce);
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(title);

  const submit = async () => {
    await beforeSave?.();
    const template = await api.call('templates.saveFromDocument', { documentId, name: name.trim() });
    setOpen(false);
    announce(t('templatesUi.saved', { name: template.name }), 'info');
    onSaved?.(template);
  };

  return (
    <>
      <button
        type="button"
        className="button"
        disabled={disabled}
        onClick={() => {
          setName(title);
          setOpen(true);
        }}
      >
        {t('templatesUi.save')}
      </button>
      {open ? (
        <FormDialog title={t('templatesUi.saveTitle')} submitLabel={t('templatesUi.saveSubmit')} fields={fields} onClose={() => setOpen(false)} onSubmit={submit}>
          {(errors) => <TextField label={t('templatesUi.name')} value={name} onChange={setName} maxLength={100} required autoFocus error={errors.name} hint={t('templatesUi.saveHint')} />}
        </FormDialog>
      ) : null}
    </>
  );
}
