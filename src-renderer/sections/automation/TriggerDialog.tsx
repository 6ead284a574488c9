import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { triggerEvents, type Trigger, type TriggerEvent } from '../../../src-shared/automation/automation';
import type { User } from '../../../src-shared/company/schema';
import type { Stage } from '../../../src-shared/documents/stages';
import { CheckboxField, SelectField, TextField } from '../../components/Field';
import { stageName } from '../board/format';
import { ConditionBuilder } from './ConditionBuilder';
import { conditionFormOf, conditionOf, type TestError } from './condition-form';
import { FormDialog } from '../../components/FormDialog';

/** What saving sends: `automation.saveTrigger`'s input. */
export type TriggerInput = Omit<Trigger, 'id'> & { id?: string };

interface TriggerDialogProps {
  stage: Stage;
  trigger?: Trigger | undefined;
  users: readonly User[];
  onClose(): void;
  onSave(input: TriggerInput): Promise<void>;
}

const fields = ['name', 'event', 'condition', 'value', 'currency'] as const;

/** A trigger of a stage: the event that moves a document into it, and only if what holds (the event itself for "a condition is met"). */
export function TriggerDialog({ stage, trigger, users, onClose, onSave }: TriggerDialogProps) {
  const { t } = useTranslation();
  const [name, setName] = useState(trigger?.name ?? '');
  const [event, setEvent] = useState<TriggerEvent>(trigger?.event ?? 'companySigned');
  const [condition, setCondition] = useState(() => conditionFormOf(trigger?.condition));
  const [enabled, setEnabled] = useState(trigger?.enabled ?? true);
  const [allowBack, setAllowBack] = useState(trigger?.allowBack ?? false);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [tests, setTests] = useState<Record<number, TestError>>({});
  const needsCondition = event === 'conditionMet';

  const submit = async () => {
    const c = conditionOf(condition);
    setTests(c.errors);
    const missing = needsCondition && (!c.condition || c.condition.tests.length === 0);
    setLocalErrors(missing ? { condition: t('automation.triggers.conditionRequired') } : {});
    if (missing || Object.keys(c.errors).length > 0) return;
    const trimmed = name.trim();
    await onSave({
      ...(trigger ? { id: trigger.id } : {}),
      stageId: stage.id,
      event,
      ...(trimmed ? { name: trimmed } : {}),
      ...(c.condition && c.condition.tests.length > 0 ? { condition: c.condition } : {}),
      enabled,
      ...(allowBack ? { allowBack: true } : {}),
    });
  };

  return (
    <FormDialog
      size="large"
      className="automation-form"
      title={trigger ? t('automation.editor.editTriggerTitle', { stage: stageName(t, stage) }) : t('automation.editor.newTriggerTitle', { stage: stageName(t, stage) })}
      submitLabel={trigger ? t('common.save') : t('automation.editor.addTrigger')}
      fields={fields}
      localErrors={localErrors}
      onClose={onClose}
      onSubmit={submit}
    >
      {(errors) => (
        <>
          <p className="muted">{t('automation.section.triggersLead', { stage: stageName(t, stage) })}</p>
          <SelectField<TriggerEvent>
            label={t('automation.editor.event')}
            value={event}
            onChange={setEvent}
            options={triggerEvents.map((e) => ({ value: e, label: t(`automation.events.${e}`) }))}
            hint={t(`automation.events.hints.${event}`)}
            error={errors.event}
          />
          <ConditionBuilder
            legend={needsCondition ? t('automation.editor.conditionMet') : t('automation.editor.onlyIf')}
            hint={needsCondition ? t('automation.editor.conditionMetHint') : t('automation.editor.onlyIfHint')}
            value={condition}
            onChange={setCondition}
            users={users}
            errors={tests}
            error={errors.condition}
          />
          <TextField label={t('automation.editor.name')} hint={t('automation.editor.nameHint')} value={name} onChange={setName} maxLength={200} error={errors.name} />
          <CheckboxField label={t('automation.editor.allowBack')} hint={t('automation.editor.allowBackHint', { stage: stageName(t, stage) })} checked={allowBack} onChange={setAllowBack} />
          <CheckboxField label={t('automation.editor.enabled')} hint={t('automation.editor.enabledHint')} checked={enabled} onChange={setEnabled} />
        </>
      )}
    </FormDialog>
  );
}
