import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/Field';
import { FormDialog } from '../../components/FormDialog';
import { ColorField } from './ColorField';

export interface StageValues {
  name: string;
  color: string;
}

interface StageFormDialogProps {
  title: string;
  submitLabel: string;
  /** Which of the two values this dialog asks for: a rename, a recolour, or a new stage (both). */
  asks: 'name' | 'color' | 'both';
  initial: StageValues;
  /** Under the name: what an empty name means (a default stage goes back to its translated name). */
  nameHint?: string | undefined;
  onClose(): void;
  /** Throws the service's refusal, which the dialog shows beside its field. */
  onSubmit(values: StageValues): Promise<void>;
}

const fields = ['name', 'color'] as const;

export function StageFormDialog({ title, submitLabel, asks, initial, nameHint, onClose, onSubmit }: StageFormDialogProps) {
  const { t } = useTranslation();
  const [values, setValues] = useState(initial);

  return (
    <FormDialog title={title} submitLabel={submitLabel} fields={fields} onClose={onClose} onSubmit={() => onSubmit({ name: values.name.trim(), color: values.color })}>
      {(errors) => (
        <>
          {asks !== 'color' ? (
            <TextField label={t('stagesUi.form.name')} value={values.name} onChange={(name) => setValues((v) => ({ ...v, name }))} maxLength={60} required={!nameHint} autoFocus error={errors.name} hint={nameHint} />
          ) : null}
          {asks !== 'name' ? <ColorField value={values.color} onChange={(color) => setValues((v) => ({ ...v, color }))} error={errors.color} /> : null}
        </>
      )}
    </FormDialog>
  );
}
